"""The regulation as data: document → chapter → article (条) → item (项), and the citation that points into it."""
from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel

from .numerals import cn_to_int


def article_en(article_no: int, item: str | None = None) -> str:
    """第十八条（一） as English names it: article 18(1)."""
    return f"article {article_no}" + (f"({cn_to_int(item.strip('（）'))})" if item else "")


@dataclass(frozen=True)
class Item:
    no: int
    label: str  # （一）
    text: str  # verbatim, with its label


@dataclass(frozen=True)
class Article:
    doc: str  # the document's title, as citations name it
    no: int
    label: str  # 第十八条 (or a section heading for documents without articles)
    chapter: str  # 第三章 创建程序
    text: str  # verbatim without the label; paragraphs joined by "\n"
    items: tuple[Item, ...] = ()

    @property
    def paragraphs(self) -> list[str]:
        return self.text.split("\n")


@dataclass(frozen=True)
class Chapter:
    no: int
    label: str  # 第三章
    title: str  # 创建程序

    @property
    def heading(self) -> str:
        return f"{self.label} {self.title}".strip()


@dataclass
class Document:
    title: str
    doc_number: str | None = None
    issuer: str | None = None
    issue_date: str | None = None  # ISO date
    in_force_date: str | None = None
    validity_years: int | None = None
    chapters: list[Chapter] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)

    def article(self, no: int) -> Article | None:
        return next((a for a in self.articles if a.no == no), None)


class Citation(BaseModel):
    """What an answer or a finding rests on: the document and the article, optionally the item and a quote."""

    doc: str
    article_no: int
    label: str
    item: str | None = None
    quote: str | None = None
    quote_en: str | None = None  # an unofficial English rendering of the quote (the Chinese is authoritative)

    @property
    def article_and_item(self) -> str:
        """第十八条（一）: how a reply names what it rests on."""
        return self.label + (self.item or "")

    def where(self, english: bool) -> str:
        """第十八条（一）, or in English article 18(1)."""
        return article_en(self.article_no, self.item) if english else self.article_and_item
