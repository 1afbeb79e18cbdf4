"""Free-text answers to intake questions, understood without guessing. Pure: text in, value out.

``understand(question, text)`` returns the value (``None`` = the user does not know) or ``NOT_UNDERSTOOD``.
Words are looked up in small tables; anything that could mean two things (a range, "more than 50%", two
numbers, a yes and a no) is not understood, so the dialogue asks again instead of recording a guess."""
from __future__ import annotations

import math
import re
import unicodedata
from typing import Any, Final

from knowledge import cn_to_int


class _NotUnderstood:
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NOT_UNDERSTOOD"

    def __bool__(self) -> bool:
        return False


NOT_UNDERSTOOD: Final = _NotUnderstood()

UNKNOWN_PHRASES = (
    "不清楚", "不确定", "不知道", "不晓得", "不太清楚", "说不准", "说不清", "不好说", "不了解", "不记得", "待确认",
    "没把握", "没有把握", "搞不清", "弄不清", "未知", "不详", "unknown", "not sure", "unsure", "don't know", "dont know",
    "do not know", "no idea", "idk", "无法确定", "无法判断", "说不好", "难说",
)
# Chinese yes/no words, matched at the start of the answer, longest first ("没错" before "没", "不是" before "不")
YES_WORDS = ("是的", "是啊", "是滴", "是", "对的", "对啊", "对", "有的", "有", "符合", "已经", "已", "没错", "正确", "嗯",
             "确实", "当然", "肯定", "存在", "在的", "在", "属于", "具备", "具有", "满足", "达到", "可以", "好的")
NO_WORDS = ("不是", "不对", "不符合", "不在", "不属于", "不具备", "不具有", "不满足", "不存在", "不", "没有", "没", "否",
            "无", "未", "尚未", "还没", "还没有", "从未", "从来没有", "从没", "并没有", "并未", "并非", "非", "暂无",
            "达不到", "不曾")
_CN_PREFIXES = sorted([(w, True) for w in YES_WORDS] + [(w, False) for w in NO_WORDS], key=lambda p: -len(p[0]))
YES_EN = {"yes", "y", "yeah", "yep", "yup", "true", "correct", "right", "sure", "ok", "okay"}
NO_EN = {"no", "n", "nope", "not", "false", "never", "none"}

# "more than 12 months" or "about 60 to 70%" are bounds, not values
COMPARATIVES = re.compile(r"超过|多于|大于|高于|以上|不到|不足|少于|小于|低于|以下|将近|接近|至少|最多|不超|之间|"
                          r"[<>≤≥]|more than|less than|over|under|at least|at most|between")
APPROXIMATE = re.compile(r"大约|大概|约莫|约|差不多|左右|上下|估计|应该是|大致|approximately|about|around|roughly|~")
_CN_DIGITS = "零〇一二两三四五六七八九十百"
NUMBER = rf"(?:\d+(?:\.\d+)?|[{_CN_DIGITS}]+(?:点[{_CN_DIGITS}]+)?)"
QUANTITY = re.compile(rf"({NUMBER})\s*(个半月|个月|月|年半|年|周|星期|天|日|%|percent)?")
RANGE = re.compile(rf"{NUMBER}\s*(?:%|个月|月|年)?\s*(?:到|至|-|—|~|～|或)\s*{NUMBER}")
NEVER_HALTED = re.compile(r"(?:没|未|无|不曾|从未|从没)有?(?:停|歇|中断)")
MONTHS_PER = {"个月": 1, "月": 1, "年": 12, "周": 7 / 30, "星期": 7 / 30, "天": 1 / 30, "日": 1 / 30}

