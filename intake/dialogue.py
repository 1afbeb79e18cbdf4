"""The guided intake as a pure state machine over a plain dict (JSON-serialisable, so a store can keep it).

State: ``{"v": 1, "answers": {fact: value}}``; a fact answered with ``None`` was asked and is unknown. The
applicant type decides which questions apply; the dialogue is done when every one of them has an answer
(unknown counts), and its verdict is the checker's on the answers. Every function takes a state and returns
a new one; nothing is changed in place, so a store may re-run a step when a concurrent write wins."""
from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel

from knowledge import Citation

from .checker import Verdict, check, judge
from .facts import FACT_NAMES, FactError, Facts, check_fact
from .questions import APPLICANT_LABELS, Question, fields_for, question
from .rules import RULES_BY_ID, applicable_fields
from .understand import NOT_UNDERSTOOD, understand

STATE_VERSION = 1


class AnswerError(FactError):
    """An answer that cannot be recorded: an unknown fact, one that does not apply, or a bad value."""


class Feedback(BaseModel):
    """An immediate notice about the answer just given (a condition it fails, or what it changes)."""

    text: str
    text_en: str
    citation: Citation | None = None


class Turn(BaseModel):
    """What one step of the dialogue gives back: the new state and what to tell the user."""

    state: dict
    understood: bool = True
    field: str | None = None  # the fact recorded by this step
    feedback: Feedback | None = None
    hint: str | None = None  # how to answer, when the text was not understood
    question: Question | None = None
    done: bool = False
    verdict: Verdict | None = None

    def reply(self) -> dict:
        """The JSON the API and the chat send back (the state stays on the server)."""
        return {"done": self.done, "question": self.question.model_dump() if self.question else None,
                "verdict": self.verdict.model_dump() if self.verdict else None,
                "feedback": self.feedback.model_dump() if self.feedback else None, "hint": self.hint,
                "understood": self.understood}


def start(applicant_type: str | None = None, state: dict | None = None) -> dict:
    """A new intake state, or ``state`` carried on; with ``applicant_type`` the type question is already answered."""
    new = {"v": STATE_VERSION, "answers": dict(answers(state)) if state else {}}
    if applicant_type is not None:
        new = _record(new, "applicant_type", check_fact("applicant_type", applicant_type))
    return new


def answers(state: dict) -> dict[str, Any]:
    return state.get("answers", {})


def applicant_type(state: dict) -> str | None:
    return answers(state).get("applicant_type")


def relevant_fields(state: dict) -> tuple[str, ...]:
    """The facts to ask about given what is known of the applicant type, in asking order."""
    return fields_for(applicant_type(state))


def pending_field(state: dict) -> str | None:
    given = answers(state)
    return next((f for f in relevant_fields(state) if f not in given), None)


def pending_question(state: dict) -> Question | None:
    """The next question, or None when the intake is done."""
    f = pending_field(state)
    return question(f, applicant_type(state)) if f else None


def is_done(state: dict) -> bool:
    return pending_field(state) is None


def facts(state: dict) -> Facts:
    """The answers as facts, leaving out any that do not apply to the applicant type."""
    allowed = applicable_fields(applicant_type(state))
    return Facts.model_validate({k: v for k, v in answers(state).items() if k in allowed})


def assess(state: dict) -> Verdict:
    """The verdict on the answers so far (facts not yet asked are unknown)."""
    return check(facts(state))


def verdict(state: dict) -> Verdict | None:
    """The verdict once the intake is done; None before."""
    return assess(state) if is_done(state) else None


def current(state: dict) -> Turn:
    """The dialogue as it stands: its pending question (to ask again), or its verdict when done."""
    return _turn(state, None, None)


