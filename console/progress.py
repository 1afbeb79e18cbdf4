"""How far an intake got, from its state before and after a step: whether it started, which facts it reached,
its verdict, and whether that verdict is a new one to record. Pure; both the intake and the chat use it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from intake import dialogue
from intake.checker import Verdict


@dataclass(frozen=True)
class Progress:
    started: bool  # this step opened the intake
    reached: tuple[str, ...]  # the facts answered so far (unknown included: the question was reached)
    verdict: Verdict | None  # the verdict once every needed fact is answered
    facts: dict[str, Any]  # the facts as answered, for the audit record
    new_verdict: bool  # a verdict given for the first time, or again on changed facts: record it


def progress(before: dict | None, after: dict | None) -> Progress | None:
    """None when there is no intake after the step (never opened, or left)."""
    if after is None:
        return None
    answers = dict(dialogue.answers(after))
    verdict = dialogue.verdict(after)
    was_done = before is not None and dialogue.is_done(before)
    changed = before is None or dict(dialogue.answers(before)) != answers
    return Progress(started=before is None, reached=tuple(answers), verdict=verdict, facts=answers,
                    new_verdict=verdict is not None and (not was_done or changed))