APPLICANT_KEYWORDS: dict[str, tuple[str, ...]] = {
    "supply_chain": ("供应链", "supply chain", "supply-chain", "supply_chain"),
    "park": ("园区", "开发区", "高新区", "产业园", "工业区", "经济区", "industrial park", "park"),
    "factory": ("工厂", "制造企业", "制造型企业", "制造业企业", "厂", "factory", "manufacturer", "plant"),
}
ASKING = re.compile(r"什么|吗|么|怎|如何|哪|多少|是否|能否|可否|有没有|是不是|\?|？|what|how|which|can |does |is ")
SELF_DESCRIPTION = re.compile(r"(?:我们|我司|本公司|本企业|本单位|我单位|我公司|本园区|我们单位|本厂|we are|we're|we)"
                              r"(?:是|属于|为|这边是)?(?:一家|一个|一座|家|个|an?\s)?([^，。,.!?！？；;]*)")


def normalize(text: str) -> str:
    """Full-width to half-width, lower case, no surrounding blanks or closing punctuation."""
    t = unicodedata.normalize("NFKC", text or "").lower().strip()
    return t.strip(" \t\r\n。.!！?？~～,，;；、\"'“”")


def is_unknown(text: str) -> bool:
    t = normalize(text)
    return any(p in t for p in UNKNOWN_PHRASES)


def parse_boolean(text: str) -> bool | None | _NotUnderstood:
    t = normalize(text)
    if not t:
        return NOT_UNDERSTOOD
    if is_unknown(t):
        return None
    if t[0].isascii():
        word = re.match(r"[a-z']+", t)
        if word and word.group(0) in YES_EN:
            return True
        if word and word.group(0) in NO_EN:
            return False
        return NOT_UNDERSTOOD
    for word, value in _CN_PREFIXES:
        if t.startswith(word):
            return value
    return NOT_UNDERSTOOD


def cn_number(token: str) -> float:
    """A number written in Arabic or Chinese digits: 62, 6.5, 六十二, 两, 十二点五, 一二 (digit by digit)."""
    if token[0].isdigit():
        return float(token)
    whole, _, frac = token.partition("点")
    if any(u in whole for u in "十百"):
        n = float(cn_to_int(whole))
    else:
        n = float("".join(str(cn_to_int(c)) for c in whole))
    if frac:
        n += float("0." + "".join(str(cn_to_int(c)) for c in frac))
    return n


def _tidy(v: float) -> Any:
    """Whole numbers as int, so that 14 months is echoed back as 14, not 14.0. A number too large to be a
    number (400 typed digits) is not understood rather than an error."""
    if not math.isfinite(v):
        return NOT_UNDERSTOOD
    v = round(v, 2)
    return int(v) if v == int(v) else v


def _spell_out(t: str) -> str:
    """Rewrite the idioms of quantities into number + unit: 百分之六十二 → 六十二%, 六成五 → 65%, 一半 → 50%,
    一年半 → 一年半 (kept), 半年 → 6个月."""
    t = re.sub(rf"百分之({NUMBER})", r"\1%", t)
    t = re.sub(rf"([{_CN_DIGITS}\d])成([一二三四五六七八九\d])?(?![a-z])",
               lambda m: f"{cn_number(m.group(1)) * 10 + (cn_number(m.group(2)) if m.group(2) else 0):g}%", t)
    t = re.sub(r"一半|半数", "50%", t)
    t = re.sub(r"(?<![\d" + _CN_DIGITS + r"])半年", "6个月", t)
    return t


def parse_number(text: str, *, unit: str | None = None, none_means_zero: bool = False) -> Any:
    """A number from an answer. ``unit`` is "%" or "个月" (years, weeks and days are turned into months)."""
    t = normalize(text)
    if not t:
        return NOT_UNDERSTOOD
    if is_unknown(t):
        return None
    t = APPROXIMATE.sub("", _spell_out(t)).strip()
    # a Chinese numeral without a unit counts only as the whole answer: the 一 of 一直 or 一次 is not a number
    found = [(m.group(1), m.group(2)) for m in QUANTITY.finditer(t)
             if m.group(2) or m.group(1)[0].isdigit() or m.group(0) == t]
    if not found:
        if none_means_zero and (parse_boolean(t) is False or NEVER_HALTED.search(t)):  # 没有停过产, 没有, 一直没停
            return 0
        return NOT_UNDERSTOOD
    if COMPARATIVES.search(t) or RANGE.search(t):
        return NOT_UNDERSTOOD
    try:
        quantities = [(cn_number(n), u) for n, u in found]
    except ValueError:
        return NOT_UNDERSTOOD
    if unit == "个月":
        return _months(quantities)
    if len(quantities) != 1:
        return NOT_UNDERSTOOD
    value, u = quantities[0]
    if u not in (None, "%", "percent"):
        return NOT_UNDERSTOOD
    return _tidy(value)


