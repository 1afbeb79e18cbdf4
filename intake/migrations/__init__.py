"""Schema migrations of the session store: one Alembic history for SQLite and PostgreSQL.

``upgrade(engine)`` brings a database to the newest revision. Processes that start at once against one database
take turns (an advisory lock on PostgreSQL, a file lock beside the SQLite file), so the first applies the
migrations and the others find them applied. ``check_current(engine)`` refuses an out-of-date schema instead, for
deployments that upgrade with ``assistant db upgrade`` before starting the new version.

A new revision is a file in ``versions/`` whose ``down_revision`` is the current head; write it by hand with
``op`` calls that work on both databases (SQLite alters tables in batch mode, see ``env.py``).
``tests/deploy/test_migrations.py`` checks that the head matches ``intake.store.metadata``."""
from __future__ import annotations

import fcntl
import hashlib
from contextlib import contextmanager, nullcontext
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Engine

HERE = Path(__file__).resolve().parent
# One key for "migrating the session schema", the same in every process of every version of the service
ADVISORY_LOCK_KEY = int.from_bytes(hashlib.sha256(b"green-factory-assistant:sessions-schema").digest()[:8],
                                   "big", signed=True)

__all__ = ["SchemaOutOfDate", "upgrade", "check_current", "current_revision", "head_revision"]


class SchemaOutOfDate(RuntimeError):
    """The database's schema is not the one this version of the service uses."""


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("path_separator", "os")
    return cfg


@lru_cache(maxsize=1)
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    return _scripts().get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; None for a database that has never been migrated."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _where(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _known(revision: str | None) -> bool:
    if revision is None:
        return True
    try:
        return _scripts().get_revision(revision) is not None
    except Exception:  # alembic raises several types for an id it has no file for
        return False


def _refuse_unknown(engine: Engine, revision: str | None) -> None:
    if not _known(revision):
        raise SchemaOutOfDate(
            f"the session database {_where(engine)} is at schema revision {revision!r}, which this version of the "
            f"service does not know (its newest is {head_revision()!r}): a newer version has migrated it; run that "
            "version, or restore the database from before the upgrade")


def check_current(engine: Engine) -> None:
    """Raises SchemaOutOfDate unless the database is at the newest revision."""
    found, head = current_revision(engine), head_revision()
    if found == head:
        return
    _refuse_unknown(engine, found)
    raise SchemaOutOfDate(
        f"the session database {_where(engine)} is at schema revision {found or 'none (empty)'}, this version of "
        f"the service needs {head!r}: run `assistant db upgrade` with this service's settings, or start it "
        "with ASSISTANT_MIGRATE_ON_START=true")


@contextmanager
def _file_lock(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _sqlite_lock_path(engine: Engine) -> Path | None:
    database = engine.url.database
    if not database or database == ":memory:":
        return None  # a private in-memory database has no other process to race with
    db = Path(database)
    return db.with_name(db.name + ".migrate.lock")


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Applies the missing revisions; returns (revision before, revision after)."""
    head = head_revision()
    before = current_revision(engine)
    if before == head:  # the common start: nothing to do, no lock taken
        return before, head
    _refuse_unknown(engine, before)
    cfg = _config()
    dialect = engine.dialect.name
    if dialect == "postgresql":
        # released when the transaction ends; a second process waits here, then finds the revisions applied
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            before = MigrationContext.configure(conn).get_current_revision()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    else:
        lock = _sqlite_lock_path(engine) if dialect == "sqlite" else None
        with (_file_lock(lock) if lock else nullcontext()), engine.begin() as conn:
            before = MigrationContext.configure(conn).get_current_revision()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    return before, current_revision(engine) or head

