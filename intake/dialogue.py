"""The guided intake as a pure state machine over a plain dict (JSON-serialisable, so a store can keep it).

State: ``{"v": 3, "answers": {fact: value}, "steps": [[fact…]…], "lang": "zh" | "en", "from_words": [fact…],
"confirmed": bool}``; a fact answered with ``None`` was asked and is unknown. The applicant type decides which
questions apply. Facts given by a button or by value are taken as given; facts read from words are kept in
``from_words`` and, before a verdict that rests on any of them, shown once in a ``confirm`` question. The
dialogue is done when every question has an answer (unknown counts) and that confirmation is behind it; its
verdict is the checker's on the answers. A free-text answer arrives already read (``Reading``, worked out by
the reading layer): this module never interprets words. Every function takes a state and returns
a new one; nothing is changed in place, so a store may re-run a step when a concurrent write wins."""
from __future__ import annotations

import copy
from typing import Any, Iterable, Mapping, Protocol

from pydantic import BaseModel

from knowledge import Citation

from .checker import Verdict, check, judge
from .facts import FACT_NAMES, FactError, Facts, check_fact
from .questions import APPLICANT_LABELS, Question, ask, confirm, fact_in_words, fields_for, label, next_fields
from .rules import RULES_BY_ID, applicable_fields

STATE_VERSION = 3


class FactsRead(Protocol):
    """What the reading layer read of a message's facts."""

    values: Mapping[str, Any]
    bounds: Mapping[str, str]
    unsettled: tuple[str, ...]
    sure: frozenset[str]  # given as plainly as a button would give them


class Reading(Protocol):
    """A message as the reading layer read it (``reading.Reading``): what the dialogue needs of it."""

    text: str
    language: str
    intent: str  # "answer", "confirm", "back", "restart", …
    facts: FactsRead


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
    field: str | None = None  # the fact recorded by this step (the first, when several were)
    recorded: dict[str, Any] = {}  # every fact this step recorded or changed
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
                "understood": self.understood, "recorded": dict(self.recorded)}


def start(applicant_type: str | None = None, state: dict | None = None, lang: str | None = None) -> dict:
    """A new intake state, or ``state`` carried on; with ``applicant_type`` the type question is already answered."""
    new = {"v": STATE_VERSION, "answers": dict(answers(state)) if state else {}, "steps": [],
           "lang": lang or (state or {}).get("lang") or "zh",
           "from_words": list((state or {}).get("from_words", [])), "confirmed": False}
    if applicant_type is not None:
        new = _record(new, "applicant_type", check_fact("applicant_type", applicant_type))
    return new


def language(state: dict) -> str:
    return "en" if state.get("lang") == "en" else "zh"


def with_language(state: dict, lang: str) -> dict:
    """The check goes on in the language the person now writes."""
    return state if language(state) == lang else {**state, "lang": lang}


def from_words(state: dict) -> dict[str, Any]:
    """The facts read from words that apply to the type, with their values as recorded, not yet confirmed (an
    unknown is no ground for a verdict, so it is not among them)."""
    allowed = applicable_fields(applicant_type(state))
    return {f: answers(state)[f] for f in state.get("from_words", [])
            if f in allowed and answers(state).get(f) is not None}


def confirming(state: dict) -> bool:
    """Whether the question pending is the confirmation of the facts read from words."""
    return not next_fields(applicant_type(state), frozenset(answers(state))) and _needs_confirmation(state)


def _needs_confirmation(state: dict) -> bool:
    return not state.get("confirmed") and bool(from_words(state))


def expecting(state: dict) -> tuple[tuple[str, ...], frozenset[str], bool]:
    """What a text answer is read against: the facts asked (one, a checklist's, or those to confirm), the facts
    of the applicant type, and whether the question is the confirmation."""
    allowed = applicable_fields(applicant_type(state))
    if confirming(state):
        return tuple(from_words(state)), allowed, True
    return pending_fields(state), allowed, False


