"""The intake's questions, from the catalogue: which facts to ask about comes from the rules that apply to the
applicant type; the wording, the labels, the steps and the checklists from the catalogue's entries; this module
only puts them together, in Chinese or English.

Order: the applicant type first (it decides which rules apply), then the national list, the conditions of
第七/八/九条, the park's share, the national standard, the halt in months, then 第十八条's other circumstances."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel

from catalogue import catalogue, placeholders
from knowledge import Citation
from knowledge.model import article_en

from .citations import cite, cite_ref
from .facts import APPLICANT_TYPES
from .law import LawRef
from .rules import RULES_BY_ID, applicable_fields

Kind = Literal["boolean", "choice", "number", "checklist", "confirm"]
Lang = Literal["zh", "en"]


class Choice(BaseModel):
    """An answer button: the value it sends (null = 不清楚)."""

    value: Any
    label: str


class CheckItem(BaseModel):
    """One tick box of a checklist: the fact it settles."""

    field: str
    label: str


class ConfirmItem(BaseModel):
    """One fact of a confirm question, with its value as recorded."""

    field: str
    label: str
    value: Any


class Question(BaseModel):
    """One question of the intake (contract section 3): one fact, a checklist of several facts of one kind, or
    the confirmation of the facts read from words, with why it is asked and how to answer."""

    field: str | None
    fields: list[str]
    text: str
    kind: Kind
    choices: list[Choice] | list[CheckItem] | list[ConfirmItem] | None = None
    citation: Citation
    why: str
    hint: str
    unit: str | None = None  # for number questions: "%" or "个月"


_CAT = catalogue()
APPLICANT_LABELS: dict[str, str] = {k: v.zh for k, v in _CAT.applicant_types.items()}
# The dialogue's steps, each the catalogue's facts of that step in the catalogue's order
STEPS: tuple[tuple[str, ...], ...] = tuple(_CAT.step_facts(s.name) for s in _CAT.steps)
_STEP_OF: dict[tuple[str, ...], object] = {facts: s for facts, s in zip(STEPS, _CAT.steps)}
CONDITIONS: tuple[str, ...] = _CAT.step_facts("conditions")
EXCLUSIONS: tuple[str, ...] = _CAT.step_facts("exclusions")
QUESTION_ORDER: tuple[str, ...] = tuple(f for step in STEPS for f in step)
# The tick box of each fact, as the regulation words the condition; every fact in a few words
CHECK_LABELS: dict[str, str] = {n: f.label.zh for n, f in _CAT.facts.items() if f.step in ("conditions", "exclusions")}
FACT_LABELS: dict[str, str] = {n: f.label.zh for n, f in _CAT.facts.items()}


def label(field: str, lang: str = "zh") -> str:
    return _CAT.facts[field].label[lang]


def unit(field: str, lang: str = "zh") -> str:
    u = _CAT.facts[field].unit
    return u[lang] if u else ""


def fact_in_words(field: str, value: Any, lang: str = "zh") -> str:
    """A fact's value as an enterprise reads it back: 是 / 否 / 不清楚, 14个月, 绿色工厂（制造企业）."""
    if field == "applicant_type":
        kind = _CAT.applicant_types.get(value)
        return kind[lang] if kind else ("未确定" if lang == "zh" else "not decided")
    if value is None:
        return "不清楚" if lang == "zh" else "not sure"
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    return f"{value:g}{unit(field, lang)}"


@lru_cache(maxsize=8)
def fields_for(applicant_type: str | None) -> tuple[str, ...]:
    """The facts to ask an applicant of this type about, in asking order (the type itself first)."""
    if applicant_type is None:  # type unknown: only what every type is asked
        return ("applicant_type",) + tuple(f for step in STEPS for f in step
                                           if f in RULES_BY_ID and RULES_BY_ID[f].common)
    allowed = applicable_fields(applicant_type)
    return tuple(f for step in STEPS for f in step if f in allowed)


def next_fields(applicant_type: str | None, answered: set[str] | frozenset[str]) -> tuple[str, ...]:
    """The facts of the next question: the first step with facts that apply and are not yet answered."""
    allowed = set(fields_for(applicant_type))
    for step in STEPS:
        left = tuple(f for f in step if f in allowed and f not in answered)
        if left:
            return left
    return ()


def _values(applicant_type: str | None) -> dict[str, Any]:
    return placeholders(_CAT, applicant_type)


