"""The text of a PDF, through pypdf (BSD-3-Clause): page by page, as the parser reads any text. A scanned PDF
(images, no text layer) or an encrypted one is refused with its reason; OCR is out of scope."""
from __future__ import annotations

import io
import logging
import unicodedata

from .parse import DocumentError

MAX_PAGES = 500  # a policy document, not a library: bounds the work one upload can cause


def radicals_as_characters(text: str) -> str:
    """A PDF's text layer often maps glyphs to the Kangxi radicals (⼗ U+2F17 for 十, ⼯ for 工), which look the
    same and match nothing: 第⼗条 would be no heading. Only those blocks are folded (NFKC): a whole-text NFKC would
    also turn the items' full-width （一） into (一)."""
    return "".join(unicodedata.normalize("NFKC", c) if "\u2e80" <= c <= "\u2fdf" else c for c in text)


def pdf_text(data: bytes) -> tuple[str, str | None]:
    """The text and the title in the PDF's own metadata (None when it has none)."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # warnings about a sloppy PDF say nothing to staff
    try:
        reader = PdfReader(io.BytesIO(data))
        # many official PDFs carry only an owner password (no printing, no editing): their text opens with ""
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("该 PDF 已加密，无法读取文字。", "The PDF is encrypted; its text cannot be read.")
        if len(reader.pages) > MAX_PAGES:
            raise DocumentError(f"PDF 超过 {MAX_PAGES} 页。", f"The PDF has more than {MAX_PAGES} pages.")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or None
    except DocumentError:
        raise
    except Exception as exc:  # an uploaded file is untrusted input: whatever breaks the reader, it is refused
        raise DocumentError("无法读取该 PDF 文件。", f"The PDF could not be read ({type(exc).__name__}).") from None
    text = radicals_as_characters("\n".join(pages)).strip()
    if not text:
        raise DocumentError("该 PDF 没有可提取的文字（可能是扫描件）。",
                            "The PDF has no text to extract (it may be a scan).")
    return text, (title.strip() if isinstance(title, str) and title.strip() else None)
