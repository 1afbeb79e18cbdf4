"""The console's records in the sessions' database: questions and their ratings, intakes' progress, audit records.

Writes happen after a visitor's reply is worked out and never fail it: a database error is logged and the
reply goes out. Reads are for staff and aggregate in Python over the period asked (days, not years: the
retention setting bounds the tables)."""
from __future__ import annotations

import hmac
import json
import logging
import secrets
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import numpy as np
from pydantic import BaseModel
from functools import lru_cache

from sqlalchemy import bindparam, case, delete, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from intake.checker import Verdict
from intake.store import SessionStore, _now  # times stored as the sessions' are: naive UTC
from intake.version import rules_version

from .audit import AuditRecord, failed_articles, is_record_id, new_record_id, recheck
from .progress import Progress
from .tables import audit_records, intakes, questions

log = logging.getLogger("assistant.console")

PROGRESS_FLUSH_S = 1.0  # how far behind the funnel may be: staff read it in days, not seconds
MAX_WAITING_PROGRESS = 5000  # rows of ~300 bytes: a burst flushes early rather than growing memory


@lru_cache(maxsize=4)
def _intake_upsert(dialect: str):
    """An intake's row, inserted or updated in one statement (INSERT … ON CONFLICT, which SQLite and PostgreSQL
    both have, each in its own SQLAlchemy dialect): steps of one session on two replicas, or a verdict and a
    waiting step written by the background, may record at once in either order. The newer step's state wins and
    the earlier start stays. Built once: making a statement costs more than running it."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    names = ("session_id", "started_at", "updated_at", "reached", "status", "failed_articles")
    upsert = dialect_insert(intakes).values({n: bindparam(n) for n in names})
    new = upsert.excluded
    newer = new.updated_at >= intakes.c.updated_at
    state = {n: case((newer, new[n]), else_=intakes.c[n]) for n in ("updated_at", "reached", "status",
                                                                      "failed_articles")}
    earlier = case((new.started_at < intakes.c.started_at, new.started_at), else_=intakes.c.started_at)
    return upsert.on_conflict_do_update(index_elements=[intakes.c.session_id], set_={**state, "started_at": earlier})


def _utc(stored: datetime) -> datetime:
    """Times leave the store marked as UTC, so that the console shows them in the reader's own time."""
    return stored.replace(tzinfo=timezone.utc)


class QuestionRecord(BaseModel):
    """A question asked in the chat (contract section 5)."""

    text: str
    asked_at: datetime
    declined: bool
    articles: list[int]
    rating: bool | None
    comment: str | None
    session_id: str


class Funnel(BaseModel):
    """Intakes started in the period, how far they got, and their verdicts (contract section 5)."""

    started: int
    finished: int
    by_status: dict[str, int]
    by_failed_article: dict[str, int]
    reached: dict[str, int]


@dataclass
class DeclinedQuestion:
    id: int
    text: str
    vector: bytes | None