def answers(state: dict) -> dict[str, Any]:
    return state.get("answers", {})


def applicant_type(state: dict) -> str | None:
    return answers(state).get("applicant_type")


def relevant_fields(state: dict) -> tuple[str, ...]:
    """The facts to ask about given what is known of the applicant type, in asking order."""
    return fields_for(applicant_type(state))


def pending_fields(state: dict) -> tuple[str, ...]:
    """The facts of the next question (one, or a checklist's); empty when every needed fact has an answer."""
    return next_fields(applicant_type(state), frozenset(answers(state)))


def pending_question(state: dict) -> Question | None:
    """The next question, or None when the intake is done."""
    fields = pending_fields(state)
    if fields:
        return ask(fields, applicant_type(state), language(state))
    if _needs_confirmation(state):
        return confirm(from_words(state), applicant_type(state), language(state))
    return None


def is_done(state: dict) -> bool:
    return not pending_fields(state) and not _needs_confirmation(state)


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
    checked = _checked(state, field, value)
    before = applicant_type(state)
    new = _remember_step(_given(_record(state, field, checked), [field]), [field])
    return _turn(new, field, _feedback(new, field, checked, before), recorded={field: checked})


def _checked(state: dict, field: str, value: Any) -> Any:
    """The value as stored, or AnswerError: an unknown fact, one of another applicant type, a bad value."""
    if field not in FACT_NAMES:
        raise AnswerError(field, f"没有名为 {field!r} 的问题。", f"There is no question {field!r}.")
    kind = applicant_type(state)
    if field != "applicant_type" and kind is not None and field not in applicable_fields(kind):
        raise AnswerError(field, f"问题 {field} 不适用于{APPLICANT_LABELS[kind]}。",
                          f"Question {field} does not apply to a {kind} applicant.")
    try:
        return check_fact(field, value)
    except FactError as exc:
        raise AnswerError(exc.field, exc.zh, exc.en) from None


def answer_values(state: dict, values: dict[str, Any], *, read: bool = False, sure: Iterable[str] = ()) -> Turn:
    """Record several facts at once (a checklist's tick boxes, a confirmation, or any facts of the type). All or
    nothing: one bad value raises AnswerError and records none. The applicant type, if given, is recorded first.
    ``read``: the values were read from words (they are confirmed before a verdict); otherwise they are taken as
    given, and a confirm question answered by values confirms what it showed. ``sure``: facts read from words
    as plain as a button (是; 都没有), taken as given."""
    was_confirming = confirming(state)
    if not isinstance(values, dict) or not values:
        raise AnswerError("values", "values 应为非空的 JSON 对象（事实名 → 取值）。",
                          "values must be a non-empty JSON object of facts.")
    ordered = sorted(values.items(), key=lambda kv: kv[0] != "applicant_type")
    new, recorded, before = state, {}, applicant_type(state)
    for field, value in ordered:
        checked = _checked(new, field, value)
        new = _record(new, field, checked)
        recorded[field] = checked
    new = _remember_step(new, list(recorded))
    if read:
        sure = set(sure)
        new = _read_from_words(_given(new, sure & set(recorded)), {f: v for f, v in recorded.items() if f not in sure},
                               answered_confirmation=was_confirming)
    else:
        new = _given(new, list(recorded))
        if was_confirming:
            new = _confirmed(new)
    notices = [n for f, v in recorded.items() if (n := _feedback(new, f, v, before)) is not None]
    return _turn(new, ordered[0][0], _merge_feedback(notices) or (notices[0] if notices else None), recorded=recorded)


