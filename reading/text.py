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
    """Mostly Latin letters: an English message (a Chinese one may quote an English word or two)."""
    letters = sum(c.isascii() and c.isalpha() for c in text)
    cjk = sum("\u4e00" <= c <= "\u9fff" for c in text)
    return letters > 3 * cjk and letters >= 3


def language(text: str) -> Language:
    return "en" if is_english(text) else "zh"


def is_traditional(text: str) -> bool:
    return simplified(text) != text
