"""When an event happened, as the person says it, placed against the look-back of 第十八条 (近三年): inside,
outside, or on its edge. Today comes from the caller (the clock in the service, a fixed date in tests)."""
from __future__ import annotations

import re
from datetime import date
from typing import Literal

from knowledge.numerals import cn_to_int

from .quantities import ENGLISH_NUMBERS
from .words import alternation, table

Placement = Literal["inside", "outside", "edge"]

_YEAR_MONTH = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:年|[-/.]|\s)\s*(\d{1,2})\s*月?(?!\d)|(?<!\d)((?:19|20)\d\d)\s*年?(?!\d)")
_MONTHS_EN = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                          "september", "october", "november", "december"), 1)}
_EN_MONTH_YEAR = re.compile(rf"\b({'|'.join(_MONTHS_EN)})\s+((?:19|20)\d\d)\b", re.I)
_AGO = re.compile(r"(\d+|[一二三四五六七八九十两]+)\s*年(?:多)?(?:以)?前|"
                  r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten) years? ago\b", re.I)


def _relative() -> re.Pattern:
    return re.compile(rf"(?:{alternation(table()['years_ago'])})", re.I)


def _span(year: int, month: int | None = None) -> tuple[date, date]:
    if month is None or not 1 <= month <= 12:
        return date(year, 1, 1), date(year, 12, 31)
    end = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, 1), date.fromordinal(end.toordinal() - 1)


def said_when(text: str, today: date) -> tuple[date, date] | None:
    """The span of time the words place the event in (2024年3月, 去年, three years ago), or None."""
    if m := _EN_MONTH_YEAR.search(text):
        return _span(int(m.group(2)), _MONTHS_EN[m.group(1).lower()])
    if m := _YEAR_MONTH.search(text):
        if m.group(1):
            return _span(int(m.group(1)), int(m.group(2)))
        return _span(int(m.group(3)))
    if m := _AGO.search(text):
        word = m.group(1) or m.group(2)
        try:
            n = ENGLISH_NUMBERS[word.lower()] if word.lower() in ENGLISH_NUMBERS else cn_to_int(word)
        except ValueError:
            return None
        # N years ago: about today's date N years back, to within the year
        return _span(today.year - n) if n else None
    if m := _relative().search(text):
        return _span(today.year - table()["years_ago"][m.group(0).lower() if m.group(0).isascii() else m.group(0)])
    return None


def placed(text: str, today: date, years: int) -> Placement | None:
    """Where the event the words date lies against the last ``years`` years before ``today``: None when the
    words give no time."""
    span = said_when(text, today)
    if span is None:
        return None
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    first, last = span
    if first >= cutoff:
        return "inside"
    if last < cutoff:
        return "outside"
    return "edge"


_MONTH_SPAN = re.compile(r"(?<!\d)(\d{1,2})\s*月份?[初中底]?[^，,。；;\d]{0,4}?(?:到|至|~|-|—)\s*(\d{1,2})\s*月份?")


def month_span(text: str) -> int | None:
    """The months a span of calendar months covers (3月份停到10月份: 7), or None."""
    m = _MONTH_SPAN.search(text)
    if m is None:
        return None
    first, last = int(m.group(1)), int(m.group(2))
    if not (1 <= first <= 12 and 1 <= last <= 12):
        return None
    return (last - first) % 12 or None
