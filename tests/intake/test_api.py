import pytest

from tests.support import answer_body, words_for
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.settings import Settings

from .conftest import CLEAN, failed_articles  # noqa: F401


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("data"), rate_limit=0))
    with TestClient(app) as c:
        yield c


def same(verdict, case):
    failed = sorted({f["citation"]["article_no"] for f in verdict["findings"] if f["outcome"] == "fail"})
    return (verdict["status"], failed) == (case["status"], case["failed_articles"]) and \
        set(case["missing_includes"]) <= set(verdict["missing"])


def test_the_development_cases_through_post_eligibility(client, dev_cases):
    for case in dev_cases:
        r = client.post("/api/eligibility", json=case["facts"])
        assert r.status_code == 200 and same(r.json(), case), case["id"]


def test_a_verdict_has_the_contracts_shape(client):
    v = client.post("/api/eligibility", json={**CLEAN["park"], "industrial_value_added_share": 50}).json()
    assert set(v) >= {"status", "applicant_type", "findings", "missing", "next_steps", "disclaimer"}
    fail = next(f for f in v["findings"] if f["outcome"] == "fail")
    assert fail["rule"] == "industrial_value_added_share"
    assert fail["citation"]["label"] == "第八条" and fail["citation"]["item"] == "（一）" and fail["citation"]["doc"]
    assert all(s["citation"]["article_no"] and s["text"] for s in v["next_steps"])


BAD_FACTS = [
    ("an applicant type outside the three", {"applicant_type": "bank"}, "applicant_type"),
    ("a share of 140", {"applicant_type": "park", "industrial_value_added_share": 140}, "industrial_value_added_share"),
    ("a share in words", {"applicant_type": "park", "industrial_value_added_share": "很多"},
     "industrial_value_added_share"),
    ("1 for a boolean", {"deregistered": 1}, "deregistered"),
    ("an unknown fact", {"employees": 12}, "employees"),
    ("a JSON array", [], "body"),
    ("a JSON string", "facts", "body"),
]


