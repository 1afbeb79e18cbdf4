"""What comes in and what goes out of the Q&A endpoints, one model each."""
from __future__ import annotations

from typing import Any, Literal

from fastapi import Response
from pydantic import BaseModel, ConfigDict, Field

from intake.checker import Verdict
from intake.dialogue import Feedback
from intake.questions import Question
from knowledge.model import Citation


class ArticleOut(BaseModel):
    """One article of the regulation, verbatim."""
    article_no: int
    label: str
    chapter: str
    text: str
    doc: str
    items: list[dict] = []


class SearchHit(BaseModel):
    """An article retrieval ranked for the query, best first."""
    article_no: int
    label: str
    score: float
    text: str
    doc: str
    chapter: str


class SearchOut(BaseModel):
    hits: list[SearchHit]


class ChatIn(BaseModel):
    """A chat message; session_id continues a conversation this service issued."""
    model_config = ConfigDict(extra="forbid")
    message: str = Field(min_length=1, max_length=2000)  # the contract fixes 1–2,000 characters
    session_id: str | None = Field(default=None, max_length=128)


class Suggestion(BaseModel):
    """A button for the person's likely next message; the widget sends ``message`` as typed text."""

    label: str
    message: str


class ChatOut(BaseModel):
    """The answer with its citations, and the intake question or verdict when the eligibility dialogue is open."""
    session_id: str
    answer: str
    citations: list[Citation]
    intake: Question | None = None  # the intake's pending question (one fact, or a checklist)
    verdict: Verdict | None = None
    feedback: Feedback | None = None  # the intake's notice: a condition the message fails, at once
    hint: str | None = None
    conclusion: Literal["yes", "no"] | None = None  # what the rules conclude on the facts the message states
    recorded: dict[str, Any] = {}  # the facts this message recorded or changed
    recorded_text: str | None = None  # the same in words (已记下：…), so a misreading is seen
    asked: bool = True  # the message was a question (kept for the console, rateable), not an intake answer
    suggestions: list[Suggestion] = []  # buttons for the likely next message: the readings of an unclear question,
    #                                     the offer to start the check
    calendar: bool = False  # the answer is the year at a glance: the widget shows GET /api/calendar as a timeline

def typed(out: BaseModel) -> Response:
    """A reply already built as its model, sent as it is: FastAPI would otherwise validate it again against the
    route's response_model (which still documents it)."""
    return Response(out.model_dump_json(), media_type="application/json")
