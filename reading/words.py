"""The reading's general words (``catalogue/data/words.json``) as the matchers its stages use."""
from __future__ import annotations

import itertools
import json
import re
from functools import lru_cache

from catalogue import DATA


@lru_cache(maxsize=1)
def table() -> dict:
    return json.loads((DATA / "words.json").read_text(encoding="utf-8"))


def alternation(words) -> str:
    """The words as one regex alternation, the longest first, each matched literally."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)


def combos(*parts) -> list[str]:
    return ["".join(p) for p in itertools.product(*parts)]


@lru_cache(maxsize=1)
def agreement() -> re.Pattern:
    return re.compile(rf"(?:{alternation(table()['agreement'])})", re.I)


@lru_cache(maxsize=1)
def corrections() -> re.Pattern:
    return re.compile(alternation(table()["corrections"]), re.I)


@lru_cache(maxsize=1)
def hedges() -> re.Pattern:
    h = table()["hedge"]
    words = [w for w in combos(h["lead"], h["not"], h["degree"], h["knowing"])
             if not w.startswith(("没清", "没准", "不准", "没好", "不好"))]
    return re.compile(alternation(words + h["words"]), re.I)


@lru_cache(maxsize=1)
def event_verbs() -> re.Pattern:
    return re.compile(alternation(table()["event_verbs"]))


@lru_cache(maxsize=1)
def proximity() -> tuple[re.Pattern, re.Pattern]:
    p = table()["proximity"]
    return (re.compile(rf"(?:{alternation(p['before'])})\s*(?:the\s+)?$", re.I),
            re.compile(rf"^\s*(?:{alternation(p['after'])})", re.I))
