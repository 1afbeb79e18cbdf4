"""The catalogue of the facts: one entry per fact of the eligibility check, as data (``data/facts.json``).

Each entry holds the fact's type, the applicant types it applies to, its legal reference per type (article, item,
verbatim quote: a test checks every quote against the parsed regulation), its label, question, choices and hint in
Chinese and English, its unit and the law's line, its rule (what must hold and the reasons' wording), where an
enterprise can check it, and the words the reading uses for it (names, words that say it holds or not, whether it
is an event placed in time). Everything else is derived from it: the facts model, the rules, the steps of the
dialogue and its checklists, the reading's cues, and ``GET /api/facts``. The ground floor: imports nothing of the
project."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

DATA = Path(__file__).parent / "data"
LANGS = ("zh", "en")


@dataclass(frozen=True)
class Words:
    """A text in both languages."""

    zh: str
    en: str

    def __getitem__(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def format(self, **values: Any) -> "Words":
        return Words(self.zh.format(**values), self.en.format(**values))

    def as_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}


@dataclass(frozen=True)
class Ref:
    """Where the regulation sets the fact's condition for one applicant type."""

    article: int
    item: str | None
    quote: str  # verbatim from the article (or the item)


@dataclass(frozen=True)
class Choice:
    value: Any
    label: Words


@dataclass(frozen=True)
class RuleText:
    """What the rule reading this fact says: what must hold, and the reason when it passes or fails."""

    holds: str  # "true", "false", "above_line", "below_line", "always"
    condition: Words
    passed: Words
    failed: Words
    by_value: Mapping[Any, Words] = field(default_factory=dict)


@dataclass(frozen=True)
class Vocabulary:
    """The words the reading uses for a fact (plain words, no patterns). A word with "…" in it is two words
    close together (供应商…培育: 供应商 then 培育 within a few characters)."""

    names: tuple[str, ...] = ()  # words that name the fact
    not_names: tuple[str, ...] = ()  # longer words that hold a name without naming the fact (电厂 for 厂)
    holds: tuple[str, ...] = ()  # words that say the fact holds, negation and all (未被移出)
    denies: tuple[str, ...] = ()  # words that say it no longer holds (已移出, 整改完成)
    event: bool = False  # an event placed in time: only one inside the look-back counts (近三年)
    short: Words = Words("", "")  # the fact's name in a word or two, as a reply echoes it
    labels: tuple[str, ...] = ()  # the names people give the fact when they restate it (停产：14个月; Standard: yes)


@dataclass(frozen=True)
class Fact:
    name: str
    type: str  # "boolean", "number", "choice"
    applicant_types: tuple[str, ...]
    refs: Mapping[str, Ref]  # applicant type → reference
    step: str  # the dialogue's step that asks it
    label: Words  # the fact in a few words, as the regulation words the condition
    question: Words  # may use {subject}, {subject_en}, {clause}, {clause_en} and the law's values
    hint: Words | None
    choices: tuple[Choice, ...] | None  # buttons other than yes / no / not sure
    unit: Words | None
    line: float | None  # the law's line for a number
    minimum: float | None
    maximum: float | None
    rule: RuleText | None
    where_to_check: Words | None
    vocabulary: Vocabulary
    why: Words | None = None

    def ref(self, applicant_type: str | None) -> Ref:
        if applicant_type in self.refs:
            return self.refs[applicant_type]
        return next(iter(self.refs.values()))


@dataclass(frozen=True)
class Step:
    name: str
    checklist: Words | None  # the checklist's question, when the step asks several facts at once
    why: Words | None


@dataclass(frozen=True)
class LawNumber:
    """A number the regulation sets that is no fact's line (the look-back of 第十八条)."""

    value: int
    article: int
    quote: str


@dataclass(frozen=True)
class Catalogue:
    lookback_years: LawNumber
    applicant_types: Mapping[str, Words]
    address: Mapping[str, Words]  # how a question addresses the applicant, by type ("" for unknown)
    context: Mapping[str, Mapping[str, str]]  # who a reason speaks of, and the paragraph of 第十四条, by type
    steps: tuple[Step, ...]
    facts: Mapping[str, Fact]
    boolean_choices: tuple[Choice, ...]
    boolean_hint: Words
    checklist_hint: Words

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.facts)

    def step_facts(self, step: str) -> tuple[str, ...]:
        return tuple(f.name for f in self.facts.values() if f.step == step)


def _words(d: Any) -> Words | None:
    return None if d is None else Words(d["zh"], d["en"])


def _fact(d: dict) -> Fact:
    refs = {t: Ref(r["article"], r.get("item"), r["quote"]) for t, r in d["refs"].items()}
    rule = d.get("rule")
    rule_text = None if rule is None else RuleText(
        rule["holds"], _words(rule["condition"]), _words(rule["passed"]), _words(rule["failed"]),
        {json.loads(k): _words(v) for k, v in (rule.get("by_value") or {}).items()})
    v = d.get("vocabulary") or {}
    vocab = Vocabulary(tuple(v.get("names", ())), tuple(v.get("not_names", ())), tuple(v.get("holds", ())),
                       tuple(v.get("denies", ())), bool(v.get("event")), _words(v.get("short")) or Words("", ""),
                       tuple(v.get("labels", ())))
    choices = d.get("choices")
    return Fact(
        name=d["name"], type=d["type"], applicant_types=tuple(d["applicant_types"]), refs=refs, step=d["step"],
        label=_words(d["label"]), question=_words(d["question"]), hint=_words(d.get("hint")),
        choices=None if choices is None else tuple(Choice(c["value"], _words(c["label"])) for c in choices),
        unit=_words(d.get("unit")), line=d.get("line"), minimum=d.get("minimum"), maximum=d.get("maximum"),
        rule=rule_text, where_to_check=_words(d.get("where_to_check")), vocabulary=vocab, why=_words(d.get("why")))


