"""Alembic's entry point: runs the revisions on the connection that ``intake.migrations.upgrade`` passes in,
inside its transaction (and, on PostgreSQL, under its advisory lock)."""
from alembic import context

import console.tables  # noqa: F401 - the console's tables are part of the same schema
from intake.store import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("the session schema is migrated by `assistant db upgrade` or at service start "
                       "(intake.migrations.upgrade), which hand Alembic an open connection")

# SQLite cannot ALTER most of a table: batch mode copies it into the new shape instead
context.configure(connection=connection, target_metadata=metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