def record_facts(state: dict, facts: dict[str, Any], sure: Iterable[str] = ()) -> Turn:
    """Record what the reading layer read from words (already typed by the contract): the facts that apply to
    the applicant type; those of another type are left out rather than refused. They are confirmed before a
    verdict rests on them."""
    kind = facts.get("applicant_type") or applicant_type(state)
    allowed = applicable_fields(kind)
    keep = {k: v for k, v in facts.items() if k in allowed}
    if not keep:
        return _turn(copy.deepcopy(state), None, None, understood=False)
    return answer_values(state, keep, read=True, sure=sure)


def answer_reading(state: dict, reading: Reading) -> Turn:
    """The intake step for a message already read: moves (上一题, 重新开始), a confirmation, or facts. Every
    fact it states is recorded, whichever question is pending (after the verdict too: a correction gives the
    verdict again). Text that states nothing readable records nothing: the same question comes back with a
    hint (``understood`` False)."""
    state = with_language(state, "en" if reading.language == "en" else "zh")
    if reading.intent == "back":
        return back(state)
    if reading.intent == "restart":
        new = start(lang=language(state))
        return _turn(new, None, Feedback(text="好的，已清空之前的回答，重新开始。", text_en="Starting again from the beginning."))
    facts = dict(reading.facts.values)
    if reading.intent == "confirm" and confirming(state) and not facts:
        return confirm_all(state)
    q = pending_question(state)
    if not facts:
        hint = _hint(q, reading)
        return _turn(copy.deepcopy(state), None, None, understood=False, hint=hint)
    try:
        turn = record_facts(state, facts, reading.facts.sure)
    except AnswerError as exc:  # understood, but out of range (a share of 150%)
        return _turn(copy.deepcopy(state), None, None, understood=False, hint=f"{exc.zh}{q.hint if q else ''}")
    if reading.facts.bounds:
        en = language(state) == "en"
        bound_note = ("; " if en else "；").join(
            (f"{label(f, 'en')} noted as {b}" if en else f"{label(f)}按{b}记录") for f, b in reading.facts.bounds.items())
        turn = turn.model_copy(update={"hint": f"({bound_note}; if you know the exact number, just tell me.)" if en
                                       else f"（{bound_note}；如知道具体数字，可以直接告诉我。）"})
    return turn


def confirm_all(state: dict) -> Turn:
    """对 / 没错 / 确认 to the confirm question: the facts read from words stand as recorded."""
    new = _confirmed(copy.deepcopy(state))
    return _turn(new, None, None)


HINTS = {
    "done": ("问答已完成；如需修改某项回答，直接说明即可，例如“刚才说错了，我们停产过14个月”。",
             "The check is complete; to change an answer, just say so, e.g. “Correction: we halted for 14 months”."),
    "unsettled": ("这个数字正好跨在细则规定的界线附近，没法据此判断；请告诉我具体的数字（例如“11个月”“13个月”“62%”）。",
                  "That number is right at the line the rules draw, so it cannot settle this; please give the exact "
                  "number (e.g. “11 months”, “13 months”, “62%”). "),
    "not_read": ("没能理解“{text}”。", "I did not understand “{text}”. "),
}


def _hint(q: Question | None, reading: Reading) -> str:
    en = 1 if reading.language == "en" else 0
    if q is None:
        return HINTS["done"][en]
    if reading.facts.unsettled:
        return HINTS["unsettled"][en] + (q.hint or "")
    return HINTS["not_read"][en].format(text=reading.text.strip()[:40]) + q.hint


def back(state: dict) -> Turn:
    """上一题: the answers of the last question are taken back and it is asked again."""
    steps = list(state.get("steps", []))
    if not steps:
        return _turn(copy.deepcopy(state), None, None, hint="已经是第一题了。")
    last = steps.pop()
    new = {**state, "answers": {k: v for k, v in answers(state).items() if k not in last}, "steps": steps,
           "confirmed": False}
    return _turn(new, None, Feedback(text="好的，回到上一题。", text_en="Back to the previous question."))


def _remember_step(state: dict, fields: list[str]) -> dict:
    return {**state, "steps": [*state.get("steps", []), list(fields)]}


