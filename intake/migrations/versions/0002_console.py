"""The console's tables: questions asked (with their rating), intakes' progress, an audit record per verdict.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "questions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("asked_at", sa.DateTime, nullable=False),
        sa.Column("declined", sa.Boolean, nullable=False),
        sa.Column("articles", sa.Text, nullable=False),
        sa.Column("rating", sa.Boolean, nullable=True),
        sa.Column("comment", sa.Text, nullable=True),
        sa.Column("vector", sa.LargeBinary, nullable=True),
    )
    op.create_index("ix_questions_session_id", "questions", ["session_id"])
    op.create_index("ix_questions_asked_at", "questions", ["asked_at"])
    op.create_table(
        "intakes",
        sa.Column("session_id", sa.String(64), primary_key=True),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("reached", sa.Text, nullable=False),
        sa.Column("status", sa.String(32), nullable=True),
        sa.Column("failed_articles", sa.Text, nullable=False),
    )
    op.create_index("ix_intakes_started_at", "intakes", ["started_at"])
    op.create_table(
        "audit_records",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("facts", sa.Text, nullable=False),
        sa.Column("verdict", sa.Text, nullable=False),
        sa.Column("rules_version", sa.String(64), nullable=False),
        sa.Column("decided_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_audit_records_session_id", "audit_records", ["session_id"])
    op.create_index("ix_audit_records_decided_at", "audit_records", ["decided_at"])


def downgrade() -> None:
    op.drop_table("audit_records")
    op.drop_table("intakes")
    op.drop_table("questions")