def _months(quantities: list[tuple[float, str | None]]) -> Any:
    """One duration in months; "一年零三个月" (years then months) is the only two-number form understood."""
    if len(quantities) == 2:
        (y, uy), (m, um) = quantities
        if uy == "年" and um in ("个月", "月") and y <= 10:
            return _tidy(y * 12 + m)
        return NOT_UNDERSTOOD
    if len(quantities) != 1:
        return NOT_UNDERSTOOD
    value, u = quantities[0]
    if u is None:
        return _tidy(value)
    if u == "年半":
        return _tidy(value * 12 + 6)
    if u == "个半月":
        return _tidy(value + 0.5)
    if u == "年" and value > 100:  # a calendar year ("2022年"), not a duration
        return NOT_UNDERSTOOD
    if u in MONTHS_PER:
        return _tidy(value * MONTHS_PER[u])
    return NOT_UNDERSTOOD


def detect_applicant_type(text: str) -> str | None:
    """The applicant type a sentence describes (我们是一家工厂 → factory), or None when it names none or several.

    Where the sentence says what "we" are, the first type named there wins (我们园区想申报绿色工厂 → park)."""
    t = normalize(text)
    if not t:
        return None
    own = SELF_DESCRIPTION.search(t)
    if own:
        first = _first_type(own.group(1))
        if first:
            return first
    if ASKING.search(t):  # "绿色工厂有什么要求" asks about a type; it does not say what the user is
        return None
    named = {kind for kind, words in APPLICANT_KEYWORDS.items() if any(w in t for w in words)}
    return named.pop() if len(named) == 1 else None


def _first_type(segment: str) -> str | None:
    best: tuple[int, str] | None = None
    for kind, words in APPLICANT_KEYWORDS.items():
        for w in words:
            i = segment.find(w)
            if i >= 0 and (best is None or i < best[0]):
                best = (i, kind)
    return best[1] if best else None


def parse_choice(text: str, choices: list[tuple[Any, str]]) -> Any:
    """A choice from its value, its label, or (for the applicant type) the words that name it."""
    t = normalize(text)
    if not t:
        return NOT_UNDERSTOOD
    if is_unknown(t):
        return None
    for value, label in choices:
        if t == str(value).lower() or t == normalize(label):
            return value
    values = [v for v, _ in choices]
    if set(values) <= set(APPLICANT_KEYWORDS):
        kind = detect_applicant_type(t)
        if kind in values:
            return kind
    return NOT_UNDERSTOOD


def parse_phrases(text: str, phrases: dict[str, Any]) -> Any:
    """Answers that only make sense for one question (已移出 answers "listed and not removed?" with no)."""
    t = normalize(text)
    for phrase, value in sorted(phrases.items(), key=lambda p: -len(p[0])):
        if phrase in t:
            return value
    return NOT_UNDERSTOOD


def understand(question, text: str) -> Any:
    """The value a free-text answer gives to a question (``intake.questions.Question``); None when the user does
    not know; NOT_UNDERSTOOD when the text does not answer it."""
    from .questions import wording

    w = wording(question.field)
    if w.phrases and not is_unknown(text):
        value = parse_phrases(text, w.phrases)
        if value is not NOT_UNDERSTOOD:
            return value
    if question.kind == "boolean":
        return parse_boolean(text)
    if question.kind == "number":
        return parse_number(text, unit=question.unit, none_means_zero=w.none_means_zero)
    return parse_choice(text, [(c.value, c.label) for c in question.choices or []])
