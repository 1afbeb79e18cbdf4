"""Articles, search and chat through HTTP, as the contract fixes them."""
import pytest


def test_health(client):
    body = client.get("/api/health").json()
    assert body["status"] == "ok"


def test_articles_are_the_thirty_articles_with_chapters(client):
    arts = client.get("/api/articles").json()
    assert [a["article_no"] for a in arts] == list(range(1, 31))
    assert arts[17]["label"] == "第十八条" and arts[17]["chapter"].startswith("第三章")


def test_one_article_and_an_unknown_one(client):
    assert client.get("/api/articles/23").json()["label"] == "第二十三条"
    for bad, status in (("99", 404), ("0", 404), ("abc", 422)):
        r = client.get(f"/api/articles/{bad}")
        assert r.status_code == status and r.json()["message_zh"] and r.json()["message_en"]


def test_search_ranks_best_first(client):
    hits = client.get("/api/search", params={"q": "失信被执行人", "k": 3}).json()["hits"]
    assert hits[0]["article_no"] == 18 and len(hits) == 3
    assert hits[0]["score"] >= hits[1]["score"] >= hits[2]["score"]


@pytest.mark.parametrize("params", [{"q": "", "k": 3}, {"q": "绿色", "k": 0}, {"q": "绿色", "k": 21}, {"k": 3}])
def test_search_refuses_bad_parameters(client, params):
    r = client.get("/api/search", params=params)
    assert r.status_code == 422 and "message_zh" in r.json()


def test_chat_answers_with_quoted_citations_and_keeps_the_session(client):
    r = client.post("/api/chat", json={"message": "动态管理表每年什么时候之前填报？"}).json()
    assert "4月15日前" in r["answer"].splitlines()[0]
    assert r["citations"][0]["article_no"] == 19 and r["citations"][0]["quote"]
    again = client.post("/api/chat", json={"message": "有效期多久", "session_id": r["session_id"]}).json()
    assert again["session_id"] == r["session_id"]


def test_chat_declines_what_the_regulation_does_not_cover(client):
    r = client.post("/api/chat", json={"message": "明天广州天气怎么样？"}).json()
    assert r["citations"] == [] and "工业和信息化主管部门" in r["answer"]


def test_unknown_session_starts_a_new_conversation(client):
    r = client.post("/api/chat", json={"message": "你好，第十三条", "session_id": "A" * 32})
    assert r.status_code == 200 and r.json()["session_id"] != "A" * 32


@pytest.mark.parametrize("body", [
    {"message": ""}, {"message": "绿" * 2001}, {"message": 123}, {"message": "你好", "session_id": "../../etc/passwd"},
    {"message": "你好", "extra": 1}, {},
])
def test_chat_refuses_bad_input_in_both_languages(client, body):
    r = client.post("/api/chat", json=body)
    assert r.status_code == 422
    assert r.json()["message_zh"] and r.json()["message_en"]


def test_invalid_json_is_a_clean_422(client):
    r = client.post("/api/chat", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["error"] == "invalid_json"


def test_chat_opens_the_intake_with_the_type_it_was_told(client):
    r = client.post("/api/chat", json={"message": "我们是一家工业园区，想看看能不能申报"}).json()
    assert r["intake"] and r["intake"]["field"] != "applicant_type"
    assert [c["article_no"] for c in r["citations"]] == [8, 18]
    q = client.post("/api/chat", json={"message": "什么是独立核算单位？", "session_id": r["session_id"]}).json()
    assert q["citations"] and q["intake"]["fields"] == r["intake"]["fields"]
    out = client.post("/api/chat", json={"message": "算了", "session_id": r["session_id"]}).json()
    assert out["intake"] is None and out["verdict"] is None