def load(path: Path | None = None) -> Catalogue:
    """The catalogue in ``path`` (default: the shipped one)."""
    raw = json.loads((path or DATA / "facts.json").read_text(encoding="utf-8"))
    facts = {d["name"]: _fact(d) for d in raw["facts"]}
    law = raw["law"]["lookback_years"]
    return Catalogue(
        lookback_years=LawNumber(law["value"], law["article"], law["quote"]),
        applicant_types={k: _words(v) for k, v in raw["applicant_types"].items()},
        address={k: _words(v) for k, v in raw["address"].items()},
        context=raw["context"],
        steps=tuple(Step(s["name"], _words(s.get("checklist")), _words(s.get("why"))) for s in raw["steps"]),
        facts=facts,
        boolean_choices=tuple(Choice(c["value"], _words(c["label"])) for c in raw["boolean_choices"]),
        boolean_hint=_words(raw["boolean_hint"]), checklist_hint=_words(raw["checklist_hint"]))


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    return load()


def fact(name: str) -> Fact:
    return catalogue().facts[name]


def facts_document() -> dict:
    """``GET /api/facts``: the applicant types and every fact with its labels, question and citation."""
    cat = catalogue()
    return {
        "applicant_types": [{"value": k, "label": v.as_dict()} for k, v in cat.applicant_types.items()],
        "facts": [{
            "name": f.name, "type": f.type, "applicant_types": list(f.applicant_types),
            "label": f.label.as_dict(), "short": f.vocabulary.short.as_dict(),
            "question": _plain_question(cat, f).as_dict(),
            "unit": f.unit.as_dict() if f.unit else None,
            "choices": ([{"value": c.value, "label": c.label.as_dict()} for c in f.choices] if f.choices else None),
            "citation": {"article_no": f.ref(None).article, "item": f.ref(None).item,
                         "quote": f.ref(None).quote},
            "citations": {t: {"article_no": r.article, "item": r.item, "quote": r.quote} for t, r in f.refs.items()},
            "where_to_check": f.where_to_check.as_dict() if f.where_to_check else None,
        } for f in cat.facts.values()],
    }


def _plain_question(cat: Catalogue, f: Fact) -> Words:
    """A fact's question addressed to an applicant of unknown type (the dialogue words it per type)."""
    return f.question.format(**placeholders(cat, None))


_CN_DIGITS = "零一二三四五六七八九十"


def placeholders(cat: Catalogue, applicant_type: str | None) -> dict[str, Any]:
    """What a question's or a reason's template may name: who is addressed, and the law's numbers."""
    years = cat.lookback_years.value
    lines = {f.name: f.line for f in cat.facts.values() if f.line is not None}
    address = cat.address[applicant_type or ""]
    return {**cat.context[applicant_type or ""], "subject": address.zh, "subject_en": address.en, "years": years,
            "years_zh": _CN_DIGITS[years] if years <= 10 else str(years),
            "share_limit": _whole(lines.get("industrial_value_added_share")),
            "halt_limit": _whole(lines.get("longest_halt_months"))}


def _whole(v: float | None) -> Any:
    return int(v) if isinstance(v, float) and v.is_integer() else v

@dataclass(frozen=True)
class Procedure:
    """What an article settles (who does what, by when, through what, for how long, with what consequence, on
    what condition), with the verbatim sentence that says it and, for an item, the sentence introducing its list."""

    article: int
    item: str | None
    asks: str  # who, when, how_long, where, how, consequence, conditions, what
    who: str | None
    answer: Words  # the item asked, in one sentence of its own
    quote: str
    lead_in: str | None
    when: tuple[int, int] | None  # (month, day) of a date each year
    obligation: bool  # 应当/须: the actor must
    questions: tuple[str, ...]  # examples of what people ask that it answers


@lru_cache(maxsize=1)
def procedures() -> tuple[Procedure, ...]:
    raw = json.loads((DATA / "procedures.json").read_text(encoding="utf-8"))["procedures"]
    return tuple(Procedure(p["article"], p.get("item"), p["asks"], p.get("who"), _words(p["answer"]), p["quote"],
                           p.get("lead_in"), (p["when"]["month"], p["when"]["day"]) if p.get("when") else None,
                           bool(p.get("obligation")), tuple(p.get("questions", ()))) for p in raw)


def calendar() -> list[Procedure]:
    """Every date the regulation sets in a year, in calendar order (the article breaking a tie)."""
    return sorted((p for p in procedures() if p.when), key=lambda p: (p.when, p.article))


__all__ = ["Procedure", "procedures", "calendar", "Catalogue", "Fact", "Ref", "Words", "Choice", "RuleText", "Vocabulary", "Step", "catalogue", "fact",
           "facts_document", "load", "placeholders", "LANGS", "LawNumber"]