def answer_value(state: dict, field: str, value: Any) -> Turn:
    """Record ``value`` for ``field`` (None = unknown). Any fact that applies may be answered at any time; answering
    one again changes it. Raises AnswerError for an unknown fact, one of another applicant type, or a bad value."""
    if field not in FACT_NAMES:
        raise AnswerError(field, f"没有名为 {field!r} 的问题。", f"There is no question {field!r}.")
    kind = applicant_type(state)
    if field != "applicant_type" and kind is not None and field not in applicable_fields(kind):
        label = APPLICANT_LABELS[kind]
        raise AnswerError(field, f"问题 {field} 不适用于{label}。", f"Question {field} does not apply to a {kind} applicant.")
    try:
        checked = check_fact(field, value)
    except FactError as exc:
        raise AnswerError(exc.field, exc.zh, exc.en) from None
    before = applicant_type(state)
    new = _record(state, field, checked)
    return _turn(new, field, _feedback(new, field, checked, before))


def answer_text(state: dict, text: str) -> Turn:
    """Understand a free-text answer to the pending question. Text that does not answer it records nothing: the
    same question comes back with a hint (``understood`` False)."""
    q = pending_question(state)
    if q is None:
        return _turn(copy.deepcopy(state), None, None, understood=False,
                     hint="问答已完成；如需修改某项回答，请指明要修改的问题。")
    value = understand(q, text)
    if value is NOT_UNDERSTOOD:
        return _turn(copy.deepcopy(state), None, None, understood=False, hint=f"没能理解“{text.strip()[:40]}”。{q.hint}")
    try:
        return answer_value(state, q.field, value)
    except AnswerError as exc:  # understood, but out of range (a share of 150%)
        return _turn(copy.deepcopy(state), None, None, understood=False, hint=f"{exc.zh}{q.hint}")


def _record(state: dict, field: str, value: Any) -> dict:
    new = {"v": STATE_VERSION, "answers": dict(answers(state))}
    new["answers"][field] = value
    if field == "applicant_type" and value is not None:
        # a new type keeps the answers that still apply and drops the others
        allowed = applicable_fields(value)
        new["answers"] = {k: v for k, v in new["answers"].items() if k in allowed}
    return new


def _feedback(state: dict, field: str, value: Any, type_before: str | None) -> Feedback | None:
    if field == "applicant_type":
        if type_before is not None and value != type_before:
            label = APPLICANT_LABELS.get(value, "未确定类型")
            return Feedback(text=f"已改为按“{label}”核对，保留了仍然适用的回答。",
                            text_en=f"Now checking as {value or 'an unknown type'}; answers that still apply are kept.")
        return None
    rule = RULES_BY_ID.get(field)
    kind = applicant_type(state)
    if rule is None or value is None or not rule.applies_to(kind if kind in rule.refs else None):
        return None
    finding = judge(rule, facts(state))
    if field == "already_national_listed" and value is True:
        return Feedback(text=finding.reason + "我们会继续核对其余条件：列入名单后如出现第十八条所列情况，也会被移出（第二十三条）。",
                        text_en=finding.reason_en + " The remaining conditions are still checked: a listed unit is "
                                                    "removed if a situation of article 18 arises (article 23).",
                        citation=finding.citation)
    if finding.outcome != "fail":
        return None
    where = finding.citation.label + (finding.citation.item or "")
    return Feedback(text=f"请注意：按这一回答，不符合{where}。{finding.reason}我们会继续询问其余问题，以便一次列出全部不符合的条件。",
                    text_en=f"Note: by this answer, {where} is not met. {finding.reason_en} The remaining questions "
                            f"follow so that every unmet condition is listed at once.",
                    citation=finding.citation)


def _turn(state: dict, field: str | None, feedback: Feedback | None, *, understood: bool = True,
          hint: str | None = None) -> Turn:
    q = pending_question(state)
    return Turn(state=state, understood=understood, field=field, feedback=feedback, hint=hint, question=q,
                done=q is None, verdict=assess(state) if q is None else None)


__all__ = ["AnswerError", "Feedback", "Turn", "start", "current", "answers", "applicant_type", "pending_question",
           "is_done", "facts", "assess", "verdict", "answer_value", "answer_text"]
