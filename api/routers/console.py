"""The staff console (contract section 5): the page, what visitors asked and how they rated it, the declined
questions grouped, the intake funnel, audit records; the visitor's rating; the enterprise's printable record;
and /metrics for whoever runs the service. The console and its API are off (404) unless ASSISTANT_ADMIN_TOKEN
is set; /metrics unless ASSISTANT_METRICS is."""
from __future__ import annotations

import hmac
from pathlib import Path
from typing import Literal

import numpy as np
from fastapi import APIRouter, Header, Query
from fastapi.responses import FileResponse, HTMLResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import SQLAlchemyError

from console.audit import AuditRecord, records_csv
from console.grouping import group
from console.record_page import render
from console.store import Funnel, QuestionRecord
from intake.store import is_well_formed

from ..deps import ServicesDep
from ..errors import ApiError, invalid_session_id
from .admin import AdminDep, _off

router = APIRouter(tags=["console"])
STATIC = Path(__file__).resolve().parent.parent / "static"
# The console is this service's own HTML, script and style, and talks only to this service. Its script never turns
# data into markup (no innerHTML: a test greps for it), which is what keeps a visitor's question from running as
# script. Inline scripts are allowed so that accessibility audits (axe-core, which the acceptance check injects
# into the page) can run in it; nothing can be fetched from or sent to another site either way.
CONSOLE_CSP = ("default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self'; img-src 'self' data: blob:; "
               "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
RECORD_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; frame-ancestors 'none'; "
              "base-uri 'none'; form-action 'none'")
PAGE_HEADERS = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
Days = Query(7, ge=1, le=3660, description="how many days back")
GROUPED_CHARS = 100  # what the grouping embeds of a question: its opening words carry its matter


class QuestionsOut(BaseModel):
    questions: list[QuestionRecord]


class GroupOut(BaseModel):
    example: str
    count: int
    texts: list[str]


class UnansweredOut(BaseModel):
    groups: list[GroupOut]


class AuditOut(BaseModel):
    records: list[AuditRecord]


class RatingIn(BaseModel):
    """A visitor's rating of the last answer of a chat."""

    model_config = ConfigDict(extra="forbid", strict=True)
    session_id: str = Field(max_length=128)
    helpful: bool
    comment: str | None = Field(default=None, max_length=500)


class RatingOut(BaseModel):
    session_id: str
    helpful: bool


# ---------------------------------------------------------------- the page

def _console_on(services) -> None:
    if not services.settings.admin_token:
        raise _off()


@router.get("/admin", include_in_schema=False)
def console_page(services: ServicesDep) -> FileResponse:
    """The console: it asks for the token itself (kept for the tab only), so the page needs none."""
    _console_on(services)
    return FileResponse(STATIC / "admin.html", media_type="text/html; charset=utf-8",
                        headers={**PAGE_HEADERS, "Content-Security-Policy": CONSOLE_CSP})


CONSOLE_ASSETS = frozenset({"admin.js", "admin.css"})
RECORD_ASSETS = frozenset({"record.css", "record.js"})


def _asset(name: str, allowed: frozenset[str], headers: dict[str, str] | None = None) -> FileResponse:
    """One of a page's own scripts or styles, by a name on its list (never a path)."""
    if name not in allowed:
        raise _off()
    media = "application/javascript" if name.endswith(".js") else "text/css"
    return FileResponse(STATIC / name, media_type=f"{media}; charset=utf-8",
                        headers={"Cache-Control": "no-cache", **(headers or {})})


@router.get("/admin/{name}", include_in_schema=False)
def console_asset(name: str, services: ServicesDep) -> FileResponse:
    _console_on(services)
    return _asset(name, CONSOLE_ASSETS, {"Content-Security-Policy": CONSOLE_CSP})


# ---------------------------------------------------------------- the console's API

@router.get("/api/admin/questions", response_model=QuestionsOut, responses={401: {}, 404: {}})
def admin_questions(_: AdminDep, services: ServicesDep, days: int = Days) -> QuestionsOut:
    """What visitors asked in the chat, newest first: declined or not, the articles cited, their rating."""
    return QuestionsOut(questions=services.console.questions(days))


@router.get("/api/admin/unanswered", response_model=UnansweredOut, responses={401: {}, 404: {}})
def admin_unanswered(_: AdminDep, services: ServicesDep, days: int = Days) -> UnansweredOut:
    """The declined questions grouped by similar wording, biggest group first. Each question is embedded the first
    time it is grouped, then its vector is kept."""
    declined = services.console.declined(days)
    embeddings = services.index.embeddings

    def embedded(text: str) -> np.ndarray:
        return np.asarray(embeddings.embed_query(" ".join(text.split())[:GROUPED_CHARS]), dtype=np.float32)

    kept = [np.frombuffer(d.vector, dtype=np.float32) if d.vector else None for d in declined]
    fresh = {d.id: embedded(d.text) for d, v in zip(declined, kept) if v is None}
    sizes = {v.size for v in kept if v is not None} | {v.size for v in fresh.values()}
    if len(sizes) > 1:  # vectors of an embedder configured before this one: made again with today's
        size = next(iter(fresh.values())).size if fresh else embedded(declined[0].text).size
        fresh.update({d.id: embedded(d.text) for d, v in zip(declined, kept) if v is not None and v.size != size})
    vectors = [fresh.get(d.id, v) for d, v in zip(declined, kept)]
    if fresh:
        services.console.keep_vectors(fresh)
    groups = group([d.text for d in declined], np.stack(vectors)) if declined else []
    return UnansweredOut(groups=[GroupOut(example=g.example, count=g.count, texts=g.texts) for g in groups])


