"""Idle sessions expire after ASSISTANT_SESSION_TTL_MINUTES and are deleted by a purge that runs on its own."""
import asyncio
import time
from datetime import timedelta

from sqlalchemy import func, select, update

from api.housekeeping import purge_interval_s, purge_periodically
from intake.store import SessionStore, sessions


def count(store: SessionStore) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(sessions)).scalar()


def age(store: SessionStore, sid: str, by: timedelta) -> None:
    with store.engine.begin() as conn:
        row = conn.execute(select(sessions.c.updated_at).where(sessions.c.id == sid)).scalar()
        conn.execute(update(sessions).where(sessions.c.id == sid).values(updated_at=row - by))


async def test_the_purge_deletes_idle_sessions_and_keeps_live_ones(tmp_path):
    store = SessionStore(f"sqlite:///{tmp_path / 's.sqlite3'}", ttl_minutes=1)
    idle, live = store.create("intake", {"a": 1}), store.create("intake", {"a": 2})
    age(store, idle, timedelta(seconds=61))
    task = asyncio.create_task(purge_periodically(store, 0.05))
    deadline = time.monotonic() + 5
    while count(store) > 1 and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    task.cancel()
    assert count(store) == 1 and store.get(live) == {"a": 2} and store.get(idle) is None


async def test_a_failing_purge_does_not_stop_the_next_ones():
    class Flaky:
        calls = 0

        def purge_expired(self):
            self.calls += 1
            if self.calls == 1:
                raise RuntimeError("database went away")
            return 0

    flaky = Flaky()
    task = asyncio.create_task(purge_periodically(flaky, 0.01))
    deadline = time.monotonic() + 5
    while flaky.calls < 3 and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    task.cancel()
    assert flaky.calls >= 3


def test_the_interval_is_a_tenth_of_the_lifetime_at_most_five_minutes():
    assert purge_interval_s(1) == 6
    assert purge_interval_s(24 * 60) == 300


def test_the_service_runs_the_purge_while_it_is_up(make_client):
    client = make_client(session_ttl_minutes=1)
    task = client.app.state.purge_task
    assert not task.done()
    store = client.app.state.services.store
    sid = client.post("/api/intake", json={}).json()["session_id"]
    age(store, sid, timedelta(minutes=2))
    assert client.get(f"/api/intake/{sid}").status_code == 404  # expired at once, whether purged or not
    client.__exit__(None, None, None)
    assert task.done()  # stopped with the service
