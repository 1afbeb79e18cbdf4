import json
import os
import signal
import subprocess
import sys
import threading
from datetime import datetime, timedelta, timezone

import pytest

from intake.store import SessionStore, is_well_formed, sessions


# PostgreSQL runs too when a throwaway database is named (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)
POSTGRES = os.environ.get("ASSISTANT_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite"] + (["postgresql"] if POSTGRES else []))
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'sessions.sqlite3'}"
    return POSTGRES


@pytest.fixture()
def store(url):
    s = SessionStore(url, ttl_minutes=60)
    yield s
    s.close()


def test_a_session_is_created_read_and_updated(store):
    sid = store.create("intake", {"answers": {}})
    assert is_well_formed(sid) and store.get(sid) == {"answers": {}}
    assert store.update(sid, lambda s: {"answers": {"deregistered": False}}) == {"answers": {"deregistered": False}}
    assert store.get(sid) == {"answers": {"deregistered": False}}


IDS = [
    ("a path", "../../etc/passwd", False), ("a made-up name", "no-such-session", False), ("empty", "", False),
    ("too long", "a" * 33, False), ("SQL", "x' OR '1'='1" + "a" * 20, False), ("not a string", 42, False),
    ("an issued shape", "A" * 32, True),
]


@pytest.mark.parametrize("name, sid, ok", IDS, ids=[i[0] for i in IDS])
def test_only_ids_this_service_could_issue_are_well_formed(name, sid, ok):
    assert is_well_formed(sid) is ok


def test_unknown_and_malformed_ids_are_absent(store):
    assert store.get("A" * 32) is None and store.get("../../etc/passwd") is None
    assert store.update("A" * 32, lambda s: s) is None


def test_ids_are_unguessable_and_distinct(store):
    ids = {store.create("intake", {}) for _ in range(50)}
    assert len(ids) == 50 and all(is_well_formed(i) for i in ids)


def test_a_session_of_another_kind_is_absent_for_that_kind(store):
    sid = store.create("chat", {"intake": None})
    assert store.get(sid, kind="intake") is None and store.get(sid, kind="chat") == {"intake": None}
    assert store.update(sid, lambda s: {"x": 1}, kind="intake") is None


def test_an_error_in_the_update_leaves_the_session_unchanged(store):
    sid = store.create("intake", {"n": 1})

    def boom(state):
        raise ValueError("bad answer")

    with pytest.raises(ValueError):
        store.update(sid, boom)
    assert store.get(sid) == {"n": 1}


def test_expired_sessions_are_absent_and_purged(store):
    sid = store.create("intake", {"n": 1})
    with store.engine.begin() as conn:
        conn.execute(sessions.update().where(sessions.c.id == sid)
                     .values(updated_at=datetime.now(timezone.utc).replace(tzinfo=None) - timedelta(minutes=61)))
    assert store.get(sid) is None
    assert store.purge_expired() == 1


def test_concurrent_updates_from_threads_lose_nothing(store):
    sid = store.create("intake", {"answers": {}})

    def writer(t):
        for i in range(25):
            store.update(sid, lambda s: {"answers": {**s["answers"], f"t{t}-{i}": True}})

    threads = [threading.Thread(target=writer, args=(t,)) for t in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(store.get(sid)["answers"]) == 8 * 25


def test_two_stores_on_one_file_lose_no_update(url):
    """Two processes (here: two stores, each with its own connections and locks) share one SQLite file."""
    a, b = SessionStore(url), SessionStore(url)
    sid = a.create("intake", {"n": 0})

    def writer(s):
        for _ in range(40):
            s.update(sid, lambda st: {"n": st["n"] + 1})

    threads = [threading.Thread(target=writer, args=(s,)) for s in (a, b, a, b)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert b.get(sid) == {"n": 160}


WRITER = """
import sys, time
from intake.store import SessionStore
store = SessionStore(sys.argv[1], ttl_minutes=60)
sid = store.create("intake", {"answers": {}})
for i in range(int(sys.argv[2])):
    store.update(sid, lambda s, i=i: {"answers": {**s["answers"], f"q{i}": i}})
print(sid, flush=True)
time.sleep(60)
"""


def test_acknowledged_writes_survive_kill_9(url):
    proc = subprocess.Popen([sys.executable, "-c", WRITER, url, "30"], stdout=subprocess.PIPE, text=True,
                            cwd=os.getcwd())
    try:
        sid = proc.stdout.readline().strip()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    reopened = SessionStore(url, ttl_minutes=60)
    assert reopened.get(sid) == {"answers": {f"q{i}": i for i in range(30)}}


def test_chinese_text_is_stored_as_written(store):
    sid = store.create("chat", {"last": "我们是一家工厂"})
    with store.engine.connect() as conn:
        raw = conn.execute(sessions.select().where(sessions.c.id == sid)).first().state
    assert "我们是一家工厂" in raw and json.loads(raw) == {"last": "我们是一家工厂"}



@pytest.mark.parametrize("background", [True, False])
def test_with_background_checkpoints_a_commit_leaves_the_log_to_checkpoint(tmp_path, background):
    """The service's store: answers pile up in the write-ahead log (no commit copies it back and syncs the file
    on the event loop) until checkpoint() does; otherwise SQLite's commits checkpoint on their own. Nothing is
    lost either way."""
    path = tmp_path / "s.sqlite3"
    s = SessionStore(f"sqlite:///{path}", background_checkpoints=background)
    try:
        sids = [s.create("intake", {"n": 0}) for _ in range(20)]
        created = path.stat().st_size
        for i in range(1000):  # well past SQLite's own 1000-page mark
            s.update(sids[i % 20], lambda st: {"n": st["n"] + 1, "pad": "x" * 3000})
        assert (path.stat().st_size == created) is background
        s.checkpoint()
        assert path.stat().st_size > created
        assert sorted(s.get(sid)["n"] for sid in sids) == [50] * 20
    finally:
        s.close()



def test_connections_opening_a_new_file_together_all_put_it_in_wal(tmp_path):
    # Switching a file to WAL needs it to itself, and SQLite refuses a connection that would wait on another's
    # switch at once (no busy wait): processes starting together on a new file failed with "database is locked"
    import sqlite3

    from intake.store import _use_wal

    errors, barrier = [], threading.Barrier(8)

    def open_new_file(path):
        conn = sqlite3.connect(path, timeout=30, check_same_thread=False)
        barrier.wait()
        try:
            _use_wal(conn)
        except sqlite3.OperationalError as e:
            errors.append(str(e))
        finally:
            conn.close()

    for attempt in range(30):
        path = tmp_path / f"new{attempt}.sqlite3"
        threads = [threading.Thread(target=open_new_file, args=(path,)) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert errors == []