def _confirmed(state: dict) -> dict:
    """What was read from words stands: nothing waits for a confirmation any more."""
    return {**state, "confirmed": True, "from_words": []}


def _given(state: dict, fields: Iterable[str]) -> dict:
    """Facts given by a button or by value: taken as given, never asked to be confirmed."""
    fields = set(fields)
    return {**state, "from_words": [f for f in state.get("from_words", []) if f not in fields]}


MAX_CONFIRMATIONS = 2  # a change typed at the confirmation is shown once more, then the verdict follows


def _read_from_words(state: dict, recorded: dict[str, Any], *, answered_confirmation: bool) -> dict:
    """Facts read from words wait for the confirmation. A change typed in answer to it, read from words again,
    is shown once more (only what changed) before the verdict rests on it: a misread correction would otherwise
    give a confident wrong verdict; a change as plain as a button is taken as given."""
    words = [f for f in state.get("from_words", []) if f not in recorded] + list(recorded)
    new = {**state, "from_words": words}
    if answered_confirmation:
        rounds = state.get("confirmations", 0) + 1
        again = [f for f in recorded if recorded[f] is not None]
        if again and rounds < MAX_CONFIRMATIONS:
            new = {**new, "from_words": again, "confirmations": rounds}
        else:
            new = {**_confirmed(new), "confirmations": rounds}
    return new


def _merge_feedback(notices: list[Feedback]) -> Feedback | None:
    failing = [n for n in notices if n.citation is not None]
    if len(failing) <= 1:
        return None
    return Feedback(text="\n".join(n.text for n in failing), text_en="\n".join(n.text_en for n in failing),
                    citation=failing[0].citation)


def _record(state: dict, field: str, value: Any) -> dict:
    new = {**state, "v": STATE_VERSION, "answers": dict(answers(state)), "steps": list(state.get("steps", []))}
    new["answers"][field] = value
    if field == "applicant_type" and value is not None:
        # a new type keeps the answers that still apply and drops the others
        allowed = applicable_fields(value)
        new["answers"] = {k: v for k, v in new["answers"].items() if k in allowed}
    return new


def _feedback(state: dict, field: str, value: Any, type_before: str | None) -> Feedback | None:
    if field == "applicant_type":
        if type_before is not None and value != type_before:
            return Feedback(text=f"已改为按“{fact_in_words(field, value)}”核对，保留了仍然适用的回答。",
                            text_en=f"Now checking as: {fact_in_words(field, value, 'en')}; answers that still apply "
                                    f"are kept.")
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
    where = finding.citation.article_and_item
    return Feedback(text=f"请注意：按这一回答，不符合{where}，目前已不能申报。{finding.reason}"
                         f"如需了解其余条件，可以继续回答；不想继续的话回复“算了”即可结束。",
                    text_en=f"Note: by this answer, {where} is not met, so the application is not possible now. "
                            f"{finding.reason_en} You may go on to check the remaining conditions, or say "
                            f"“stop” to end here.",
                    citation=finding.citation)


def _turn(state: dict, field: str | None, feedback: Feedback | None, *, understood: bool = True,
          hint: str | None = None, recorded: dict | None = None) -> Turn:
    q = pending_question(state)
    if q is None and not state.get("confirmed"):
        # a verdict given: what is typed after it corrects it (contract: it reaches the verdict), not asked again
        state = _confirmed(state)
    return Turn(state=state, understood=understood, field=field, feedback=feedback, hint=hint, question=q,
                done=q is None, verdict=assess(state) if q is None else None, recorded=recorded or {})


__all__ = ["AnswerError", "Feedback", "Turn", "start", "current", "answers", "applicant_type", "pending_question",
           "pending_fields", "is_done", "facts", "assess", "verdict", "answer_value", "answer_values",
           "answer_reading", "record_facts", "back", "confirm_all", "confirming", "expecting", "from_words",
           "language", "with_language", "Reading"]
