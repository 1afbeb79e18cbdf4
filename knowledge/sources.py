"""The documents the assistant knows: the regulation shipped with the package, plus those staff ingested."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from .model import Document
from .parse import parse_document

REGULATION_FILE = "gd_green_factory_2024.txt"


def regulation_text() -> str:
    return files("knowledge").joinpath("sources", REGULATION_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_regulation() -> Document:
    """《广东省绿色工厂梯度培育管理实施细则》, parsed once per process."""
    return parse_document(regulation_text())


def ingested_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "documents"


DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown")  # what is ingested: plain text and Markdown (a PDF as its text)


def ingested_documents(data_dir: Path | None) -> list[tuple[Path, Document]]:
    """Every document ingested into the data folder, with its file, in name order (a file being written, .tmp, is
    none yet)."""
    folder = ingested_dir(data_dir) if data_dir is not None else None
    if folder is None or not folder.is_dir():
        return []
    return [(path, parse_document(path.read_text(encoding="utf-8"), fallback_title=path.stem))
            for path in sorted(folder.iterdir()) if path.suffix.lower() in DOCUMENT_SUFFIXES]


def load_documents(data_dir: Path | None) -> list[Document]:
    """The regulation first, then every document ingested into the data folder, in name order."""
    return [load_regulation()] + [doc for _, doc in ingested_documents(data_dir)]


def document_titled(documents: list[Document], title: str) -> Document | None:
    """The document a title names, the same once normalised (``title_key``): citations name documents so."""
    key = title_key(title)
    return next((d for d in documents if title_key(d.title) == key), None)


def documents_fingerprint(documents: list[Document]) -> str:
    """Changes whenever what the index is made of changes (a title, an article, a text): it rebuilds then. Taken
    from the parsed documents themselves, so it always describes exactly what was embedded."""
    h = hashlib.sha256()
    for doc in documents:
        h.update(doc.title.encode() + b"\0")
        for a in doc.articles:
            h.update(f"{a.no}\0{a.label}\0{a.chapter}\0{a.text}\0".encode())
    return h.hexdigest()[:16]


def title_key(title: str) -> str:
    """What makes two titles the same title: NFKC, no format (zero-width) or control characters, no spaces."""
    import unicodedata

    t = unicodedata.normalize("NFKC", title)
    return "".join(c for c in t if unicodedata.category(c) not in ("Cf", "Cc") and not c.isspace()).lower()


def hidden_characters(text: str) -> bool:
    """Control or format (zero-width) characters, which show nothing and can make one title pass for another."""
    import unicodedata

    return any(unicodedata.category(c) in ("Cf", "Cc") and c not in "\n\r\t" for c in text)


def visible(text: str) -> str:
    import unicodedata

    return "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Cc") or c in "\n\r\t")
