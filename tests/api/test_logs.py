"""The logs hold no enterprise facts and no session key: one access line per request, the session as a short hash,
and no visitor's input can write a second line or a terminal escape."""
import logging
import re

import pytest

from api.logsafe import escape, session_tag
from api.middleware import access_line

ACCESS = re.compile(r"^(GET|POST|OPTIONS|PUT|DELETE|PATCH|HEAD) /[^ ?]* \d{3} \d+\.\dms "
                    r"session=([0-9a-f]{12}|-)$")
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
    assert access[0].startswith("POST /api/chat 200 ") and access[0].endswith(f"session={session_tag(chat['session_id'])}")
    assert sum(line.endswith(f"session={session_tag(sid)}") for line in access) == 5
    assert not any(chat["session_id"] in line or sid in line for line in access)  # not in a path either
    assert access[7].startswith("GET /api/search 200 ")  # the query string is not logged
    assert access[9].startswith("POST /api/chat 422 ") and access[9].endswith("session=-")


def test_uvicorns_access_line_with_address_and_query_is_silenced(client):
    assert logging.getLogger("uvicorn.access").disabled


@pytest.mark.parametrize("path", ["/x\nFORGED-LINE INFO assistant.access: POST /api/admin/documents 201",
                                  "/y\x1b[31mred", "/z\r\u2028two"])
def test_a_path_cannot_forge_a_log_line_or_write_an_escape(path):
    line = access_line("GET", path, 404, 1.0, None)
    assert "\n" not in line and "\r" not in line and "\x1b" not in line and "\u2028" not in line
    assert escape("a\nb") == "a\\x0ab"


def test_the_access_log_escapes_what_it_is_given(client, caplog):
    with caplog.at_level(logging.INFO):
        client.get("/x%0aFORGED-LINE%20INFO")
    lines = [r.getMessage() for r in caplog.records if r.name == "assistant.access"]
    assert lines and all("\n" not in line for line in lines) and "\\x0aFORGED-LINE" in lines[-1]


@pytest.mark.parametrize("path", ["/record/{sid}", "/api/admin/audit/{sid}", "/api/intake/{sid}"])
def test_a_session_id_in_any_path_is_logged_as_its_hash(client, caplog, path):
    sid = "Q" * 32
    with caplog.at_level(logging.INFO):
        client.get(path.format(sid=sid))
    line = [r.getMessage() for r in caplog.records if r.name == "assistant.access"][-1]
    assert sid not in line and line.endswith(f"session={session_tag(sid)}")
