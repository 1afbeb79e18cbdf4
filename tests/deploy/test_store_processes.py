"""Answers to one session from two processes (two workers, or two replicas) never lose an update, on one SQLite
file and on one PostgreSQL database. tests/intake/test_store.py covers threads and two stores in one process;
here each writer is an OS process with its own interpreter, engine and connection pool."""
import json
import subprocess
import sys
import time

import pytest

from intake.store import SessionStore

UPDATES = 150  # per process: enough that the writers overlap throughout (on SQLite they lost ~40 races to each other)

WRITER = """
import json, sys, time
from intake.store import SessionStore
url, sid, tag, n, at = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
store = SessionStore(url, ttl_minutes=60)
calls = 0

def answer(state, i):
    global calls
    calls += 1
    return {"n": state["n"] + 1, "answers": {**state["answers"], f"{tag}-{i}": i}}

time.sleep(max(0.0, at - time.time()))  # both writers begin on the same instant
began = time.time()
for i in range(n):
    store.update(sid, lambda s, i=i: answer(s, i), kind="intake")
print(json.dumps({"began": began, "ended": time.time(), "calls": calls}))
"""


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'sessions.sqlite3'}"
    return request.getfixturevalue("postgres_url")


def test_two_processes_answering_one_session_at_once_lose_no_update(url):
    store = SessionStore(url, ttl_minutes=60)
    sid = store.create("intake", {"n": 0, "answers": {}})
    at = f"{time.time() + 3:.3f}"  # time for both interpreters to import and connect first
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, url, sid, tag, str(UPDATES), at],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for tag in ("a", "b")]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err[-2000:] for _, err in outs]
    runs = [json.loads(out) for out, _ in outs]
    # the two writers did overlap: otherwise this would test nothing
    assert max(r["began"] for r in runs) < min(r["ended"] for r in runs)
    final = store.get(sid, kind="intake")
    assert final["n"] == 2 * UPDATES
    assert final["answers"] == {f"{tag}-{i}": i for tag in ("a", "b") for i in range(UPDATES)}
    # every lost race was retried on the newer state rather than written over it
    assert sum(r["calls"] for r in runs) >= 2 * UPDATES
    store.close()
