"""Parse a policy text (as extracted from its PDF, or plain text / Markdown) into a Document.

Pure: text in, Document out. The PDF noise it removes: page numbers (— 4 —), stray spaces where a page broke,
and spaces between CJK characters and digits (连续停产 12个月). Line wraps are joined back into paragraphs.
A heading 第X条 starts a line and continues the numbering; mentions of other articles (第十四条第一款, 第 12条,
本办法“第十一条”) sit inside lines and are left as text."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

from .model import Article, Chapter, Document, Item
from .numerals import article_label, cn_to_int

_CN_NUM = "零一二三四五六七八九十百两〇"
PAGE_NUMBER = re.compile(r"^\s*[—–-]\s*\d+\s*[—–-]\s*$")
CHAPTER_HEADING = re.compile(rf"^第([{_CN_NUM}\d]+)章(?:\s+|$)(.*)$")
ARTICLE_HEADING = re.compile(rf"^第([{_CN_NUM}\d]+)条(?:\s+|$)(.*)$")
ITEM_START = re.compile(rf"^（([{_CN_NUM}]+)）")
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
# CJK ideographs, full-width punctuation and CJK quotes: a space beside one of these is extraction noise
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’《》〔〕—"
_NOISE_SPACE = re.compile(rf"(?<=[{_CJK}])[ \t\u3000]+|[ \t\u3000]+(?=[{_CJK}])")
_SENTENCE_END = "。；：！？"
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def clean_line(line: str) -> str:
    return _NOISE_SPACE.sub("", line).strip()


def _lines(text: str) -> list[str]:
    out = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        if PAGE_NUMBER.match(raw):
            continue
        line = raw.strip()
        heading = CHAPTER_HEADING.match(line) or ARTICLE_HEADING.match(line)
        if heading and heading.group(2):  # keep the one space that separates a heading from its text
            line = line[: heading.start(2)].strip() + " " + clean_line(heading.group(2))
        else:
            line = clean_line(line)
        if line:
            out.append(line)
    return out


def _join(a: str, b: str) -> str:
    # wrapped Chinese joins directly; wrapped Latin text keeps a space between words
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return f"{a} {b}"
    return a + b


def _page_width(lines: list[str]) -> int:
    """The commonest line length: a full printed line. Shorter lines that end a sentence end a paragraph."""
    lengths = Counter(len(l) for l in lines)
    return lengths.most_common(1)[0][0] if lengths else 0


def _paragraphs(lines: list[str], width: int) -> list[str]:
    """Rejoin wrapped lines. A paragraph ends at a line that ends a sentence and is shorter than the page width,
    or before an item (（一）) starts."""
    paras: list[str] = []
    current = ""
    for line in lines:
        if current and ITEM_START.match(line):
            paras.append(current)
            current = ""
        current = _join(current, line)
        if line[-1] in _SENTENCE_END and len(line) < width - 1:
            paras.append(current)
            current = ""
    if current:
        paras.append(current)
    return paras


def _items(paragraphs: list[str]) -> tuple[Item, ...]:
    items = []
    for p in paragraphs:
        m = ITEM_START.match(p)
        if m:
            items.append(Item(no=cn_to_int(m.group(1)), label=f"（{m.group(1)}）", text=p))
    return tuple(items)


MAX_ARTICLES = 999  # 第九百九十九条: article labels are written in Chinese numerals below a thousand


class DocumentError(ValueError):
    """A text that cannot be a policy document as it stands, with the reason in Chinese and English."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


def _iso(m: re.Match | None) -> str | None:
    if m is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        raise DocumentError(f"日期无效：{m.group(0)}。", f"Invalid date: {m.group(0)}.") from None


