"""A read-only key per audit record (the printable record is reached by its id and key, never by the session id)
and the record a corrected verdict supersedes.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_records") as batch:
        batch.add_column(sa.Column("read_key", sa.String(64), nullable=True))
        batch.add_column(sa.Column("supersedes", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_records") as batch:
        batch.drop_column("supersedes")
        batch.drop_column("read_key")
