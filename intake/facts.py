"""The facts an applicant states about itself (contract section 2), strictly typed, as the catalogue defines them.

Every fact may be absent or ``None`` (unknown). Strict on purpose: a form that sends ``"62"`` or ``1`` for a
boolean has a bug that a lenient parser would hide, and a wrong fact gives a wrong verdict."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, ConfigDict, Field, ValidationError, create_model

from catalogue import Fact, catalogue

_CATALOGUE = catalogue()
APPLICANT_TYPES: tuple[str, ...] = tuple(_CATALOGUE.applicant_types)
ApplicantType = Literal[APPLICANT_TYPES]  # type: ignore[valid-type]


def _finite(v):
    # JSON parsers accept NaN and Infinity; neither is a share or a duration
    if v is not None and not math.isfinite(v):
        raise ValueError("must be a finite number")
    return v


def _annotation(f: Fact) -> Any:
    """A fact's type as the contract has it: a boolean, a number within its bounds, or one of the choices."""
    if f.type == "choice":
        return ApplicantType | None
    if f.type == "number":
        # int | float keeps a whole number as sent (62 stays 62, not 62.0) when answers are echoed back
        bounds = {k: v for k, v in (("ge", f.minimum), ("le", f.maximum)) if v is not None}
        return Annotated[int | float, Field(allow_inf_nan=False, **bounds), AfterValidator(_finite)] | None
    return bool | None


# What the eligibility checker reads, one field per fact of the catalogue (the contract's names). Strict on
# purpose: a form that sends "62" or 1 for a boolean has a bug that a lenient parser would hide.
Facts = create_model(
    "Facts", __config__=ConfigDict(strict=True, extra="forbid", frozen=True),
    **{name: (_annotation(f), None) for name, f in _CATALOGUE.facts.items()})
Facts.__doc__ = "What the eligibility checker reads. Field names are the contract's fact names."

FACT_NAMES: tuple[str, ...] = tuple(Facts.model_fields)


def _expected_number(f: Fact) -> tuple[str, str]:
    low, high = f.minimum, f.maximum
    unit_zh, unit_en = (f.unit.zh, f.unit.en.strip()) if f.unit else ("", "")
    if high is not None:
        return (f"应为 {low:g} 到 {high:g} 之间的数字（{unit_zh}，或 null）", f"must be a number from {low:g} to {high:g} ({unit_en or 'a number'}, or null)")
    return (f"应为不小于 {low:g} 的数字（{unit_zh}，或 null）", f"must be a number, {low:g} or more ({unit_en or 'a number'}, or null)")


# What each fact must look like, for error messages that tell the user how to fix the value.
_EXPECTED: dict[str, tuple[str, str]] = {
    name: (("取值应为 " + "、".join(f'"{t}"' for t in APPLICANT_TYPES) + "（或 null）",
            "must be " + ", ".join(f'"{t}"' for t in APPLICANT_TYPES) + " (or null)") if f.type == "choice"
           else _expected_number(f))
    for name, f in _CATALOGUE.facts.items() if f.type != "boolean"
}
_BOOLEAN_EXPECTED = ("应为 true 或 false（不知道时为 null）", "must be true or false (null when unknown)")


@dataclass(eq=False)
class FactError(ValueError):
    """A fact that is not one of the contract's, or a value of the wrong type or out of range."""

    field: str
    zh: str
    en: str

    def __str__(self) -> str:
        return f"{self.zh} / {self.en}"


def expected(field: str) -> tuple[str, str]:
    return _EXPECTED.get(field, _BOOLEAN_EXPECTED)


def fact_error(exc: ValidationError) -> FactError:
    """The first problem of a failed validation, as a message that names the fact (Chinese and English)."""
    err = exc.errors()[0]
    loc = err.get("loc") or ()
    field = str(loc[0]) if loc else "body"
    if err.get("type") == "extra_forbidden":
        return FactError(field, f"未知的事实字段 {field!r}。", f"Unknown fact {field!r}.")
    if field == "body" or err.get("type") == "model_type":
        return FactError("body", "请求体必须是一个 JSON 对象（事实名 → 取值）。",
                         "The body must be a JSON object of facts (name → value).")
    zh, en = expected(field)
    return FactError(field, f"事实 {field} 的取值无效：{zh}。", f"Invalid value for fact {field}: {en}.")


def parse_facts(data: Any) -> Facts:
    """Facts from decoded JSON; raises FactError naming the first bad fact."""
    if not isinstance(data, dict):
        raise FactError("body", "请求体必须是一个 JSON 对象（事实名 → 取值）。",
                        "The body must be a JSON object of facts (name → value).")
    try:
        return Facts.model_validate(data)
    except ValidationError as exc:
        raise fact_error(exc) from None


def check_fact(field: str, value: Any) -> Any:
    """One fact's value, validated as Facts would; returns the value as stored."""
    if field not in FACT_NAMES:
        raise FactError(field, f"未知的事实字段 {field!r}。", f"Unknown fact {field!r}.")
    return getattr(parse_facts({field: value}), field)
