"""Chinese tokenisation for lexical retrieval: jieba with the domain dictionary, stopwords removed, and
colloquial phrasing expanded to the regulation's words."""
from __future__ import annotations

import re
import threading

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
    out = []
    for w in tokenizer().cut_for_search(text.lower()):
        w = w.strip()
        if w and w not in STOPWORDS:
            out.append(w)
    return out


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
