"""The logs hold no enterprise facts: one access line per request, with the session id as the only detail."""
import logging
import re

ACCESS = re.compile(r"^(GET|POST|OPTIONS|PUT|DELETE|PATCH|HEAD) /[^ ?]* \d{3} \d+\.\dms "
                    r"session=([A-Za-z0-9_-]{32}|-)$")
SECRETS = ["宏远精密铸造", "东莞松山湖", "停产了", "4417", "工业增加值占比", "secret-query-words"]


def test_chat_and_intake_leave_no_fact_in_the_logs(client, caplog):
    with caplog.at_level(logging.DEBUG):
        chat = client.post("/api/chat", json={"message": "我们是东莞松山湖的宏远精密铸造，能申报吗？"}).json()
        client.post("/api/chat", json={"message": "是工厂，停产了4417个月", "session_id": chat["session_id"]})
        sid = client.post("/api/intake", json={"applicant_type": "park"}).json()["session_id"]
        client.post(f"/api/intake/{sid}/answer", json={"text": "宏远精密铸造园区的工业增加值占比是 44.17%"})
        client.post(f"/api/intake/{sid}/answer", json={"field": "industrial_value_added_share", "value": 44.17})
        client.post(f"/api/intake/{sid}/answer", json={"field": "longest_halt_months", "value": 4417})
        client.get(f"/api/intake/{sid}")
        client.get("/api/search", params={"q": "secret-query-words 宏远精密铸造"})
        client.post("/api/eligibility", json={"applicant_type": "park", "industrial_value_added_share": 44.17})
        client.post("/api/chat", json={"message": "宏远精密铸造", "session_id": "../宏远精密铸造"})

    # the test's own HTTP client logs the URLs it requests; everything else is the service's
    service = [r for r in caplog.records if not r.name.startswith("httpx")]
    text = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in service)
    leaked = [s for s in SECRETS + ["44.17"] if s in text]
    assert not leaked, text
    access = [r.getMessage() for r in caplog.records if r.name == "assistant.access"]
    assert len(access) == 10 and all(ACCESS.match(line) for line in access), access
    assert access[0].startswith("POST /api/chat 200 ") and access[0].endswith(f"session={chat['session_id']}")
    assert sum(line.endswith(f"session={sid}") for line in access) == 5
    assert access[7].startswith("GET /api/search 200 ")  # the query string is not logged
    assert access[9].startswith("POST /api/chat 422 ") and access[9].endswith("session=-")


def test_uvicorns_access_line_with_address_and_query_is_silenced(client):
    assert logging.getLogger("uvicorn.access").disabled
