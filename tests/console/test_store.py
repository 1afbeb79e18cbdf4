"""The console's store on a real SQLite file: the funnel's in-between steps wait and are written together, a
verdict and its audit record are written at once, and no step is lost or written out of order."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from console.progress import Progress
from console.store import ConsoleStore
from console.tables import audit_records, intakes
from intake.checker import check
from intake.facts import Facts
from intake.store import SessionStore

SID = "S" * 32
OTHER = "T" * 32


@pytest.fixture
def stores(tmp_path):
    sessions = SessionStore(f"sqlite:///{tmp_path / 's.sqlite3'}")
    yield sessions, ConsoleStore(sessions)
    sessions.close()


def step(*reached: str, verdict: bool = False) -> Progress:
    facts = {"applicant_type": "factory", "longest_halt_months": 14}
    return Progress(started=len(reached) == 1, reached=reached, verdict=check(Facts(**facts)) if verdict else None,
                    facts=facts, new_verdict=verdict)


def rows(sessions: SessionStore) -> dict:
    with sessions.engine.connect() as conn:
        return {r.session_id: r for r in conn.execute(select(intakes)).all()}


def test_steps_without_a_verdict_wait_for_the_flush_and_only_the_newest_is_written(stores):
    sessions, console = stores
    assert console.record_progress(SID, step("applicant_type")) is None
    first = console._progress[SID]["started_at"]
    console.record_progress(SID, step("applicant_type", "registered_in_guangdong"))
    console.record_progress(OTHER, step("applicant_type"))
    assert rows(sessions) == {}
    assert console.flush_progress() == 2 and console.flush_progress() == 0
    written = rows(sessions)
    assert set(written) == {SID, OTHER}
    assert written[SID].reached == '["applicant_type", "registered_in_guangdong"]'
    assert written[SID].started_at == first  # the intake started at its first step, not at the newest


def test_a_verdict_is_written_at_once_with_its_audit_record_and_keeps_the_first_steps_time(stores):
    sessions, console = stores
    console.record_progress(SID, step("applicant_type"))
    first = console._progress[SID]["started_at"]
    record_id = console.record_progress(SID, step("applicant_type", "longest_halt_months", verdict=True))
    assert record_id and console._progress == {}
    row = rows(sessions)[SID]
    assert (row.status, row.failed_articles, row.started_at) == ("ineligible", "[18]", first)
    with sessions.engine.connect() as conn:
        assert conn.execute(select(audit_records.c.id)).scalar_one() == record_id
    assert console.audit(record_id).verdict.status == "ineligible"


def test_an_older_waiting_step_never_overwrites_a_newer_row(stores):
    sessions, console = stores
    console.record_progress(SID, step("applicant_type"))
    console._progress[SID]["updated_at"] -= timedelta(minutes=5)  # as if another replica had written since
    other = ConsoleStore(sessions)
    other.record_progress(SID, step("applicant_type", "longest_halt_months", verdict=True))
    console.flush_progress()
    assert rows(sessions)[SID].status == "ineligible"


def test_reading_the_funnel_counts_the_steps_still_waiting(stores):
    _, console = stores
    console.record_progress(SID, step("applicant_type"))
    f = console.funnel(days=1)
    assert (f.started, f.finished, f.reached) == (1, 0, {"applicant_type": 1})


def test_a_burst_is_written_before_it_grows_past_its_bound(stores, monkeypatch):
    sessions, console = stores
    monkeypatch.setattr("console.store.MAX_WAITING_PROGRESS", 3)
    for i in range(3):
        console.record_progress(f"{i:032d}", step("applicant_type"))
    assert len(rows(sessions)) == 3 and console._progress == {}


def test_a_database_error_keeps_the_waiting_steps_for_the_next_round_and_never_raises(stores, caplog):
    sessions, console = stores
    console.record_progress(SID, step("applicant_type"))
    first = console._progress[SID]["started_at"]
    with sessions.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE intakes RENAME TO intakes_away")
    assert console.flush_progress() == 1 and "intakes' progress" in caplog.text
    console.record_progress(SID, step("applicant_type", "deregistered"))  # a newer step came meanwhile
    with sessions.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE intakes_away RENAME TO intakes")
    assert console.flush_progress() == 1
    row = rows(sessions)[SID]
    assert (row.reached, row.started_at) == ('["applicant_type", "deregistered"]', first)


def test_a_verdict_written_before_an_older_waiting_step_keeps_the_earlier_start_and_the_newer_state(stores):
    sessions, console = stores
    console.record_progress(SID, step("applicant_type"))
    waiting = dict(console._progress.pop(SID))  # as if the background had just taken it
    console.record_progress(SID, step("applicant_type", "longest_halt_months", verdict=True))
    console._progress[SID] = waiting
    console.flush_progress()
    row = rows(sessions)[SID]
    assert (row.status, row.started_at) == ("ineligible", waiting["started_at"])


def test_while_the_database_fails_a_visitors_step_does_not_retry_the_whole_batch(stores, caplog, monkeypatch):
    sessions, console = stores
    monkeypatch.setattr("console.store.MAX_WAITING_PROGRESS", 6)
    with sessions.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE intakes RENAME TO intakes_away")
    for i in range(8):
        console.record_progress(f"{i:032d}", step("applicant_type"))
    # the 6th step crossed the bound and flushed (and failed); 3 were kept; the 7th and 8th did not flush again
    failures = [r for r in caplog.records if "intakes' progress" in r.getMessage()]
    assert len(failures) == 1 and len(console._progress) == 5
