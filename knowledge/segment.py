"""Chinese tokenisation for lexical retrieval: jieba with the domain dictionary, stopwords removed, and
colloquial phrasing expanded to the regulation's words."""
from __future__ import annotations

import re
import threading
from functools import lru_cache

import jieba

from .lexicon import DOMAIN_TERMS, STOPWORDS, SYNONYMS

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None
_LATIN = re.compile(r"[a-z0-9]+")


def tokenizer() -> jieba.Tokenizer:
    """One jieba tokenizer per process, with our dictionary (jieba's global one is shared state we leave alone)."""
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            jieba.setLogLevel(60)
            t = jieba.Tokenizer()
            for term in DOMAIN_TERMS:
                t.add_word(term, freq=200000)
            for term in SYNONYMS:
                if not term.isascii():
                    t.add_word(term, freq=50000)
            t.initialize()
            _tokenizer = t
    return _tokenizer


def tokens(text: str) -> list[str]:
    """Tokens of a passage: jieba words (search mode, so long terms also yield their parts), lower-cased."""
    return list(_cut(text))


@lru_cache(maxsize=4096)
def _cut(text: str) -> tuple[str, ...]:
    # a chat cuts its question three times (scope, retrieval, composition) and the regulation's sentences again
    # for every answer that weighs them: cut once
    return tuple(w for w in (w.strip() for w in tokenizer().cut_for_search(text.lower())) if w and w not in STOPWORDS)


def expand(text: str) -> list[str]:
    """Tokens of a query plus the regulation's words for the colloquial and English ones it contains."""
    base = tokens(text)
    lowered = text.lower()
    words = set(_LATIN.findall(lowered))
    extra: list[str] = []
    for phrase, targets in SYNONYMS.items():
        hit = phrase in words if phrase.isascii() else phrase in lowered
        if hit:
            for target in targets:
                extra.extend(tokens(target))
    return base + extra


# English words too common to tell passages apart
ENGLISH_STOPWORDS = frozenset(
    "the a an of and or to in on for by with is are was were be been being what which who whom how when where why do "
    "does did can could should must will would may might it its this that these those there their they them we our us "
    "you your i my me any all each every has have had not no as at from into about than then so such if".split())


def mostly_latin(text: str) -> bool:
    """An English query (a Chinese one may hold an English word or two)."""
    letters = sum(c.isascii() and c.isalpha() for c in text)
    return letters >= 3 and letters > 3 * sum("\u4e00" <= c <= "\u9fff" for c in text)


def english_tokens(text: str) -> list[str]:
    """English words for BM25 over the English rendering: lower case, no stopwords, plural and -ing/-ed cut."""
    out = []
    for w in re.findall(r"[a-z]+", text.lower()):
        if w in ENGLISH_STOPWORDS or len(w) < 3:
            continue
        if w.endswith("ies") and len(w) > 5:
            w = w[:-3] + "y"  # companies → company
        else:
            for suffix in ("ity", "ing", "ed", "es", "s"):
                if w.endswith(suffix) and len(w) - len(suffix) >= 4:
                    w = w[: -len(suffix)]
                    break
        out.append(w)
    return out
