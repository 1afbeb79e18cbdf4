"""The conditions of the regulation: one rule per fact of the catalogue, so that every finding names one condition.

A rule says which applicant types it applies to and, for each, which article and item set it (the same fact
can rest on 第七条 for a factory and 第九条 for a supply-chain enterprise); its predicate is a small pure
function of the fact's value (True = the condition holds). Reason texts are templates filled from
``CONTEXT`` (who the subject is for the applicant type) and the law's parameters (``law.py``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Callable, Mapping

from catalogue import Fact, Words, catalogue
from knowledge import int_to_cn

from .facts import APPLICANT_TYPES
from .law import HALT_MONTHS_EXCLUDED_FROM, INDUSTRIAL_SHARE_ABOVE, LOOKBACK_YEARS, LawRef


@dataclass(frozen=True)
class Text:
    zh: str
    en: str

    def format(self, **values: Any) -> "Text":
        return Text(self.zh.format(**values), self.en.format(**values))


@dataclass(frozen=True)
class Rule:
    id: str  # the fact it reads, as named in the contract
    refs: Mapping[str, LawRef]  # applicant type → the article (and item) that sets the condition for that type
    holds: Callable[[Any], bool]  # pure: the fact's known value → the condition is met
    condition: Text  # what must be true, for "unknown" findings and for questions' "why"
    passed: Text
    failed: Text
    # texts that depend on the value rather than the outcome (第十七条 is met either way, but says different things)
    by_value: Mapping[Any, Text] = field(default_factory=dict)
    where_to_check: Text | None = None  # where an applicant finds the fact out, for an unknown finding

    @property
    def facts(self) -> tuple[str, ...]:
        return (self.id,)

    def applies_to(self, applicant_type: str | None) -> bool:
        """With the type unknown, only the rules common to every type can be judged."""
        return self.common if applicant_type is None else applicant_type in self.refs

    @property
    def common(self) -> bool:
        return set(self.refs) == set(APPLICANT_TYPES) and len(set(self.refs.values())) == 1

    def ref(self, applicant_type: str | None) -> LawRef:
        return self.refs[applicant_type] if applicant_type is not None else next(iter(self.refs.values()))


def is_true(v: Any) -> bool:
    return v is True


def is_false(v: Any) -> bool:
    return v is False


def share_above_limit(v: float) -> bool:
    return v > INDUSTRIAL_SHARE_ABOVE.value


def halt_below_limit(v: float) -> bool:
    return v < HALT_MONTHS_EXCLUDED_FROM.value


def always(v: Any) -> bool:
    return True


def _refs(**by_type: LawRef) -> Mapping[str, LawRef]:
    return MappingProxyType(by_type)


# Who a reason talks about, by applicant type (the catalogue's); 第十八条 covers a park and the enterprises in it.
CONTEXT: dict[str | None, dict[str, str]] = {(k or None): dict(v) for k, v in catalogue().context.items()}

LAW_VALUES = {
    "share_limit": INDUSTRIAL_SHARE_ABOVE.value,
    "halt_limit": HALT_MONTHS_EXCLUDED_FROM.value,
    "years": LOOKBACK_YEARS.value,
    "years_zh": int_to_cn(LOOKBACK_YEARS.value),
}

# What "holds" means for a fact, by the catalogue's word for it
PREDICATES: dict[str, Callable[[Any], bool]] = {
    "true": is_true, "false": is_false, "above_line": share_above_limit, "below_line": halt_below_limit,
    "always": always,
}


def _text(words: Words) -> Text:
    return Text(words.zh, words.en)


def _rule(f: Fact) -> Rule:
    """A fact's rule, from its catalogue entry: the references per applicant type, what must hold, the reasons."""
    assert f.rule is not None
    refs = _refs(**{t: LawRef(r.article, r.item) for t, r in f.refs.items()})
    return Rule(f.name, refs, PREDICATES[f.rule.holds], _text(f.rule.condition), _text(f.rule.passed),
                _text(f.rule.failed), MappingProxyType({k: _text(v) for k, v in f.rule.by_value.items()}),
                _text(f.where_to_check) if f.where_to_check else None)


# One rule per fact of the catalogue that has one, in the catalogue's (the regulation's) order
RULES: tuple[Rule, ...] = tuple(_rule(f) for f in catalogue().facts.values() if f.rule is not None)

RULES_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}

# Where an applicant finds an unknown fact out (the catalogue's where_to_check)
WHERE_TO_CHECK: dict[str, Text] = {r.id: r.where_to_check for r in RULES if r.where_to_check is not None}
ALREADY_LISTED = "already_national_listed"


# Pure functions of the applicant type (four values), asked several times per answer: worked out once
@lru_cache(maxsize=8)
def rules_for(applicant_type: str | None) -> tuple[Rule, ...]:
    """The rules that can be judged for the applicant type, in the regulation's order."""
    return tuple(r for r in RULES if r.applies_to(applicant_type))


@lru_cache(maxsize=8)
def needed_facts(applicant_type: str | None) -> tuple[str, ...]:
    """Every fact that applies to the type (already_national_listed included); the type itself when unknown."""
    facts = tuple(f for r in rules_for(applicant_type) for f in r.facts)
    return (("applicant_type",) if applicant_type is None else ()) + facts


@lru_cache(maxsize=8)
def applicable_fields(applicant_type: str | None) -> frozenset[str]:
    """The facts an applicant of this type may state: its rules' facts plus the type itself."""
    if applicant_type is None:
        return frozenset({"applicant_type"} | {f for r in RULES for f in r.facts})
    return frozenset(needed_facts(applicant_type)) | {"applicant_type"}


def format_number(v: float) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def explain(rule: Rule, outcome: str, value: Any, applicant_type: str | None) -> Text:
    """The reason of a finding, filled in for the applicant type and the value."""
    values = {**CONTEXT[applicant_type], **LAW_VALUES,
              "value": format_number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value}
    if outcome == "unknown":
        cond = rule.condition.format(**values)
        where = WHERE_TO_CHECK.get(rule.id)
        return Text(f"尚不清楚：{cond.zh}。" + (where.zh if where else "请补充此项。"),
                    f"Unknown whether {cond.en}. " + (where.en if where else "Please provide this fact."))
    if isinstance(value, bool) and value in rule.by_value:
        text = rule.by_value[value].format(**values)
    else:
        text = (rule.passed if outcome == "pass" else rule.failed).format(**values)
    return Text(text.zh, text.en[:1].upper() + text.en[1:])
