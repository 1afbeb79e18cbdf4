"""Pure ranking: fuse lexical and dense unit scores, and rank articles by their best units.
A question that names an article (第十八条, 第18条, “第八条”) gets that article first."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from .numerals import cn_to_int
from .units import Unit

LEXICAL_WEIGHT = 0.5
ASKS_WHEN = re.compile(r"什么时候|什么时间|何时|哪天|几月|截止|最晚|之前要|deadline|\bwhen\b|what date", re.I)
ASKS_DURATION = re.compile(r"多久|多长|几年|有效期|期限|how long|valid", re.I)
ASKS_ADDRESS = re.compile(r"网址|哪个平台|什么平台|网站|website|url", re.I)
# A question that asks for a date, a period or an address prefers the units that state one
PRIORS: tuple[tuple[re.Pattern, re.Pattern, float], ...] = (
    (ASKS_WHEN, re.compile(r"\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月"), 0.15),
    (ASKS_DURATION, re.compile(r"有效期"), 0.15),
    (ASKS_ADDRESS, re.compile(r"https?://"), 0.15),
)
ARTICLE_MENTION = re.compile(r"第\s*([一二三四五六七八九十百零两\d]+)\s*条|\barticle\s+(\d+)\b", re.I)


def minmax(scores: np.ndarray) -> np.ndarray:
    if scores.size == 0:
        return scores
    lo, hi = float(scores.min()), float(scores.max())
    return np.zeros_like(scores) if hi - lo < 1e-9 else (scores - lo) / (hi - lo)


def fuse(lexical: np.ndarray, dense: np.ndarray, lexical_weight: float = LEXICAL_WEIGHT) -> np.ndarray:
    return lexical_weight * minmax(lexical) + (1 - lexical_weight) * minmax(dense)


def prior(query: str, units: list[Unit]) -> np.ndarray:
    """A boost for the units that state what the question asks for (a date, a period, an address)."""
    boost = np.zeros(len(units), dtype=np.float32)
    for asks, states, weight in PRIORS:
        if asks.search(query):
            boost += np.asarray([weight if states.search(u.text) else 0.0 for u in units], dtype=np.float32)
    return boost


# 暂行办法第20条, 《…办法》第十四条: an article of another document, not of this one
OTHER_DOCUMENT = re.compile(r"(?:办法|》|规定|通则|标准|条例|意见|通知)\s*(?:的)?\s*$")


def mentioned_articles(query: str) -> list[int]:
    out = []
    for m in ARTICLE_MENTION.finditer(query):
        before = query[max(0, m.start() - 6):m.start()]
        if OTHER_DOCUMENT.search(before) or (out == [] and re.search(r"[、和及]\s*$", before) and
                                              OTHER_DOCUMENT.search(query[max(0, m.start() - 14):m.start() - 5])):
            continue
        try:
            n = cn_to_int(m.group(1) or m.group(2))
        except ValueError:
            continue
        if n not in out:
            out.append(n)
    return out


# 第二十条第（三）项, 第18条（二）, 第十八条第二项
ITEM_MENTION = re.compile(r"第\s*([一二三四五六七八九十百零两\d]+)\s*条\s*(?:第\s*)?[（(]?\s*([一二三四五六七八九十\d]+)\s*[)）]?\s*(?:项|款)?")


def mentioned_items(query: str) -> list[tuple[int, int]]:
    """(article, item) pairs a question names with an item (第二十条第（三）项 → (20, 3)); 款 counts as 项 here only
    when written with brackets or 第…项."""
    out = []
    for m in ITEM_MENTION.finditer(query):
        whole = m.group(0)
        if not (re.search(r"[（(]", whole) or whole.endswith("项")):
            continue
        try:
            pair = (cn_to_int(m.group(1)), cn_to_int(m.group(2)))
        except ValueError:
            continue
        if pair not in out:
            out.append(pair)
    return out


@dataclass
class ArticleHit:
    doc: str
    doc_index: int
    article_no: int
    score: float
    units: list[tuple[Unit, float]] = field(default_factory=list)  # this article's units, best first
    named: bool = False  # the question named this article


def rank_articles(units: list[Unit], scores: np.ndarray, mentioned: list[int],
                  k: int) -> list[ArticleHit]:
    """Articles ordered by their best unit's fused score; articles the question names come first, in the
    order it names them (they are looked up in the first document, the regulation)."""
    hits: dict[tuple[int, int], ArticleHit] = {}
    for unit, score in zip(units, scores):
        doc_index = unit.doc_index
        key = (doc_index, unit.article_no)
        hit = hits.get(key)
        if hit is None:
            hit = hits[key] = ArticleHit(unit.doc, doc_index, unit.article_no, float(score))
        hit.score = max(hit.score, float(score))
        hit.units.append((unit, float(score)))
    for hit in hits.values():
        hit.units.sort(key=lambda us: -us[1])
    for rank, no in enumerate(mentioned):
        hit = hits.get((0, no))
        if hit is not None:
            hit.named = True
            hit.score = 2.0 - rank * 1e-3
    ordered = sorted(hits.values(), key=lambda h: (-h.score, h.doc_index, h.article_no))
    return ordered[:k]
