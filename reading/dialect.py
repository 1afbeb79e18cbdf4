"""Cantonese words read as their Mandarin (冇 → 没有, 咗 → 了, 仲未 → 还未, 搞掂 → 搞定), from the table in
``catalogue/data/words.json``, so the facts' words and the polarity tables need no dialect copies. Words of the
table's ``except`` list keep their sense (系统, 联系, 仲裁)."""
from __future__ import annotations

import re
from functools import lru_cache

from .words import alternation, table


@lru_cache(maxsize=1)
def _tables() -> tuple[re.Pattern, dict[str, str]]:
    d = table()["dialect"]
    mapping = dict(d["map"])
    # the exceptions come first in the alternation, so a word that holds a dialect word is matched whole
    keep = {w: w for w in d["except"]}
    return re.compile(alternation([*keep, *mapping])), {**mapping, **keep}


def mandarin(text: str) -> str:
    """``text`` (already simplified) with its Cantonese words in Mandarin."""
    pattern, mapping = _tables()
    return pattern.sub(lambda m: mapping[m.group(0)], text)