def _metadata(front: str, whole: str, fallback_title: str) -> dict:
    flat = clean_line(front.replace("\n", ""))
    title = re.search(r"《(.+?)》", flat)
    number = re.search(r"[\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号", flat)
    issue = _DATE.search(flat)
    issuer = None
    if issue:
        before = [l for l in _lines(flat[: issue.start()].replace("。", "。\n"))]
        issuer = re.search(r"([\u4e00-\u9fff]{2,20}(?:厅|部|委员会|局|办公室|政府))$", before[-1]) if before else None
    flat_all = clean_line(whole.replace("\n", ""))
    in_force = re.search(r"自" + _DATE.pattern + r"起(?:施行|实施)", flat_all)
    validity = re.search(r"有效期\s*(\d+|[一二三四五六七八九十]+)\s*年", flat_all[-400:])
    return {
        "title": title.group(1) if title else fallback_title,
        "doc_number": number.group(0) if number else None,
        "issuer": issuer.group(1) if issuer else None,
        "issue_date": _iso(issue),
        "in_force_date": _iso(in_force),
        "validity_years": cn_to_int(validity.group(1)) if validity else None,
    }


def parse_document(text: str, fallback_title: str = "未命名文件") -> Document:
    """Parse a policy text. With 第X条 headings it yields articles; otherwise Markdown headings (or, failing
    those, the whole text) become numbered sections."""
    lines = _lines(text)
    width = _page_width(lines)
    starts = [i for i, l in enumerate(lines) if ARTICLE_HEADING.match(l)]
    if not starts:
        return _parse_sections(text, fallback_title)
    first_body = next((i for i, l in enumerate(lines) if CHAPTER_HEADING.match(l)), starts[0])
    doc = Document(**_metadata("\n".join(lines[:first_body]), text, fallback_title))
    chapter = Chapter(no=0, label="", title="")
    expected = 1
    body: list[str] = []
    head: tuple[int, Chapter] | None = None

    def close():
        if head is None:
            return
        no, ch = head
        paras = _paragraphs(body, width)
        doc.articles.append(Article(doc=doc.title, no=no, label=article_label(no), chapter=ch.heading,
                                    text="\n".join(paras), items=_items(paras)))

    for line in lines[first_body:]:
        m_ch = CHAPTER_HEADING.match(line)
        m_art = ARTICLE_HEADING.match(line)
        if m_ch and len(line) <= 20:
            close()
            head, body = None, []
            chapter = Chapter(no=cn_to_int(m_ch.group(1)), label=f"第{m_ch.group(1)}章", title=m_ch.group(2))
            doc.chapters.append(chapter)
        elif m_art and cn_to_int(m_art.group(1)) == expected:
            if expected > MAX_ARTICLES:
                raise DocumentError(f"条文过多：最多{MAX_ARTICLES}条。", f"Too many articles: at most {MAX_ARTICLES}.")
            close()
            head, body = (expected, chapter), [m_art.group(2)] if m_art.group(2) else []
            expected += 1
        elif head is not None:
            body.append(line)
    close()
    return doc


def _parse_sections(text: str, fallback_title: str) -> Document:
    """A document without articles: each Markdown heading opens a section, cited by its heading."""
    raw = text.replace("\r\n", "\n").split("\n")
    title = fallback_title
    sections: list[tuple[str, list[str]]] = []
    for line in raw:
        m = MD_HEADING.match(line.strip())
        if m and m.group(1) == "#" and title == fallback_title and not sections:
            title = clean_line(m.group(2))
        elif m:
            sections.append((clean_line(m.group(2)), []))
        elif line.strip():
            if not sections:
                sections.append(("", []))
            sections[-1][1].append(line)
    doc = Document(title=title)
    if len(sections) > MAX_ARTICLES:
        raise DocumentError(f"章节过多：最多{MAX_ARTICLES}节。", f"Too many sections: at most {MAX_ARTICLES}.")
    for no, (heading, body) in enumerate((s for s in sections if s[1]), start=1):
        lines = _lines("\n".join(body))
        paras = _paragraphs(lines, max((len(l) for l in lines), default=0) + 2)
        doc.articles.append(Article(doc=title, no=no, label=heading or f"第{no}部分", chapter="",
                                    text="\n".join(paras), items=_items(paras)))
    return doc


_DEFINES = re.compile(r"以下简称[“\"]([^”\"]{1,20})[”\"]")


def defined_terms(doc: Document) -> dict[str, int]:
    """Short names the document defines (以下简称“管理平台”) → the article that defines them."""
    out: dict[str, int] = {}
    for a in doc.articles:
        for m in _DEFINES.finditer(a.text):
            out.setdefault(m.group(1), a.no)
    return out
