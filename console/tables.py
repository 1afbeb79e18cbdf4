"""The console's tables, on the session store's metadata: the migrations in ``intake/migrations`` create them.

No IP address, no user agent: a question is kept as written with its session id, nothing else about the
visitor (contract section 5)."""
from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Integer, LargeBinary, String, Table, Text

from intake.store import metadata

MAX_SESSION_ID = 64

questions = Table(
    "questions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(MAX_SESSION_ID), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("asked_at", DateTime, nullable=False, index=True),  # UTC, naive, like the sessions
    Column("declined", Boolean, nullable=False),
    Column("articles", Text, nullable=False),  # JSON list of article numbers cited
    Column("rating", Boolean, nullable=True),
    Column("comment", Text, nullable=True),
    Column("vector", LargeBinary, nullable=True),  # float32 embedding, filled when the console first groups it
)

intakes = Table(
    "intakes", metadata,
    Column("session_id", String(MAX_SESSION_ID), primary_key=True),
    Column("started_at", DateTime, nullable=False, index=True),
    Column("updated_at", DateTime, nullable=False),
    Column("reached", Text, nullable=False),  # JSON list of the facts answered so far
    Column("status", String(32), nullable=True),  # the latest verdict's status; null while unfinished
    Column("failed_articles", Text, nullable=False),  # JSON list of the articles the latest verdict fails
)

audit_records = Table(
    "audit_records", metadata,
    Column("id", String(16), primary_key=True),  # the record id printed on the enterprise's self-check
    Column("session_id", String(MAX_SESSION_ID), nullable=False, index=True),
    Column("facts", Text, nullable=False),  # JSON: the facts as answered
    Column("verdict", Text, nullable=False),  # JSON: the verdict as given
    Column("rules_version", String(64), nullable=False),
    Column("decided_at", DateTime, nullable=False, index=True),
    Column("read_key", String(64), nullable=True),  # the key of the printable record's read-only link
    Column("supersedes", String(16), nullable=True),  # the record of the verdict this one corrected
)
