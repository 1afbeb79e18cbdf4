"""Whether a state is said to go on or to be over: 还没整改完 / 仲未搞掂 / still not removed (it goes on) against
已经移出 / 早就整改完了 / long since removed (it is over). For the facts that hold until something is done
(listed and not removed; on the rectification list and not finished). Words from ``catalogue/data/words.json``."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from .words import alternation, table

State = Literal["goes_on", "over"]


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    o = table()["ongoing"]
    finish, still, neg, already = (alternation(o[k]) for k in ("finish", "still", "not", "already"))
    goes_on = re.compile(rf"(?:{still})\s*(?:{neg})(?:有)?(?:被)?(?:按要求)?(?:{finish})|"
                         rf"(?:{neg})(?:有)?(?:被)?(?:按要求)?(?:{finish})|(?:{alternation(o['still_en'])})", re.I)
    over = re.compile(rf"(?:{already})\s*(?:被)?(?:按要求)?(?:{finish})|(?:{finish})(?:了|好了|完了)|"
                      rf"(?:{alternation(o['finished_en'])})", re.I)
    return goes_on, over


def ongoing(clause: str) -> State | None:
    """What the clause says of a state's end: it goes on, it is over, or nothing."""
    goes_on, over = _patterns()
    still = goes_on.search(clause)
    if still:
        return "goes_on"
    if over.search(clause):
        return "over"
    return None
