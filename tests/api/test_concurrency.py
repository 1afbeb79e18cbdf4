"""Fifty conversations at once against the real service: no errors, and each gets its own answers back."""
import json
import random
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.support import answer_body

from intake.checker import check
from intake.facts import parse_facts

from .conftest import copy_of, running_service

QA = Path(__file__).resolve().parents[1] / "data" / "dev" / "qa_dev.jsonl"
ELIGIBILITY = Path(__file__).resolve().parents[1] / "data" / "dev" / "eligibility_dev.jsonl"
CONVERSATIONS = 50
SECONDS = 20


def load(path: Path) -> list[dict]:
    if not path.exists():
        pytest.skip(f"{path} is not on this machine")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_intake(c: httpx.Client, facts: dict) -> list[str]:
    """One intake to its verdict; returns what went wrong (nothing, when it is right)."""
    start = c.post("/api/intake", json={})
    if start.status_code != 200:
        return [f"start {start.status_code}"]
    r, sid = start.json(), start.json()["session_id"]
    given = {}
    for _ in range(40):
        if r["done"]:
            break
        body = answer_body(r["question"], facts)
        given.update(body["values"] if "values" in body else {body["field"]: body["value"]})
        resp = c.post(f"/api/intake/{sid}/answer", json=body)
        if resp.status_code != 200:
            return [f"answer {body} {resp.status_code} {resp.text[:100]}"]
        r = resp.json()
        if r["session_id"] != sid:
            return [f"answer of {sid} came back as {r['session_id']}"]
    expected = check(parse_facts(facts)).status
    seen = c.get(f"/api/intake/{sid}").json()
    problems = []
    if not r["done"] or r["verdict"]["status"] != expected:
        problems.append(f"verdict {r.get('verdict', {}) and r['verdict']['status']} != {expected} for {facts}")
    if seen["answers"] != given:
        problems.append(f"stored answers {seen['answers']} != sent {given}")
    return problems


def run_chat(c: httpx.Client, questions: list[str], tag: str) -> list[str]:
    """A conversation of a few questions on one session; each reply must belong to it."""
    sid, problems = None, []
    for i, q in enumerate(random.sample(questions, 3)):
        body = {"message": f"{q}（{tag}-{i}）"}
        if sid:
            body["session_id"] = sid
        r = c.post("/api/chat", json=body)
        if r.status_code != 200:
            return [f"chat {r.status_code} {r.text[:100]}"]
        reply = r.json()
        if sid and reply["session_id"] != sid:
            problems.append(f"chat of {sid} came back as {reply['session_id']}")
        sid = reply["session_id"]
        if not reply["answer"]:
            problems.append(f"empty answer to {q}")
    return problems


@pytest.mark.slow
def test_fifty_concurrent_conversations_get_their_own_answers(built_data_dir, tmp_path):
    questions = [item["q"] for item in load(QA)]
    cases = load(ELIGIBILITY)
    problems, done, lock = [], {"intake": 0, "chat": 0}, threading.Lock()
    stop_at = time.monotonic() + SECONDS

    with running_service(copy_of(built_data_dir, tmp_path / "data")) as service:
        def conversation(n: int) -> None:
            rng = random.Random(n)
            with httpx.Client(base_url=service.base, timeout=60) as c:
                round_ = 0
                while time.monotonic() < stop_at:
                    kind = "intake" if (n + round_) % 2 else "chat"
                    try:
                        found = (run_intake(c, rng.choice(cases)["facts"]) if kind == "intake"
                                 else run_chat(c, questions, f"{n}-{round_}"))
                    except httpx.HTTPError as exc:
                        found = [f"{kind}: {type(exc).__name__} {exc}"]
                    with lock:
                        problems.extend(found)
                        done[kind] += not found
                    round_ += 1

        threads = [threading.Thread(target=conversation, args=(n,)) for n in range(CONVERSATIONS)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(SECONDS + 120)
        assert not any(th.is_alive() for th in threads), "a conversation hung"

    assert not problems, problems[:10]
    assert done["intake"] >= CONVERSATIONS // 2 and done["chat"] >= CONVERSATIONS // 2, done
