"""A text answer to the eligibility check: read once (``reading.read``) against what the check expects, then
stepped by the dialogue, which never reads words itself."""
from __future__ import annotations

from intake import dialogue
from reading import Reading, read


def read_answer(state: dict, text: str) -> Reading:
    """``text`` read as an answer to the check in ``state``: against the question pending (or the facts to
    confirm) and the facts of the applicant type."""
    pending, allowed, confirming = dialogue.expecting(state)
    return read(text, pending=pending, allowed=allowed, in_check=True, confirming=confirming)


def answer_text(state: dict, text: str) -> dialogue.Turn:
    """Every fact the words state is recorded; words that state nothing readable record nothing and the same
    question comes back with a hint."""
    return dialogue.answer_reading(state, read_answer(state, text))