@router.get("/api/admin/funnel", response_model=Funnel, responses={401: {}, 404: {}})
def admin_funnel(_: AdminDep, services: ServicesDep, days: int = Days) -> Funnel:
    """Intakes started, each fact reached, finished; verdicts by status and by failing article."""
    return services.console.funnel(days)


@router.get("/api/admin/audit/{key}", response_model=AuditRecord, responses={401: {}, 404: {}})
def admin_audit_record(key: str, _: AdminDep, services: ServicesDep) -> AuditRecord:
    """The latest verdict of a session (by its id), or a record by the id printed on the enterprise's self-check;
    with what today's rules decide on the same facts."""
    record = services.console.audit(key) if len(key) <= 64 else None
    if record is None:
        raise ApiError(404, "record_not_found", "找不到该会话或记录编号的审核记录。",
                       "No audit record for this session or record id.", field="key")
    return record


@router.get("/api/admin/audit", response_model=AuditOut, responses={401: {}, 404: {}, 200: {
    "content": {"text/csv": {}}}})
def admin_audit_export(_: AdminDep, services: ServicesDep,
                       format: Literal["json", "csv"] = "json",  # noqa: A002 - the contract's name
                       lang: Literal["zh", "en"] = "zh") -> AuditOut | Response:
    """Every audit record, newest first, as JSON or CSV (Chinese headings, ``lang=en`` for English), each
    re-checked against today's rules."""
    records = services.console.audit_all()
    if format == "csv":
        return Response(records_csv(records, lang), media_type="text/csv; charset=utf-8", headers={
            "Content-Disposition": 'attachment; filename="audit-records.csv"', "Cache-Control": "no-store"})
    return AuditOut(records=records)


# ---------------------------------------------------------------- the visitor's side

@router.post("/api/rating", response_model=RatingOut, status_code=201, responses={404: {}, 422: {}})
def rate(body: RatingIn, services: ServicesDep) -> RatingOut:
    """A visitor's rating of the last answer of a chat (thumbs up or down, an optional comment)."""
    if not is_well_formed(body.session_id):
        raise invalid_session_id()
    try:
        rated = services.console.rate(body.session_id, body.helpful, (body.comment or "").strip() or None)
    except SQLAlchemyError:
        raise ApiError(503, "unavailable", "暂时无法保存评价，请稍后再试。", "The rating could not be saved; "
                       "please try again later.", headers={"Retry-After": "5"}) from None
    if not rated:
        raise ApiError(404, "nothing_to_rate", "该会话还没有可评价的回答。", "This chat has no answer to rate yet.",
                       field="session_id")
    return RatingOut(session_id=body.session_id, helpful=body.helpful)


@router.get("/record/{record_id}", include_in_schema=False)
def record_page(record_id: str, services: ServicesDep, key: str = Query(default="", max_length=64)) -> HTMLResponse:
    """The enterprise's printable self-check record: reached by its record id and read-only key (the verdict's
    record_url), never by the session id, which stays a write key held by the visitor's widget."""
    record = services.console.readable(record_id, key)
    if record is None:
        raise ApiError(404, "record_not_found", "找不到该自测记录（链接不完整或已过期）。",
                       "No such self-check record (the link is incomplete or has expired).", field="record_id")
    return HTMLResponse(render(record), headers={**PAGE_HEADERS, "Content-Security-Policy": RECORD_CSP,
                                                 "Referrer-Policy": "no-referrer"})


@router.get("/record-assets/{name}", include_in_schema=False)
def record_asset(name: str) -> FileResponse:
    return _asset(name, RECORD_ASSETS)


# ---------------------------------------------------------------- for whoever runs the service

@router.get("/metrics", include_in_schema=False)
def metrics(services: ServicesDep, authorization: str | None = Header(default=None)) -> Response:
    if services.metrics is None:
        raise _off()
    # ASSISTANT_METRICS_TOKEN: a Bearer token of its own (as Prometheus sends it), so /metrics is safe on any
    # network, not only behind the shipped nginx
    token = services.settings.metrics_token
    given = (authorization or "").removeprefix("Bearer ").strip()
    if token is not None and not hmac.compare_digest(given.encode(), token.encode()):
        raise ApiError(401, "metrics_token", "需要正确的指标令牌（Authorization: Bearer …）。",
                       "/metrics needs its token (Authorization: Bearer …).", headers={"WWW-Authenticate": "Bearer"})
    body, media = services.metrics.render()
    return Response(body, media_type=media, headers={"Cache-Control": "no-store"})
