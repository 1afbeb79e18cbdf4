"""The facts an applicant states about itself (contract section 2), strictly typed.

Every fact may be absent or ``None`` (unknown). Strict on purpose: a form that sends ``"62"`` or ``1`` for a
boolean has a bug that a lenient parser would hide, and a wrong fact gives a wrong verdict."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

ApplicantType = Literal["factory", "park", "supply_chain"]
APPLICANT_TYPES: tuple[str, ...] = get_args(ApplicantType)

# int | float keeps a whole number as the user sent it (62 stays 62, not 62.0) when answers are echoed back
Percent = Annotated[int | float, Field(ge=0, le=100, allow_inf_nan=False)]
Months = Annotated[int | float, Field(ge=0, allow_inf_nan=False)]


class Facts(BaseModel):
    """What the eligibility checker reads. Field names are the contract's fact names."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    applicant_type: ApplicantType | None = None
    already_national_listed: bool | None = None
    registered_in_guangdong: bool | None = None
    operates_in_guangdong: bool | None = None
    independent_legal_entity: bool | None = None
    manufacturing_enterprise: bool | None = None
    legal_boundary: bool | None = None
    unified_management: bool | None = None
    manufacturing_energy_function: bool | None = None
    industrial_value_added_share: Percent | None = None
    park_cultivation_plan: bool | None = None
    industry_leading: bool | None = None
    creating_green_factory: bool | None = None
    supplier_cultivation_plan: bool | None = None
    meets_national_standard: bool | None = None
    deregistered: bool | None = None
    longest_halt_months: Months | None = None
    abnormal_operation_listed: bool | None = None
    accident_or_violation: bool | None = None
    removed_from_list: bool | None = None
    inspection_serious_issue: bool | None = None
    energy_rectification_pending: bool | None = None
    dishonest_debtor: bool | None = None

    @field_validator("industrial_value_added_share", "longest_halt_months")
    @classmethod
    def _finite(cls, v):
        # JSON parsers accept NaN and Infinity; neither is a share or a duration
        if v is not None and not math.isfinite(v):
            raise ValueError("must be a finite number")
        return v


FACT_NAMES: tuple[str, ...] = tuple(Facts.model_fields)

# What each fact must look like, for error messages that tell the user how to fix the value.
_EXPECTED: dict[str, tuple[str, str]] = {
    "applicant_type": ("取值应为 \"factory\"、\"park\" 或 \"supply_chain\"（或 null）",
                       'must be "factory", "park" or "supply_chain" (or null)'),
    "industrial_value_added_share": ("应为 0 到 100 之间的数字（百分比，或 null）",
                                     "must be a number from 0 to 100 (a percentage, or null)"),
    "longest_halt_months": ("应为不小于 0 的数字（月数，或 null）", "must be a number of months, 0 or more (or null)"),
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