def ask(fields: tuple[str, ...], applicant_type: str | None = None, lang: str = "zh") -> Question:
    """The question that asks for these facts: one fact's own question, or a checklist of several."""
    if len(fields) == 1:
        return question(fields[0], applicant_type, lang)
    step = next(s for s in STEPS if set(fields) <= set(s))
    template = _STEP_OF[step].checklist
    values = _values(applicant_type)
    text = template.format(**values)[lang]
    refs = [RULES_BY_ID[f].ref(applicant_type if applicant_type in RULES_BY_ID[f].refs else None) for f in fields]
    article = refs[0].article_no
    citation = cite(article) if article != 18 else cite(18, containing="不得申请")
    conditions = step == CONDITIONS
    if lang == "en":
        why = (f"Article {article}: {values['subject_en']} must meet these conditions." if conditions else
               f"Article 18: in the last {values['years']} years, any of these bars the application.")
    else:
        why = (f"{citation.label}：{values['subject'].removeprefix('贵')}应当符合这些条件。" if conditions else
               f"{citation.label}：近{values['years_zh']}年有所列情况的，不得申请、推荐和列入绿色制造名单。")
    return Question(field=None, fields=list(fields), text=text, kind="checklist", why=why,
                    hint=_CAT.checklist_hint[lang],
                    choices=[CheckItem(field=f, label=label(f, lang)) for f in fields], citation=citation)


def question(field: str, applicant_type: str | None = None, lang: str = "zh") -> Question:
    """The question that asks for one fact, worded for the applicant type."""
    f = _CAT.facts[field]
    values = _values(applicant_type)
    text = f.question.format(**values)[lang]
    if field == "applicant_type":
        return Question(field=field, fields=[field], text=text, kind="choice", why=f.why[lang] if f.why else "",
                        hint=f.hint[lang] if f.hint else "",
                        choices=[Choice(value=t, label=_CAT.applicant_types[t][lang]) for t in APPLICANT_TYPES],
                        citation=cite(3, containing="绿色工厂梯度培育是指"))
    rule = RULES_BY_ID[field]
    ref = rule.ref(applicant_type if applicant_type in rule.refs else None)
    citation = cite_ref(ref)
    condition = rule.condition.format(**values)
    if f.why:
        why = f.why[lang]
    elif lang == "en":
        why = f"{article_en(ref.article_no, ref.item).capitalize()}: {condition.en}."
    else:
        why = f"{citation.label}{ref.item or ''}：{condition.zh}。"
    hint = f.hint[lang] if f.hint else _CAT.boolean_hint[lang]
    kind = "number" if f.type == "number" else "boolean"
    choices = [Choice(value=c.value, label=c.label[lang]) for c in (f.choices or _CAT.boolean_choices)]
    return Question(field=field, fields=[field], text=text, kind=kind, why=why, hint=hint,
                    unit=unit(field, lang) or None, choices=choices if kind == "boolean" else None, citation=citation)


CONFIRM_TEXT = {
    "zh": "在给出结论之前，请核对我从您的话里记下的以下情况；都对的话回复“确认”，有不对的直接告诉我正确的情况。",
    "en": "Before the result, please check what I noted from your words; if it is all right, reply “confirm”, "
          "otherwise tell me what is wrong.",
}
CONFIRM_HINT = {
    "zh": "回复“对”“没错”或“确认”即可；要改某项，直接说，例如“停产：14个月”“不对，我们2024年被调出过名单”。",
    "en": "Reply “yes” or “confirm”; to change an item, say it, e.g. “Production halts: 14 months”.",
}


def confirm(recorded: dict[str, Any], applicant_type: str | None = None, lang: str = "zh") -> Question:
    """Before a verdict that rests on facts read from words: those facts, each with its value as recorded."""
    fields = list(recorded)
    first = RULES_BY_ID.get(fields[0])
    citation = cite_ref(first.ref(applicant_type if applicant_type in first.refs else None)) if first else \
        cite_ref(LawRef(3))
    why = ("结论只依据核对过的情况：从文字里读出的情况可能有误。" if lang == "zh" else
           "The result rests only on checked facts: what was read from words may be wrong.")
    return Question(field=None, fields=fields, text=CONFIRM_TEXT[lang], kind="confirm", why=why,
                    hint=CONFIRM_HINT[lang], citation=citation,
                    choices=[ConfirmItem(field=f, label=label(f, lang), value=v) for f, v in recorded.items()])


def questions_for(applicant_type: str | None, lang: str = "zh") -> list[Question]:
    """Every question an applicant of this type is asked when nothing is known beforehand."""
    out, answered = [], set()
    while fields := next_fields(applicant_type, answered):
        out.append(ask(fields, applicant_type, lang))
        answered |= set(fields)
    return out