class ConsoleStore:
    """Shares the session store's engine (and, on SQLite, its one-writer lock)."""

    def __init__(self, sessions: SessionStore):
        self.engine = sessions.engine
        self._writing = sessions._writing
        # intakes' rows between verdicts, newest step per session, written together by flush_progress()
        self._progress: dict[str, dict] = {}
        self._progress_lock = threading.Lock()
        # one flush at a time: the last one at shutdown waits for the background's, and sees what it put back
        self._flushing = threading.Lock()

    def _write(self, what: str, fn: Callable) -> Any:
        try:
            with self._writing, self.engine.begin() as conn:
                return fn(conn)
        except SQLAlchemyError:  # the visitor's reply goes out anyway; the console misses this one record
            log.exception("console: recording %s failed", what)
            return None

    # --- what visitors do ---------------------------------------------------------------------------------------

    def record_question(self, session_id: str, text: str, declined: bool, articles: list[int]) -> None:
        self._write("a question", lambda conn: conn.execute(insert(questions), {
            "session_id": session_id, "text": text, "asked_at": _now(), "declined": declined,
            "articles": json.dumps(sorted(set(articles)))}))

    def rate(self, session_id: str, helpful: bool, comment: str | None) -> bool:
        """Rates the session's last answer; False when the session asked nothing. A database error is the
        caller's to report (the visitor is told to try again)."""
        last = select(func.max(questions.c.id)).where(questions.c.session_id == session_id).scalar_subquery()
        with self._writing, self.engine.begin() as conn:
            return conn.execute(update(questions).where(questions.c.id == last)
                                .values(rating=helpful, comment=comment)).rowcount == 1

    def record_progress(self, session_id: str, p: Progress) -> str | None:
        """The intake's row in the funnel, and an audit record when the step gave a new verdict (its id).

        A step without a verdict only moves the funnel: its row waits for ``flush_progress`` (every
        ``PROGRESS_FLUSH_S`` and before the funnel is read), as one transaction per step cost the intake ~20 % of its
        throughput under load. A killed process loses at most that much of the funnel, never a session's answers
        and never an audit record: a verdict is written at once, with its row."""
        now = _now()
        row = {"session_id": session_id, "updated_at": now, "reached": json.dumps(list(p.reached)),
               "status": p.verdict.status if p.verdict else None,
               "failed_articles": json.dumps(failed_articles(p.verdict) if p.verdict else [])}
        with self._progress_lock:
            waiting = self._progress.pop(session_id, None)
            row["started_at"] = waiting["started_at"] if waiting else now  # the first step's time
            if not p.new_verdict:
                self._progress[session_id] = row
                full = len(self._progress) == MAX_WAITING_PROGRESS  # crossing it, not every step past it
        if not p.new_verdict:
            if full:
                self.flush_progress()
            return None
        record_id = new_record_id()

        def do(conn):
            conn.execute(_intake_upsert(conn.dialect.name), row)
            previous = conn.execute(select(audit_records.c.id).where(audit_records.c.session_id == session_id)
                                    .order_by(audit_records.c.decided_at.desc()).limit(1)).scalar()
            conn.execute(insert(audit_records), {
                "id": record_id, "session_id": session_id, "facts": json.dumps(p.facts, ensure_ascii=False),
                "verdict": p.verdict.model_dump_json(), "rules_version": rules_version(), "decided_at": now,
                "read_key": secrets.token_urlsafe(18), "supersedes": previous})
            return record_id

        return self._write("an intake's verdict", do)

    def flush_progress(self) -> int:
        """Writes the intakes' waiting rows in one transaction; returns how many. On a database error up to half
        the bound of them wait for the next round (a newer step of the same intake keeps the earlier start)."""
        with self._flushing:
            with self._progress_lock:
                rows, self._progress = list(self._progress.values()), {}
            if not rows:
                return 0
            rows.sort(key=lambda r: r["session_id"])  # replicas flushing at once lock rows in one order: no deadlock

            def do(conn):
                conn.execute(_intake_upsert(conn.dialect.name), rows)
                return True

            if self._write("intakes' progress", do) is None:
                with self._progress_lock:
                    for row in rows:
                        if (newer := self._progress.get(row["session_id"])) is not None:
                            newer["started_at"] = min(newer["started_at"], row["started_at"])
                        elif len(self._progress) < MAX_WAITING_PROGRESS // 2:
                            self._progress[row["session_id"]] = row
            return len(rows)

    # --- what staff read ----------------------------------------------------------------------------------------

    def questions(self, days: int, limit: int = 2000) -> list[QuestionRecord]:
        since = _now() - timedelta(days=days)
        with self.engine.connect() as conn:
            rows = conn.execute(select(questions).where(questions.c.asked_at >= since)
                                .order_by(questions.c.id.desc()).limit(limit)).all()
        return [QuestionRecord(text=r.text, asked_at=_utc(r.asked_at), declined=r.declined,
                               articles=json.loads(r.articles), rating=r.rating, comment=r.comment,
                               session_id=r.session_id) for r in rows]

    def declined(self, days: int, limit: int = 2000) -> list[DeclinedQuestion]:
        since = _now() - timedelta(days=days)
        with self.engine.connect() as conn:
            rows = conn.execute(select(questions.c.id, questions.c.text, questions.c.vector)
                                .where(questions.c.asked_at >= since, questions.c.declined.is_(True))
                                .order_by(questions.c.id.desc()).limit(limit)).all()
        return [DeclinedQuestion(r.id, r.text, r.vector) for r in rows]

    def keep_vectors(self, vectors: dict[int, np.ndarray]) -> None:
        """The embeddings of declined questions, kept so the next grouping embeds only the new ones."""
        def do(conn):
            for qid, v in vectors.items():
                conn.execute(update(questions).where(questions.c.id == qid)
                             .values(vector=np.asarray(v, dtype=np.float32).tobytes()))
        self._write("question vectors", do)

    def funnel(self, days: int) -> Funnel:
        self.flush_progress()  # this process's waiting steps count too (another replica's show within a flush)
        since = _now() - timedelta(days=days)
        with self.engine.connect() as conn:
            rows = conn.execute(select(intakes.c.reached, intakes.c.status, intakes.c.failed_articles)
                                .where(intakes.c.started_at >= since)).all()
        reached, status, failed = Counter(), Counter(), Counter()
        for r in rows:
            reached.update(json.loads(r.reached))
            if r.status:
                status[r.status] += 1
                failed.update(str(a) for a in json.loads(r.failed_articles))
        return Funnel(started=len(rows), finished=sum(status.values()), by_status=dict(status),
                      by_failed_article=dict(sorted(failed.items(), key=lambda kv: int(kv[0]))),
                      reached=dict(reached.most_common()))

    def audit(self, key: str) -> AuditRecord | None:
        """The latest record of a session, or the record of that id (as printed on the enterprise's self-check)."""
        column = audit_records.c.id if is_record_id(key) else audit_records.c.session_id
        with self.engine.connect() as conn:
            row = conn.execute(select(audit_records).where(column == (key.upper() if is_record_id(key) else key))
                               .order_by(audit_records.c.decided_at.desc()).limit(1)).first()
        return self._with_links(_record(row)) if row else None

    def record_link(self, session_id: str) -> tuple[str, str] | None:
        """(record id, read-only key) of the latest verdict of a conversation, for the link its reply carries."""
        with self.engine.connect() as conn:
            row = conn.execute(select(audit_records.c.id, audit_records.c.read_key)
                               .where(audit_records.c.session_id == session_id)
                               .order_by(audit_records.c.decided_at.desc()).limit(1)).first()
        return (row.id, row.read_key) if row is not None and row.read_key else None

    def readable(self, record_id: str, key: str) -> AuditRecord | None:
        """The record, when ``key`` is its read-only key (compared in constant time); None otherwise."""
        if not is_record_id(record_id) or not key:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(audit_records).where(audit_records.c.id == record_id.upper())).first()
        if row is None or not row.read_key or not hmac.compare_digest(row.read_key.encode(), key.encode()):
            return None
        return self._with_links(_record(row))

    def _with_links(self, record: AuditRecord) -> AuditRecord:
        with self.engine.connect() as conn:
            supersedes = conn.execute(select(audit_records.c.supersedes)
                                      .where(audit_records.c.id == record.record_id)).scalar()
            by = conn.execute(select(audit_records.c.id).where(audit_records.c.supersedes == record.record_id)
                              .limit(1)).scalar()
        return record.model_copy(update={"supersedes": supersedes, "superseded_by": by})

    def audit_all(self) -> list[AuditRecord]:
        """Every record (the export): the retention setting is what bounds them."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(audit_records).order_by(audit_records.c.decided_at.desc())).all()
        return [_record(r) for r in rows]

    # --- housekeeping -------------------------------------------------------------------------------------------

    def purge_older_than(self, days: int) -> int:
        """Retention: questions, ratings, intakes and audit records older than ``days`` are deleted."""
        before = _now() - timedelta(days=days)
        try:
            with self._writing, self.engine.begin() as conn:
                return sum(conn.execute(delete(t).where(col < before)).rowcount for t, col in (
                    (questions, questions.c.asked_at), (intakes, intakes.c.updated_at),
                    (audit_records, audit_records.c.decided_at)))
        except SQLAlchemyError:  # the next round catches up
            log.exception("console: retention purge failed")
            return 0


def _record(row) -> AuditRecord:
    facts = json.loads(row.facts)
    verdict = Verdict.model_validate_json(row.verdict)
    return AuditRecord(record_id=row.id, session_id=row.session_id, facts=facts, verdict=verdict,
                       rules_version=row.rules_version, decided_at=_utc(row.decided_at), now=recheck(facts, verdict))
