"""One conversation, one id (contract §3): a check started in the chat goes on through /api/intake and the
reverse, and a correction typed after the verdict reaches that verdict; English all the way, no fact's name."""
import re

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.settings import Settings
from tests.intake.conftest import CLEAN
from tests.support import answer_body

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("data"), rate_limit=0))
    with TestClient(app) as c:
        yield c


def _finish(client, sid: str, r: dict, facts: dict) -> dict:
    while r.get("question") or r.get("intake"):
        q = r.get("question") or r.get("intake")
        r = client.post(f"/api/intake/{sid}/answer", json=answer_body(q, facts)).json()
    return r


def test_a_check_started_in_the_chat_is_answered_through_the_intake_with_the_same_id(client):
    r = client.post("/api/chat", json={"message": "我们想按绿色工厂申报省级名单，看看能不能报"}).json()
    sid = r["session_id"]
    assert r["intake"] and client.get(f"/api/intake/{sid}").status_code == 200
    r = _finish(client, sid, r, CLEAN["factory"])
    assert r["verdict"]["status"] == "eligible"


def test_a_check_started_by_the_button_goes_on_in_the_chat(client):
    chat = client.post("/api/chat", json={"message": "绿色工厂的申报条件是什么？"}).json()
    r = client.post("/api/intake", json={"session_id": chat["session_id"], "applicant_type": "factory"}).json()
    sid = r["session_id"]
    assert sid == chat["session_id"] and r["question"]["field"] == "already_national_listed"
    r = client.post("/api/chat", json={"session_id": sid, "message": "没有"}).json()
    assert r["session_id"] == sid and r["recorded"] == {"already_national_listed": False}


def test_a_correction_typed_in_the_chat_after_the_verdict_reaches_it(client):
    sid = client.post("/api/intake", json={"applicant_type": "factory"}).json()["session_id"]
    r = _finish(client, sid, client.get(f"/api/intake/{sid}").json(), CLEAN["factory"])
    assert r["verdict"]["status"] == "eligible"
    r = client.post("/api/chat", json={"session_id": sid, "message": "不对，我们2024年被调出过名单"}).json()
    assert r["recorded"] == {"removed_from_list": True} and r["verdict"]["status"] == "ineligible"
    assert client.get(f"/api/intake/{sid}").json()["verdict"]["status"] == "ineligible"


def test_an_unknown_conversation_is_a_404_under_the_intake(client):
    assert client.post("/api/intake/" + "a" * 32 + "/answer", json={"text": "是"}).status_code == 404


def test_a_check_in_english_never_shows_a_fact_s_name(client):
    r = client.post("/api/chat", json={"message": "We are a factory in Dongguan, can we apply?"}).json()
    sid, texts = r["session_id"], [r["answer"]]
    for message in ("No, we are not on the national list.", "Yes to all", "Yes, we meet it.", "Never halted.",
                    "None of these.", "Yes, that's right."):
        r = client.post("/api/chat", json={"session_id": sid, "message": message}).json()
        texts.append(r["answer"])
        if r.get("intake"):
            texts += [r["intake"]["text"], *[c["label"] for c in r["intake"].get("choices") or []]]
    assert r["verdict"], texts[-1]
    assert not any(SNAKE.search(t) for t in texts), [t for t in texts if SNAKE.search(t)]
    assert not any(re.search(r"[\u4e00-\u9fff]{4,}", t) for t in texts[1:-1]), texts
