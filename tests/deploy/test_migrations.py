"""The session schema comes from the migrations, on SQLite and on PostgreSQL: applied at start by whichever
process gets there first, adopted from databases made before migrations, refused when the setting says so."""
import subprocess
import sys
import time

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from fastapi.testclient import TestClient
from sqlalchemy import text

from api.app import create_app
from assistant.cli import main as cli
from assistant.settings import Settings
from intake.migrations import SchemaOutOfDate, current_revision, head_revision, upgrade
import console.tables  # noqa: F401 - the console's tables are in the schema the migrations make
from intake.store import SessionStore, metadata, sessions, store_engine

ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)]


@pytest.fixture(params=ENGINES)
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'sessions.sqlite3'}"
    return request.getfixturevalue("postgres_url")


def test_the_migrated_schema_is_the_one_the_store_uses(url):
    store = SessionStore(url)
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    assert current_revision(store.engine) == head_revision()
    store.close()


def test_a_database_made_before_migrations_keeps_its_sessions(url):
    engine = store_engine(url)
    sessions.create(engine)  # how the store made its table before there were migrations
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO sessions (id, kind, state, version, created_at, updated_at) "
                          "VALUES (:id, 'intake', '{\"n\": 7}', 3, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"),
                     {"id": "A" * 32})
    engine.dispose()
    store = SessionStore(url)
    assert store.get("A" * 32) == {"n": 7} and current_revision(store.engine) == head_revision()
    store.close()


def test_a_store_that_must_not_migrate_refuses_an_old_schema_and_says_what_to_run(url):
    with pytest.raises(SchemaOutOfDate, match="assistant db upgrade"):
        SessionStore(url, migrate=False)
    upgrade(store_engine(url))
    SessionStore(url, migrate=False).close()


def test_a_schema_from_a_newer_version_is_refused_not_guessed_at(url):
    SessionStore(url).close()
    engine = store_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'zz99'"))
    with pytest.raises(SchemaOutOfDate, match="newer version"):
        SessionStore(url)
    with pytest.raises(SchemaOutOfDate, match="newer version"):
        SessionStore(url, migrate=False)


MIGRATE = """
import sys, time
from intake.store import SessionStore
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))  # all start on the same instant
store = SessionStore(sys.argv[1])
sid = store.create("intake", {"n": 0})
print(store.get(sid)["n"])
"""


def test_processes_starting_at_once_on_an_empty_database_all_come_up(url):
    at = f"{time.time() + 2:.3f}"
    procs = [subprocess.Popen([sys.executable, "-c", MIGRATE, url, at], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, [err[-2000:] for _, err in results]
    assert [out.strip() for out, _ in results] == ["0"] * 4
    assert current_revision(store_engine(url)) == head_revision()


def test_assistant_db_upgrade_brings_the_schema_up_and_says_so(url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", url if url.startswith("postgresql") else "")
    from assistant.settings import get_settings

    get_settings.cache_clear()
    try:
        assert cli(["db", "upgrade"]) == 0
        assert f"from revision none (empty) to {head_revision()}" in capsys.readouterr().out
        assert cli(["db", "upgrade"]) == 0
        assert f"up to date at revision {head_revision()}" in capsys.readouterr().out
    finally:
        get_settings.cache_clear()


def test_the_service_refuses_to_start_on_an_old_schema_when_told_not_to_migrate(tmp_path):
    app = create_app(Settings(data_dir=tmp_path / "data", migrate_on_start=False, rate_limit=0))
    with pytest.raises(SchemaOutOfDate, match="ASSISTANT_MIGRATE_ON_START"):
        with TestClient(app):
            pass
