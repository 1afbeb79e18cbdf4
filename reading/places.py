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
def _table() -> tuple[dict[str, Region], re.Pattern]:
    regions: dict[str, Region] = {}
    text = files("reading").joinpath("data").joinpath(DATA).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("name\t"):
            continue
        name, region = line.split("\t")[:2]
        name = name.strip().lower()
        if len(name) >= 2:
            regions[name] = region  # type: ignore[assignment]
    # longest names first, so 广州市 is one place and not 广州 + 市; Latin names only as whole words
    names = sorted(regions, key=len, reverse=True)
    alternatives = [rf"\b{re.escape(n)}\b" if n.isascii() else re.escape(n) for n in names]
    return regions, re.compile("|".join(alternatives))


def places(text: str) -> list[Place]:
    """The places a normalised text names, in order."""
    regions, pattern = _table()
    return [Place(m.group(0), regions[m.group(0)], m.start(), m.end()) for m in pattern.finditer(text)]


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
