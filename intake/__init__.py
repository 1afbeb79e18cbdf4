"""Eligibility: facts → rules → findings → verdict, and the guided intake that collects the facts.

Modules: ``facts`` (the strict Facts model), ``law`` (numbers and dates the regulation sets), ``rules`` (one rule
per fact, with its article and item), ``checker`` (``check(facts) -> Verdict``), ``questions`` (the questions,
from the rules), ``dialogue`` (the intake state machine), ``store`` (the
session store).

The dialogue works on a plain JSON-serialisable dict that the caller keeps (e.g. in ``SessionStore``):

    state = start(applicant_type=None)               # new intake; the type question comes first unless given
    q = pending_question(state)                      # Question, or None when done
    turn = current(state)                            # the pending question (or the verdict) as a Turn, to ask again
    turn = answer_value(state, "deregistered", False)   # raises AnswerError (field, zh, en) on a bad answer
    turn = answer_reading(state, reading)            # words, read by the caller (reading.read); never raises
    state = turn.state                               # store it; turn.reply() is the JSON for the client
    turn.feedback                                    # Feedback(text, text_en, citation) when an answer fails
    verdict(state)                                   # Verdict once done, else None; assess(state) any time

Facts read from words are confirmed once (a ``confirm`` question) before a verdict rests on them.

``store.update(id, fn)`` re-runs ``fn`` when a concurrent writer wins; the dialogue functions are pure, so
they are safe to call inside it."""
from .checker import Finding, NextStep, Verdict, check
from .dialogue import (AnswerError, Feedback, Turn, answer_reading, answer_value, answer_values, answers,
                       applicant_type, assess, current, is_done, pending_question, start, verdict)
from .facts import APPLICANT_TYPES, ApplicantType, FactError, Facts, parse_facts
from .questions import APPLICANT_LABELS, Question, question, questions_for
from .rules import RULES, Rule, rules_for

__all__ = [
    "Facts", "FactError", "ApplicantType", "APPLICANT_TYPES", "parse_facts",
    "Rule", "RULES", "rules_for",
    "Verdict", "Finding", "NextStep", "check",
    "Question", "question", "questions_for", "APPLICANT_LABELS",
    "AnswerError", "Feedback", "Turn", "start", "current", "pending_question", "answer_value", "answer_values", "answer_reading",
    "answers",
    "applicant_type", "is_done", "assess", "verdict",
]
