"""Numbers as people say them: durations (一年半, 一年零两个月, 大半年, 三个多月) and shares (六成, 百分之五十五,
一半多一点), read as an interval of what the words allow, then settled against the line the law draws.

Chinese numerals become digits through cn2an; what cn2an would misread (两三个月 → 23个月) is taken apart
first. Pure."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

INF = math.inf
_CN = "零〇一二两三四五六七八九十百"
_ADJACENT = {a + b: (i + 1, i + 2) for i, (a, b) in enumerate(zip("一二三四五六七八九", "二三四五六七八九十"))}
_ADJACENT["两三"] = (2, 3)


@dataclass(frozen=True)
class Quantity:
    """What the words allow: low..high (each end included or not), and the number said, if one was."""

    low: float
    high: float
    point: float | None = None
    low_open: bool = False
    high_open: bool = False

    def above(self, bar: float, *, inclusive: bool) -> bool:
        """Every value the words allow is at or above (inclusive) / strictly above the bar."""
        return self.low > bar or (self.low == bar and (inclusive or self.low_open))

    def below(self, bar: float, *, inclusive: bool) -> bool:
        return self.high < bar or (self.high == bar and (inclusive or self.high_open))


@lru_cache(maxsize=1)
def _cn2an():
    import cn2an  # a declared dependency; loaded on first use

    return cn2an


# English number words, for every reader of an English answer (durations, years ago, item one)
ENGLISH_NUMBERS: dict[str, int] = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}


def digits(text: str) -> str:
    """Chinese numerals as Arabic digits, adjacent-digit ranges (两三, 五六) written as ranges first."""
    t = re.sub("|".join(sorted(_ADJACENT, key=len, reverse=True)),
               lambda m: "{}~{}".format(*_ADJACENT[m.group(0)]), text)
    t = re.sub(r"(?<![大小零〇一二两三四五六七八九十\d])半年", "6个月", t)
    t = re.sub(r"一半|半数", "50%", t)
    t = re.sub(r"\b(" + "|".join(ENGLISH_NUMBERS) + r")\b", lambda m: str(ENGLISH_NUMBERS[m.group(1)]), t)
    try:
        return _cn2an().transform(t, "cn2an")
    except Exception:  # cn2an refuses some mixed forms; the digits already there still count
        return t


NUM = r"\d+(?:\.\d+)?"
APPROX = re.compile(r"大约|大概|约莫|约|差不多|左右|上下|估计|估摸|大致|approximately|about|around|roughly|~|大体")
NEARLY = re.compile(r"将近|接近|快|几乎|nearly|almost")
MORE_THAN = re.compile(r"(?<![没不未唔])(?<!没有)超过|多于|大于|高于|以上|不止|至少|起码|more than|over|at least")
LESS_THAN = re.compile(r"唔够|唔到|未够|不够|不到|不足|少于|小于|低于|以下|未满|不超过|没超过|没有超过|未超过|唔超过|less than|"
                       r"under|below|at most|not more than|no more than")
LOOKBACK = re.compile(r"(?:(?<![将接])近|最近|过去|这|前|头)\s*\d+\s*年(?:内|来|里|中|间)?|\d+\s*年(?:内|来|以来|前|里|中)|"
                      r"(?:19|20)\d\d\s*年|last \d+ years?|past \d+ years?")


def _unit_months(unit: str) -> float | None:
    return {"年": 12, "个月": 1, "月": 1, "周": 7 / 30, "星期": 7 / 30, "礼拜": 7 / 30, "天": 1 / 30, "日": 1 / 30,
            "year": 12, "years": 12, "month": 1, "months": 1, "week": 7 / 30, "weeks": 7 / 30, "day": 1 / 30,
            "days": 1 / 30}.get(unit)


DURATION = re.compile(
    rf"(?P<a>{NUM})\s*(?:~|到|至|-|—|或)\s*(?P<b>{NUM})\s*(?P<ru>个月|月|年|周|天|months?|years?)"
    rf"|(?P<y>{NUM})\s*年(?:零|又)?\s*(?P<ym>{NUM})\s*个?月"
    rf"|(?P<n>{NUM})\s*(?P<half>个半月|年半)"
    rf"|(?P<big>大半|小半)\s*(?P<bu>年|个月)"
    rf"|(?P<m>{NUM})\s*(?P<more>多|几)?\s*(?:(?:straight|consecutive|continuous|full|whole)\s+)?(?P<u>个多月|个月|月|年|个?周|个?星期|个?礼拜|天|months?|years?|weeks?|days?)(?P<more2>多)?"
    r"|(?P<whole>全年|一整年|整年|整整一年|a whole year|the whole year|all year)"
    r"|(?P<enhalf>a year and a half|one and a half years?)")


def _round_step(n: float) -> float:
    """What 多 leaves open after a number: 三多 → one more, 十多/五十多 → ten more, 三百多 → a hundred more."""
    if n < 10 or not n.is_integer():
        return 1
    step = 10 ** (len(str(int(n))) - 1)
    return step if n % step == 0 else 10 if n % 10 == 0 else 1


def read_duration(text: str) -> Quantity | None:
    """A length of time in months, from text already passed through ``digits``; None when it states none.
    Look-back phrases (近三年, 三年前, 2022年) are not durations."""
    t = LOOKBACK.sub(" ", text)
    m = DURATION.search(t)
    if m is None:
        return None
    g = m.groupdict()
    if g["a"]:
        per = _unit_months(g["ru"])
        q = Quantity(float(g["a"]) * per, float(g["b"]) * per)
    elif g["y"]:
        v = float(g["y"]) * 12 + float(g["ym"])
        q = Quantity(v, v, v)
    elif g["n"]:
        v = float(g["n"]) + 0.5 if g["half"] == "个半月" else float(g["n"]) * 12 + 6
        q = Quantity(v, v, v)
    elif g["big"]:
        span = 12 if g["bu"] == "年" else 1
        q = Quantity(span / 2, span, high_open=True) if g["big"] == "大半" else Quantity(0, span / 2)
    elif g["whole"]:
        q = Quantity(12, 12, 12)
    elif g["enhalf"]:
        q = Quantity(18, 18, 18)
    else:
        unit = g["u"]
        if unit == "个多月":
            unit, g["more"] = "个月", "多"
        per = _unit_months(unit.removeprefix("个"))  # 三个礼拜
        v = float(g["m"]) * per
        if g["more"] == "几":  # 十几个月: 11 to 19
            q = Quantity(v, v + 10 * per, low_open=True, high_open=True)
        elif g["more"] or g["more2"]:  # 三个多月, 一年多: above the number, below the next one; 十多个月: below 20
            q = Quantity(v, v + _round_step(float(g["m"])) * per, v, low_open=True, high_open=True)
        else:
            q = Quantity(v, v, v)
    return _hedged(q, t[:m.start()], t[m.end():])


SHARE = re.compile(
    rf"(?P<a>{NUM})\s*(?:~|到|至|-|—)\s*(?P<b>{NUM})\s*(?P<ru>%|成)"
    rf"|(?P<p>{NUM})\s*(?P<pm>多|几)?\s*(?:%|percent|个点|个?百分点)(?P<pm2>多|几)?"
    rf"|(?P<c>{NUM})\s*成\s*(?P<c2>\d|半)?(?!\d)"
    r"|(?P<half>half)"
    rf"|^\s*(?:大约|大概|约|差不多|估计|应该是|是|有)?\s*(?P<bare>{NUM})\s*(?:左右|上下|吧|啊|的样子)?\s*$")


# 三分之二 (cn2an writes it 2/3), 2/3, two-thirds: read only as the whole answer (6/30 is a date, 1/2季度 a
# quarter, 三分之一是商贸 the rest's complement), and only as a fraction of a few parts
FRACTION = re.compile(r"^\s*(?:大约|大概|约|差不多|估计|接近|将近|about|around|roughly|approximately|nearly|almost)?\s*"
                      r"(?:(?P<num>\d)\s*/\s*(?P<den>[2-5])|(?P<en>[12])[- ](?P<part>thirds?))\s*"
                      r"(?:左右|上下|吧|啊|的样子|or so)?\s*$", re.I)


def read_share(text: str) -> Quantity | None:
    """A share in percent from text already passed through ``digits``; None when it states none."""
    m = SHARE.search(text)
    if m is None:
        f = FRACTION.search(text)
        if f is None:
            return None
        num, den = (float(f.group("en")), 3.0) if f.group("en") else (float(f.group("num")), float(f.group("den")))
        if num >= den:
            return None
        v = round(num / den * 100, 1)
        return _hedged(Quantity(v, v, v), text[:f.start("num") if f.group("num") else f.start("en")], "")
    g = m.groupdict()
    if g["a"]:
        k = 10 if g["ru"] == "成" else 1
        q = Quantity(float(g["a"]) * k, float(g["b"]) * k)
    elif g["p"] and (g["pm"] or g["pm2"]):  # 六十多个百分点, 百分之五十几: above the number, below the next ten
        v = float(g["p"])
        q = Quantity(v, v + _round_step(v), low_open=True, high_open=True)
    elif g["p"] or g["bare"]:
        v = float(g["p"] or g["bare"])
        if g["bare"] and "." in g["bare"] and v < 1:  # 0.6 of the whole
            v = round(v * 100, 2)
        q = Quantity(v, v, v)
    elif g["c"]:
        v = float(g["c"]) * 10 + (5 if g["c2"] == "半" else float(g["c2"]) if g["c2"] else 0)
        q = Quantity(v, v, v)
    else:
        q = Quantity(50, 50, 50)
    if g["bare"]:  # the approximation words are inside the match: look around the number itself
        return _hedged(q, text[:m.start("bare")], text[m.end("bare"):])
    return _hedged(q, text[:m.start()], text[m.end():])


def _hedged(q: Quantity, before: str, after: str) -> Quantity:
    """Widen what the words allow for 大约/将近/超过/不到/…多一点 around the number."""
    near = before[-6:] + " " + after[:8]
    if q.point is None:
        return q
    v = q.point
    if q.low_open or q.high_open:  # 三个多月 already says which way it leans
        return q
    if re.search(r"多[1一]?点|多一些|多些|出头|挂零|more|plus", after[:6]) or MORE_THAN.search(near):
        return Quantity(v, INF, None, low_open=not re.search(r"以上|至少|起码|at least", near))
    if re.search(r"少[1一]?点|少一些|少些", after[:6]) or LESS_THAN.search(near):
        return Quantity(0, v, None, high_open=not re.search(r"以下|(?:不|没|没有|未|唔)超过|at most|no more|not more", near))
    if NEARLY.search(before[-4:]):  # 将近一年: up to and including the number itself
        return Quantity(v * 0.75, v, None)
    if APPROX.search(near):
        spread = max(1.0, abs(v) * 0.05)
        return Quantity(max(0.0, v - spread), v + spread, v)
    return q


Side = Literal["settled", "straddles"]


def settle(q: Quantity, bar: float, *, fails_from_bar_up: bool, step: float = 1) -> float | None:
    """The value to record for a quantity judged against a bar, or None when the words straddle it.

    A number said (even roughly) is recorded as said when all the words allow lies on one side; a bound with no
    number (一年多, 一半多一点, 大半年) is recorded as the nearest value on its side, so the verdict is what the
    words settle (the reply says it was recorded as a bound)."""
    # fails_from_bar_up: 12 months or more excludes (the bar itself counts with the upper side);
    # otherwise more than 50 passes (the bar itself counts with the lower side)
    if fails_from_bar_up:
        upper = q.above(bar, inclusive=True)
        lower = q.below(bar, inclusive=False) and not (q.high == bar and not q.high_open)
    else:
        upper = q.above(bar, inclusive=False) and not (q.low == bar and not q.low_open)
        lower = q.below(bar, inclusive=True)
    if not (upper or lower):
        return None
    if q.point is not None:
        return q.point
    # a closed range on one side (七八个月) is recorded as its far end, which the words said; an open one (大半年,
    # 一年多) as the nearest value on its side
    if upper:
        return q.low if not q.low_open and q.low >= bar and (q.low > bar or fails_from_bar_up) else (
            bar if fails_from_bar_up else bar + step)
    return q.high if not q.high_open and q.high <= bar and (q.high < bar or not fails_from_bar_up) else (
        bar - step if fails_from_bar_up else bar)


BARE = re.compile(rf"^\s*(?:大约|大概|约|差不多|估计|是|有)?\s*(?P<n>{NUM})\s*(?:左右|上下|吧|啊)?\s*$")


def bare_months(text: str) -> Quantity | None:
    """A number with no unit, typed to the question that asks for months."""
    m = BARE.match(text)
    if m is None:
        return None
    v = float(m.group("n"))
    return _hedged(Quantity(v, v, v), text[:m.start("n")], text[m.end("n"):])
