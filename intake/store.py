"""Conversation state kept in a database: SQLite in the data folder by default, PostgreSQL when configured.

One table, portable SQL (SQLAlchemy Core). Every acknowledged write is committed before the call returns
(SQLite in WAL mode), so a killed process loses no answer. ``update`` is a
read-modify-write with compare-and-swap on a version column, retried on conflict, so that writers in several
threads or processes never lose each other's updates.

Session ids are 32 url-safe characters from ``secrets``: ``is_well_formed`` refuses anything this service
could not have issued (``../../etc/passwd``) before it reaches the database."""
from __future__ import annotations

import contextlib
import json
import random
import re
import secrets
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import (Column, DateTime, Integer, MetaData, String, Table, Text, bindparam, create_engine, delete,
                        event, insert, select, update)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from .migrations import check_current, upgrade

SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{32}$")
ID_BYTES = 24  # 24 random bytes → 32 url-safe characters
MAX_KIND = 32
LOCK_STRIPES = 64

# The schema as the code uses it; the database gets it from intake/migrations (a test checks they agree)
metadata = MetaData()
sessions = Table(
    "sessions", metadata,
    Column("id", String(64), primary_key=True),
    Column("kind", String(MAX_KIND), nullable=False),
    Column("state", Text, nullable=False),  # JSON text: the same column type on every database
    Column("version", Integer, nullable=False),
    Column("created_at", DateTime, nullable=False),  # UTC, naive: SQLite has no time zones
    Column("updated_at", DateTime, nullable=False, index=True),
)


# The statements of every read and update, built once with parameters: building a statement costs SQLAlchemy
# more than the database takes to run it (an intake answer's read and write spent ~0.6 ms building them)
READ = (select(sessions.c.kind, sessions.c.state, sessions.c.version, sessions.c.updated_at)
        .where(sessions.c.id == bindparam("b_id")))
_THIS_VERSION = (sessions.c.id == bindparam("b_id"), sessions.c.version == bindparam("b_version"))
TOUCH = update(sessions).where(*_THIS_VERSION).values(updated_at=bindparam("b_now"))
WRITE = update(sessions).where(*_THIS_VERSION).values(state=bindparam("b_state"), version=bindparam("b_next"),
                                                      updated_at=bindparam("b_now"))
CREATE = insert(sessions)  # its values come with each call, as parameters


class ConflictError(RuntimeError):
    """An update kept losing to concurrent writers."""


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def new_session_id() -> str:
    return secrets.token_urlsafe(ID_BYTES)


def is_well_formed(session_id: Any) -> bool:
    """Could this service have issued this id? (Says nothing about whether it exists.)"""
    return isinstance(session_id, str) and bool(SESSION_ID.match(session_id))


WAL_SWITCH_WAIT_S = 30.0  # as long as the busy timeout: how long a process starting may wait for the others


