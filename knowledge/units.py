"""Retrievable units: each article whole, each of its items, each of its sentences. Every unit cites its
parent article (and item), so a hit on a sentence is still an answer from an article."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Article, Document

UNITS_VERSION = "1"  # bump when the way units are cut changes: the index rebuilds
_SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")


@dataclass(frozen=True)
class Unit:
    id: str
    doc: str
    article_no: int
    kind: str  # article | item | sentence
    text: str  # verbatim from the article
    item: str | None = None
    context: str = ""  # what the unit is embedded and matched with besides its text (its article's lead-in)
    doc_index: int = 0  # its document's place in the index (titles may repeat: a revised copy keeps its title)

    @property
    def searchable(self) -> str:
        return f"{self.context}{self.text}"


def sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(paragraph) if len(s.strip()) > 1]


def _doc_key(doc_index: int) -> str:
    return f"d{doc_index}"


def article_units(doc_index: int, article: Article) -> list[Unit]:
    key = f"{_doc_key(doc_index)}-a{article.no}"
    heading = f"{article.label} {article.chapter} "
    units = [Unit(f"{key}", article.doc, article.no, "article", article.text, context=heading, doc_index=doc_index)]
    lead = article.paragraphs[0] if article.items else ""
    for item in article.items:
        units.append(Unit(f"{key}-i{item.no}", article.doc, article.no, "item", item.text, item=item.label,
                          context=lead, doc_index=doc_index))
    item_texts = {i.text for i in article.items}
    n = 0
    for para in article.paragraphs:
        if para in item_texts:
            continue
        parts = sentences(para)
        if len(parts) < 2 and len(article.paragraphs) < 2:
            continue  # the article is one sentence: its article unit already says it
        for s in parts:
            n += 1
            units.append(Unit(f"{key}-s{n}", article.doc, article.no, "sentence", s, context=article.label,
                              doc_index=doc_index))
    return units


def document_units(documents: list[Document]) -> list[Unit]:
    return [u for i, d in enumerate(documents) for a in d.articles for u in article_units(i, a)]
