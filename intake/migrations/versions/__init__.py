"""Revisions of the session schema, oldest first by ``down_revision``. (Alembic reads these files itself; the
package marker makes setuptools ship them.)"""
