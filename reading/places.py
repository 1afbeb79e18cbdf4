"""Where a place is: inside Guangdong or not. Names come from reading/data/places.tsv (China's administrative
division codes as shipped by a maintained package; its header names the source), so 顺德, 博罗, 赣州, 香港 and
Hong Kong are looked up, not guessed. Pure lookups over a table loaded once."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Literal

Region = Literal["guangdong", "mainland_other", "hongkong", "macao", "taiwan", "abroad"]
DATA = "places.tsv"


@dataclass(frozen=True)
class Place:
    name: str
    region: Region
    start: int
    end: int

    @property
    def in_guangdong(self) -> bool:
        return self.region == "guangdong"


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, Region], dict[str, tuple[str, ...]]]:
    regions: dict[str, Region] = {}
    text = files("reading").joinpath("data").joinpath(DATA).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("name\t"):
            continue
        name, region = line.split("\t")[:2]
        name = name.strip().lower()
        if len(name) >= 2:
            regions[name] = region  # type: ignore[assignment]
    # By first character, longest first, so 广州市 is one place and not 广州 + 市. A scan that looks up the names
    # starting with each character costs a few microseconds a message; one regex alternation of all 1500 names
    # tried every name at every position (0.3 ms a clause, a sixth of a chat's own work).
    by_first: dict[str, list[str]] = {}
    for name in sorted(regions, key=len, reverse=True):
        by_first.setdefault(name[0], []).append(name)
    return regions, {c: tuple(names) for c, names in by_first.items()}


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what \w matches in a str pattern


def places(text: str) -> list[Place]:
    """The places a normalised text names, in order; Latin names only as whole words (in never in "inner")."""
    regions, by_first = _table()
    found, i, n = [], 0, len(text)
    while i < n:
        for name in by_first.get(text[i], ()):
            end = i + len(name)
            if text.startswith(name, i) and not (name.isascii() and (
                    (i > 0 and _word_char(text[i - 1])) or (end < n and _word_char(text[end])))):
                found.append(Place(name, regions[name], i, end))
                i = end
                break
        else:
            i += 1
    return found


# A place named as where the enterprise is (注册在江西, 工厂在香港, registered in Hong Kong) is a fact of the
# enterprise, not the jurisdiction asked about
_LOCATED = re.compile(r"(?:在|于|注册|位于|设在|设于|来自|迁到|迁往|搬到|搬去|总部|\bin|\bfrom|\bat)\s*$")


def jurisdiction_elsewhere(text: str) -> str | None:
    """The place outside Guangdong whose own policy a normalised question asks about (浙江省绿色工厂怎么申报,
    Does Zhejiang publish a list?), or None: None too where the place is where an enterprise is (注册在江西) or
    a Guangdong place is named beside it (a comparison or a description)."""
    found = places(text)
    if not found or any(p.in_guangdong for p in found):
        return None
    for p in found:
        if not _LOCATED.search(text[max(0, p.start - 6):p.start]):
            return p.name
    return None