def _use_wal(dbapi_conn, wait_s: float = WAL_SWITCH_WAIT_S) -> None:
    """Puts the file in WAL mode (readers do not block the writer; other processes may share the file).

    The mode is kept in the file, so a connection to a file already in WAL leaves it be. Switching needs the file
    to itself, and SQLite answers "database is locked" at once rather than waiting on the busy timeout: when
    several processes start on a new file together, all but one would fail, so the switch is retried."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            cur = dbapi_conn.cursor()
            try:
                if cur.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    cur.execute("PRAGMA journal_mode=WAL")
            finally:
                cur.close()
            return
        except dbapi_conn.OperationalError as e:  # the module's own class: this runs below SQLAlchemy
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.005, 0.05))


def _sqlite_engine(url: str, background_checkpoints: bool = False) -> Engine:
    parsed = make_url(url)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):
        _use_wal(dbapi_conn)
        cur = dbapi_conn.cursor()
        # In WAL mode a commit is in the WAL file, in the kernel's hands, before it is acknowledged: a killed process
        # loses nothing. FULL adds an fsync to every commit (an update took 3.5 ms instead of 0.4 ms here, and
        # concurrent answers queue behind it) to guard only against power loss, which may now lose the last
        # answers; the database stays consistent either way.
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        if background_checkpoints:
            # A commit that finds the log past 1000 pages copies it into the database and syncs the file, ~5-50 ms
            # on whatever thread committed: on the service's event loop that stalled every request in flight. The
            # owner checkpoints in the background (SessionStore.checkpoint), which keeps the log copied; but only a
            # writer's own checkpoint restarts the log under steady writes, so past 10000 pages (40 MB) a commit
            # still does, with little left to copy, and the log stays bounded.
            cur.execute("PRAGMA wal_autocheckpoint=10000")
            cur.execute("PRAGMA journal_size_limit=67108864")  # and its file is cut back once restarted
        cur.close()

    return engine


def store_engine(url: str, background_checkpoints: bool = False) -> Engine:
    """The engine the store (and ``assistant db upgrade``) use for ``url``."""
    if make_url(url).get_backend_name() == "sqlite":
        return _sqlite_engine(url, background_checkpoints)
    return create_engine(url, pool_pre_ping=True)


class SessionStore:
    """Sessions by id: create, get, update (atomic), purge. Safe to share between threads."""

    def __init__(self, url: str, ttl_minutes: int = 24 * 60, *, max_retries: int = 100, migrate: bool = True,
                 background_checkpoints: bool = False):
        """``migrate=False``: raise ``intake.migrations.SchemaOutOfDate`` on an old schema instead of upgrading it.
        ``background_checkpoints``: on SQLite, a commit checkpoints the log only past 10000 pages; the owner calls
        ``checkpoint()`` every few seconds off its serving thread (the service's housekeeping does)."""
        self.url = url
        self.ttl = timedelta(minutes=ttl_minutes)
        self.max_retries = max_retries
        self.engine = store_engine(url, background_checkpoints)
        # in one process, updates of one session queue on a lock instead of retrying against each other
        self._locks = [threading.Lock() for _ in range(LOCK_STRIPES)]
        # SQLite has one writer at a time, and a writer that finds it taken sleeps in steps of up to 100 ms: threads
        # of one process queue here instead (intake answer p99 at 20 clients: ~360 ms without, see README)
        sqlite = make_url(url).get_backend_name() == "sqlite"
        self.local = sqlite  # a file on this machine: a call takes well under a millisecond, no network round trip
        self._writing = threading.Lock() if sqlite else contextlib.nullcontext()
        if migrate:
            upgrade(self.engine)
        else:
            check_current(self.engine)

    def create(self, kind: str, state: dict) -> str:
        """Store a new session; returns its id."""
        if len(kind) > MAX_KIND:
            raise ValueError(f"kind too long: {kind!r}")
        now = _now()
        sid = new_session_id()
        with self._writing, self.engine.begin() as conn:
            conn.execute(CREATE, {"id": sid, "kind": kind, "state": json.dumps(state, ensure_ascii=False),
                                  "version": 1, "created_at": now, "updated_at": now})
        return sid

    def _read(self, conn, session_id: str, kind: str | None = None) -> tuple[dict, int] | None:
        if not is_well_formed(session_id):
            return None
        row = conn.execute(READ, {"b_id": session_id}).first()
        if row is None or row.updated_at < _now() - self.ttl or (kind is not None and row.kind != kind):
            return None
        return json.loads(row.state), row.version

    def get(self, session_id: str, kind: str | None = None) -> dict | None:
        """The session's state; None when absent, expired, malformed, or of another kind."""
        with self.engine.connect() as conn:
            found = self._read(conn, session_id, kind)
        return found[0] if found else None

    def update(self, session_id: str, fn: Callable[[dict], dict], kind: str | None = None) -> dict | None:
        """Replace the state with ``fn(state)`` atomically; returns the new state, or None when the session is absent.

        ``fn`` must be pure: when another writer got in first, it runs again on the newer state. An exception in
        ``fn`` leaves the session unchanged and propagates."""
        with self._locks[hash(session_id) % LOCK_STRIPES]:
            for attempt in range(self.max_retries):
                # one connection for the read and the write: a second checkout from the pool cost ~5 % of an intake
                # answer under load. The version column, not the transaction, is what makes the update atomic.
                with self.engine.connect() as conn:
                    found = self._read(conn, session_id, kind)
                    if found is None:
                        return None
                    state, version = found
                    new_state = fn(state)
                    # an unchanged state is still a use: the session's idle time starts again (only updated_at moves)
                    params = {"b_id": session_id, "b_version": version, "b_now": _now()}
                    if new_state != state:
                        params |= {"b_state": json.dumps(new_state, ensure_ascii=False), "b_next": version + 1}
                    try:
                        with self._writing:
                            done = conn.execute(TOUCH if new_state == state else WRITE, params).rowcount
                            conn.commit()
                    except OperationalError:  # SQLite: the database stayed locked past the busy timeout
                        done = 0
                if done == 1:
                    return new_state
                time.sleep(random.uniform(0, 0.002 * (attempt + 1)))
        raise ConflictError(f"session {session_id} kept changing under {self.max_retries} attempts")

    def checkpoint(self) -> None:
        """SQLite: copies the write-ahead log into the database, without waiting on any reader or writer (PASSIVE).
        Nothing to do on other databases."""
        if not self.local:
            return
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").close()
        except SQLAlchemyError:  # the next round catches up
            return

    def purge_expired(self) -> int:
        """Delete the sessions not touched within the time to live; returns how many."""
        try:
            with self._writing, self.engine.begin() as conn:
                return conn.execute(delete(sessions).where(sessions.c.updated_at < _now() - self.ttl)).rowcount
        except DBAPIError:  # housekeeping must never fail a request; the next purge catches up
            return 0

    def close(self) -> None:
        self.engine.dispose()