@pytest.mark.parametrize("name, body, field", BAD_FACTS, ids=[b[0] for b in BAD_FACTS])
def test_bad_facts_get_a_422_naming_the_fact_in_chinese_and_english(client, name, body, field):
    r = client.post("/api/eligibility", json=body)
    assert r.status_code == 422
    body = r.json()
    assert body["field"] == field and field in body["message_en"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message_zh"])


def test_invalid_json_is_a_4xx(client):
    r = client.post("/api/eligibility", content=b"{not json", headers={"content-type": "application/json"})
    assert 400 <= r.status_code < 500 and r.json()


def drive(client, facts, text=False):
    r = client.post("/api/intake", json={}).json()
    sid, steps = r["session_id"], 0
    assert r["done"] is False and r["question"]["field"] == "applicant_type"
    while not r["done"]:
        q = r["question"]
        body = {"text": words_for(q, facts, steps)} if text else answer_body(q, facts)
        resp = client.post(f"/api/intake/{sid}/answer", json=body)
        assert resp.status_code == 200, resp.text
        r, steps = resp.json(), steps + 1
        assert steps < 40
    return sid, r


@pytest.mark.parametrize("text", [False, True], ids=["by value", "in words"])
def test_the_development_cases_through_the_intake(client, dev_cases, text):
    for case in dev_cases:
        _, r = drive(client, case["facts"], text)
        assert r["question"] is None and same(r["verdict"], case), case["id"]


def test_get_shows_the_answers_and_the_verdict(client):
    sid, r = drive(client, CLEAN["factory"])
    got = client.get(f"/api/intake/{sid}").json()
    assert got["answers"] == CLEAN["factory"] and got["done"] and got["verdict"]["status"] == "eligible"
    assert got["question"] is None


def test_changing_an_answer_after_the_verdict_re_evaluates(client):
    sid, r = drive(client, CLEAN["park"])
    r = client.post(f"/api/intake/{sid}/answer", json={"field": "industrial_value_added_share", "value": 50}).json()
    assert r["done"] and r["verdict"]["status"] == "ineligible"


def test_starting_with_a_type_skips_the_type_question(client):
    r = client.post("/api/intake", json={"applicant_type": "park"}).json()
    assert r["question"]["field"] == "already_national_listed"
    assert client.post("/api/intake").json()["question"]["field"] == "applicant_type"


def test_a_failing_answer_carries_feedback_with_its_citation(client):
    sid = client.post("/api/intake", json={"applicant_type": "factory"}).json()["session_id"]
    r = client.post(f"/api/intake/{sid}/answer", json={"field": "registered_in_guangdong", "value": False}).json()
    assert r["feedback"]["citation"]["label"] == "第七条" and not r["done"]


def test_text_that_is_not_understood_is_a_200_with_a_hint_and_the_same_question(client):
    sid = client.post("/api/intake", json={"applicant_type": "factory"}).json()["session_id"]
    r = client.post(f"/api/intake/{sid}/answer", json={"text": "这个嘛"})
    assert r.status_code == 200
    assert r.json()["question"]["field"] == "already_national_listed" and r.json()["hint"]
    assert r.json()["recorded"] == {} and r.json()["understood"] is False
    assert client.get(f"/api/intake/{sid}").json()["answers"] == {"applicant_type": "factory"}


def test_null_records_unknown(client):
    sid = client.post("/api/intake", json={"applicant_type": "factory"}).json()["session_id"]
    client.post(f"/api/intake/{sid}/answer", json={"field": "registered_in_guangdong", "value": None})
    assert client.get(f"/api/intake/{sid}").json()["answers"]["registered_in_guangdong"] is None


BAD_ANSWERS = [
    ("an unknown field", {"field": "no_such_field", "value": True}, "no_such_field"),
    ("negative months", {"field": "longest_halt_months", "value": -3}, "longest_halt_months"),
    ("a share as text", {"field": "industrial_value_added_share", "value": "abc"}, "industrial_value_added_share"),
    ("a field of another type", {"field": "legal_boundary", "value": True}, "legal_boundary"),
    ("a field without a value", {"field": "deregistered"}, "value"),
    ("both a field and a text", {"field": "deregistered", "value": True, "text": "是"}, "body"),
    ("neither", {}, "body"),
    ("values and a text", {"values": {"deregistered": True}, "text": "是"}, "body"),
    ("a value of the wrong type in values", {"values": {"deregistered": "yes"}}, "deregistered"),
    ("empty values", {"values": {}}, "values"),
]


@pytest.mark.parametrize("name, body, field", BAD_ANSWERS, ids=[b[0] for b in BAD_ANSWERS])
def test_bad_answers_are_422_naming_the_field(client, name, body, field):
    sid = client.post("/api/intake", json={"applicant_type": "factory"}).json()["session_id"]
    r = client.post(f"/api/intake/{sid}/answer", json=body)
    assert r.status_code == 422 and r.json()["field"] == field
    assert client.get(f"/api/intake/{sid}").json()["answers"] == {"applicant_type": "factory"}


# an encoded path does not reach the handler at all: routing refuses it
@pytest.mark.parametrize("sid, status", [("no-such-session", 422), ("A" * 31 + "!", 422),
                                         ("..%2F..%2Fetc%2Fpasswd", 404), ("A" * 32, 404)])
def test_session_ids(client, sid, status):
    assert client.get(f"/api/intake/{sid}").status_code == status
    r = client.post(f"/api/intake/{sid}/answer", json={"field": "deregistered", "value": True})
    assert r.status_code == status and r.json()["message_zh"] and r.json()["message_en"]


def test_a_chat_session_is_not_an_intake_session(client):
    services = client.app.state.services
    sid = services.store.create("chat", {"intake": None})
    assert client.get(f"/api/intake/{sid}").status_code == 404


def test_intake_survives_a_restart(tmp_path):
    settings = Settings(data_dir=tmp_path, rate_limit=0)
    with TestClient(create_app(settings)) as c:
        sid = c.post("/api/intake", json={"applicant_type": "park"}).json()["session_id"]
        c.post(f"/api/intake/{sid}/answer", json={"field": "already_national_listed", "value": False})
    with TestClient(create_app(settings)) as c:
        got = c.get(f"/api/intake/{sid}").json()
    assert got["answers"] == {"applicant_type": "park", "already_national_listed": False}
    assert got["question"]["fields"] == ["legal_boundary", "unified_management", "manufacturing_energy_function",
                                         "park_cultivation_plan", "meets_national_standard"]


ANSWERS_THAT_RECORD = [
    ("a checklist by values", {"values": {"registered_in_guangdong": True, "operates_in_guangdong": False}},
     {"registered_in_guangdong": True, "operates_in_guangdong": False}),
    ("several facts in words", {"text": "我们是佛山注册的独立法人，近三年没停过产"},
     {"registered_in_guangdong": True, "independent_legal_entity": True, "longest_halt_months": 0}),
    ("a hedge records unknown", {"text": "不清楚，要问一下老板"}, {"already_national_listed": None}),
]


@pytest.mark.parametrize("name, body, recorded", ANSWERS_THAT_RECORD, ids=[a[0] for a in ANSWERS_THAT_RECORD])
def test_an_answer_says_what_it_recorded(client, name, body, recorded):
    sid = client.post("/api/intake", json={"applicant_type": "factory"}).json()["session_id"]
    r = client.post(f"/api/intake/{sid}/answer", json=body)
    assert r.status_code == 200 and r.json()["recorded"] == recorded
    answers = client.get(f"/api/intake/{sid}").json()["answers"]
    assert all(answers[f] == v for f, v in recorded.items())
