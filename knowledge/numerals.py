"""Chinese numerals as statutes write them (第二十三条 ↔ 23), both ways."""
from __future__ import annotations

DIGITS = "零一二三四五六七八九"
_VALUE = {c: i for i, c in enumerate(DIGITS)} | {"两": 2, "〇": 0}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_to_int(text: str) -> int:
    """Parse a Chinese (or Arabic) numeral: 十八 → 18, 二十三 → 23, 一百零五 → 105, 18 → 18."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(c not in _VALUE and c not in _UNITS for c in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, digit = 0, None
    for c in text:
        if c in _VALUE:
            digit = _VALUE[c]
        else:
            total += (1 if digit is None else digit) * _UNITS[c]
            digit = None
    return total + (digit or 0)


def int_to_cn(n: int) -> str:
    """Write 1 ≤ n < 1000 the way article numbers are written: 10 → 十, 18 → 十八, 105 → 一百零五."""
    if not 0 < n < 1000:
        raise ValueError(f"out of range: {n}")
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += DIGITS[hundreds] + "百"
        if rest and tens == 0:
            out += "零"
    if tens:
        out += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    if ones:
        out += DIGITS[ones]
    return out


def article_label(n: int) -> str:
    return f"第{int_to_cn(n)}条"


def item_label(n: int) -> str:
    return f"（{int_to_cn(n)}）"
