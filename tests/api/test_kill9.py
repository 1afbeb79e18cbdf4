"""kill -9 of the real service at several points of one intake: every acknowledged answer is there after a restart.

tests/intake/test_store.py kills a process that writes to the store directly; this one kills uvicorn between
HTTP answers, and once while an answer is in flight."""
import signal
import threading
import time

import httpx
import pytest

from tests.support import answer_body, question_fields

from intake.checker import check
from intake.facts import parse_facts

from .conftest import Service, copy_of

FACTS = {"applicant_type": "park", "legal_boundary": True, "unified_management": True,
         "manufacturing_energy_function": True, "industrial_value_added_share": 62.5, "park_cultivation_plan": None,
         "already_national_listed": False, "meets_national_standard": True, "deregistered": False,
         "longest_halt_months": 3, "abnormal_operation_listed": False, "accident_or_violation": False,
         "removed_from_list": False, "inspection_serious_issue": False, "energy_rectification_pending": False,
         "dishonest_debtor": False}
KILL_AFTER = [1, 3, 5]  # answers acknowledged before each kill; the intake is then finished after a last restart


def answer_next(c: httpx.Client, sid: str, question: dict) -> dict:
    r = c.post(f"/api/intake/{sid}/answer", json=answer_body(question, FACTS))
    assert r.status_code == 200, r.text
    return r.json()


def given(question: dict) -> dict:
    return {f: FACTS[f] for f in question_fields(question)}


@pytest.mark.slow
def test_every_acknowledged_answer_survives_kill_9_at_each_point(built_data_dir, tmp_path):
    data_dir = copy_of(built_data_dir, tmp_path / "data")
    service = Service(data_dir).start()
    try:
        c = httpx.Client(base_url=service.base, timeout=30)
        r = c.post("/api/intake", json={})
        sid, question = r.json()["session_id"], r.json()["question"]
        acknowledged, answered = {}, 0
        for k in KILL_AFTER:
            while answered < k:
                facts = given(question)
                question = answer_next(c, sid, question)["question"]
                acknowledged.update(facts)
                answered += 1
            service.stop(signal.SIGKILL)
            assert service.proc.returncode == -signal.SIGKILL
            service = Service(data_dir).start()
            c = httpx.Client(base_url=service.base, timeout=30)
            seen = c.get(f"/api/intake/{sid}").json()
            assert seen["answers"] == acknowledged, f"after {k} answers"
            assert seen["question"]["fields"] == question["fields"]

        # killed while an answer is in flight: it is either wholly there or wholly absent, and the intake goes on
        in_flight = given(question)
        threading.Thread(target=lambda: _quietly(c.post, f"/api/intake/{sid}/answer",
                                                 json=answer_body(question, FACTS)), daemon=True).start()
        time.sleep(0.005)
        service.stop(signal.SIGKILL)
        service = Service(data_dir).start()
        c = httpx.Client(base_url=service.base, timeout=30)
        seen = c.get(f"/api/intake/{sid}").json()
        assert seen["answers"] in (acknowledged, {**acknowledged, **in_flight})

        r = seen
        while not r["done"]:
            r = answer_next(c, sid, r["question"])
        assert r["verdict"]["status"] == check(parse_facts(FACTS)).status == "incomplete"
        assert c.get(f"/api/intake/{sid}").json()["answers"] == FACTS
    finally:
        service.stop(signal.SIGKILL)


def _quietly(fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except httpx.HTTPError:  # the service died under it, as intended
        pass
