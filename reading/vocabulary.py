"""The catalogue's words for each fact, as matchers the reading stages use: which fact a clause names, which
words say it holds (未被移出) or no longer holds (已移出). Words are data (``catalogue/data/facts.json``); this
module only finds them. A word with "…" is two words close together (up to 10 characters apart; "……" up to 30);
a name inside one of the fact's ``not_names`` (厂 inside 电厂) does not count."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from catalogue import catalogue

_GAP = {"……": ".{0,30}?", "…": ".{0,10}?"}
_MASK = "\x00"


def _pattern(words: tuple[str, ...]) -> re.Pattern | None:
    if not words:
        return None
    alternatives = []
    for w in sorted(words, key=len, reverse=True):  # the longest word first: 停产过 before 停产
        parts = re.split(r"(……|…)", w)
        alternatives.append("".join(_GAP.get(p, re.escape(p)) for p in parts))
    return re.compile("|".join(alternatives), re.I)


@dataclass(frozen=True)
class Matcher:
    """Finds a fact's words in a text, as ``re`` would (``search``, ``finditer``, ``sub``)."""

    words: re.Pattern | None
    excluded: re.Pattern | None = None

    def _masked(self, text: str) -> str:
        if self.excluded is None:
            return text
        return self.excluded.sub(lambda m: _MASK * len(m.group(0)), text)

    def finditer(self, text: str) -> Iterator[re.Match]:
        if self.words is None:
            return iter(())
        return self.words.finditer(self._masked(text))

    def search(self, text: str) -> re.Match | None:
        return next(self.finditer(text), None)

    def sub(self, repl: str, text: str) -> str:
        out, last = [], 0
        for m in self.finditer(text):
            out.append(text[last:m.start()] + repl)
            last = m.end()
        return "".join(out) + text[last:]


@lru_cache(maxsize=1)
def cues() -> dict[str, Matcher]:
    """fact → the words that name it (the applicant type is read by its own stage)."""
    return {name: Matcher(_pattern(f.vocabulary.names), _pattern(f.vocabulary.not_names))
            for name, f in catalogue().facts.items() if f.vocabulary.names}


@lru_cache(maxsize=1)
def holds_words() -> dict[str, Matcher]:
    """fact → words that say it holds, its own negation included (且未被移出, 还没整改完)."""
    return {name: Matcher(_pattern(f.vocabulary.holds)) for name, f in catalogue().facts.items()
            if f.vocabulary.holds}


@lru_cache(maxsize=1)
def denies_words() -> dict[str, Matcher]:
    """fact → words that say it no longer holds (已移出, 整改完成)."""
    return {name: Matcher(_pattern(f.vocabulary.denies)) for name, f in catalogue().facts.items()
            if f.vocabulary.denies}


@lru_cache(maxsize=1)
def fact_labels() -> dict[str, str]:
    """A name people give a fact when they restate it (停产, 调出名单, Standard), lower case → the fact."""
    out: dict[str, str] = {}
    for name, f in catalogue().facts.items():
        for label in (*f.vocabulary.labels, f.label.zh, f.label.en):
            out.setdefault(label.lower(), name)
    return out


def events() -> tuple[str, ...]:
    """The facts that are events in time: only one inside the look-back counts."""
    return tuple(n for n, f in catalogue().facts.items() if f.vocabulary.event)
