"""The numbers and dates that the regulation sets, each with the article it comes from.

Rules and next steps read these instead of writing 50, 12 or "6月30日" in their bodies, so a change of the
regulation is a change here. Every ``quote`` is copied from the parsed article text (a test checks it)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from catalogue import catalogue

T = TypeVar("T")


@dataclass(frozen=True)
class LawRef:
    """Where something stands in the regulation: an article and, where there is one, its item."""

    article_no: int
    item: str | None = None


@dataclass(frozen=True)
class Parameter(Generic[T]):
    value: T
    ref: LawRef
    quote: str  # the words of the regulation that set the value
    note: str = ""  # how the words are read, where that is not obvious


@dataclass(frozen=True)
class MonthDay:
    month: int
    day: int

    def zh(self) -> str:
        return f"{self.month}月{self.day}日"

    def en(self) -> str:
        months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"]
        return f"{self.day} {months[self.month - 1]}"


def _line(name: str) -> int | float:
    line = catalogue().facts[name].line
    return int(line) if isinstance(line, float) and line.is_integer() else line


# The facts' lines are the catalogue's (one place); here with the words that set them.
# 第八条（一）"超过50%": strictly more, so a park at exactly 50% does not qualify.
INDUSTRIAL_SHARE_ABOVE = Parameter(_line("industrial_value_added_share"), LawRef(8, "（一）"), "工业增加值占比超过50%",
                                   "超过 = strictly more than")

# 第十八条（一）"连续停产12个月以上": "以上" includes the number itself, so 12 months already excludes.
HALT_MONTHS_EXCLUDED_FROM = Parameter(_line("longest_halt_months"), LawRef(18, "（一）"), "连续停产12个月以上",
                                      "以上 includes the number")

# 第十八条: the exclusions look back three years.
LOOKBACK_YEARS = Parameter(catalogue().lookback_years.value, LawRef(catalogue().lookback_years.article),
                           catalogue().lookback_years.quote)

# 第十三条: cities recommend their lists to the province by 30 June each year.
CITY_RECOMMENDATION_DEADLINE = Parameter(MonthDay(6, 30), LawRef(13), "于每年6月30日前")

# 第十四条: a provincial cultivation object stays one for three years.
CULTIVATION_YEARS = Parameter(3, LawRef(14), "省级绿色制造名单培育对象有效期为三年")

# 第十九条: listed units report their annual dynamic-management form by 15 April.
ANNUAL_REPORT_DEADLINE = Parameter(MonthDay(4, 15), LawRef(19), "每年4月15日前")

# 第二十条: cultivation objects (and provincial units aiming at the national list) submit an evaluation
# report by 30 June.
EVALUATION_REPORT_DEADLINE = Parameter(MonthDay(6, 30), LawRef(20), "当年6月30日前")

ALL_PARAMETERS: dict[str, Parameter] = {
    name: value for name, value in globals().items() if isinstance(value, Parameter)
}
