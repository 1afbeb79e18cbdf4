"""The console's API (contract section 5) in-process: off without a token, the questions with their ratings, the
declined ones grouped, the funnel, audit records by session and by record id with today's re-check, the export,
the enterprise's record page, retention, /metrics, and documents listed, uploaded (PDF too) and removed."""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from console.tables import audit_records, intakes, questions
from tests.support import answer_body, tiny_pdf

TOKEN = "s3cret-admin-token-for-the-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HALTED = {"applicant_type": "factory", "already_national_listed": False, "registered_in_guangdong": True,
          "operates_in_guangdong": True, "independent_legal_entity": True, "manufacturing_enterprise": True,
          "meets_national_standard": True, "longest_halt_months": 14, "deregistered": False,
          "abnormal_operation_listed": False, "accident_or_violation": False, "removed_from_list": False,
          "inspection_serious_issue": False, "energy_rectification_pending": False, "dishonest_debtor": False}
ASKED = ["评价报告通过什么平台提交？", "碳排放权交易的配额怎么申请？", "碳排放配额是怎么分配的？", "今天天气怎么样"]


@pytest.fixture(scope="module")
def console(built_data_dir, tmp_path_factory):
    """One service with the console on, visited as the acceptance check does: questions, a rating, an intake."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from assistant.settings import Settings
    from tests.api.conftest import copy_of

    data = copy_of(built_data_dir, tmp_path_factory.mktemp("console"))
    with TestClient(create_app(Settings(data_dir=data, rate_limit=0, admin_token=TOKEN, metrics=True))) as c:
        sids = [c.post("/api/chat", json={"message": q}).json()["session_id"] for q in ASKED]
        assert c.post("/api/rating", json={"session_id": sids[0], "helpful": True}).status_code == 201
        r = c.post("/api/intake", json={}).json()
        sid = r["session_id"]
        while not r["done"]:
            r = c.post(f"/api/intake/{sid}/answer", json=answer_body(r["question"], HALTED)).json()
        c.intake_id, c.chat_ids = sid, sids
        yield c


@pytest.mark.parametrize("path", ["/admin", "/admin/admin.js", "/admin/other.js", "/api/admin/questions", "/api/admin/unanswered",
                                  "/api/admin/funnel", "/api/admin/audit", "/api/admin/audit/" + "A" * 32,
                                  "/api/admin/documents"])
def test_without_a_token_set_there_is_no_console(client, path):
    assert client.get(path, headers={"Authorization": "Bearer anything"}).status_code == 404


@pytest.mark.parametrize("path", ["/api/admin/questions", "/api/admin/funnel", "/api/admin/audit?format=csv"])
def test_the_consoles_api_needs_the_token(console, path):
    assert console.get(path).status_code == 401
    assert console.get(path, headers={"Authorization": "Bearer " + "x" * 32}).status_code == 401


def test_the_page_is_served_with_its_own_script_and_style_only(console):
    page = console.get("/admin")
    assert page.status_code == 200 and 'data-testid="gfa-admin-token"' in page.text
    csp = page.headers["content-security-policy"]
    assert csp == ("default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self'; img-src 'self' data: "
                   "blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
    assert "http://" not in page.text.replace("http://www.w3.org", "") and "https://" not in page.text


def test_the_consoles_script_never_turns_data_into_markup():
    from pathlib import Path

    script = (Path(__file__).resolve().parents[2] / "api" / "static" / "admin.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script, sink


def test_every_question_is_listed_newest_first_with_its_articles_and_rating(console):
    qs = console.get("/api/admin/questions?days=1", headers=AUTH).json()["questions"]
    assert [q["text"] for q in qs][:4] == ASKED[::-1]
    first = next(q for q in qs if q["text"] == ASKED[0])
    assert not first["declined"] and {6, 11} & set(first["articles"]) and first["rating"] is True
    assert all(q["declined"] and not q["articles"] for q in qs if q["text"] != ASKED[0])
    assert first["asked_at"].endswith(("Z", "+00:00"))  # marked UTC, shown in the reader's time


def test_greetings_and_intake_answers_in_the_chat_are_not_questions(make_client):
    c = make_client(admin_token=TOKEN)
    sid = c.post("/api/chat", json={"message": "你好"}).json()["session_id"]
    for message in ("我们能申报绿色工厂吗？", "制造企业", "嗯嗯嗯", "评价机构怎么选？", "今天天气怎么样"):
        c.post("/api/chat", json={"message": message, "session_id": sid})
    qs = c.get("/api/admin/questions?days=1", headers=AUTH).json()["questions"]
    assert [(q["text"], q["declined"]) for q in qs] == [
        ("今天天气怎么样", True), ("评价机构怎么选？", False), ("我们能申报绿色工厂吗？", False)]


def test_the_declined_questions_are_grouped_by_their_matter(console):
    groups = console.get("/api/admin/unanswered?days=1", headers=AUTH).json()["groups"]
    assert groups[0]["count"] == 2 and all("碳排放" in t for t in groups[0]["texts"])
    assert [g["example"] for g in groups[1:]] == [ASKED[3]]
    again = console.get("/api/admin/unanswered?days=1", headers=AUTH).json()["groups"]  # from the kept vectors
    assert again == groups


def test_the_funnel_counts_the_intake_its_facts_and_its_failing_article(console):
    f = console.get("/api/admin/funnel?days=1", headers=AUTH).json()
    assert f["started"] == 1 and f["finished"] == 1 and f["by_status"] == {"ineligible": 1}
    assert f["by_failed_article"] == {"18": 1}
    assert f["reached"]["longest_halt_months"] == 1 and f["reached"]["dishonest_debtor"] == 1


def test_the_audit_record_is_found_by_session_and_by_record_id_and_rechecked_today(console):
    a = console.get(f"/api/admin/audit/{console.intake_id}", headers=AUTH).json()
    assert a["verdict"]["status"] == "ineligible" and a["facts"] == HALTED and a["rules_version"]
    assert a["now"] == {"rules_version": a["rules_version"], "verdict": a["verdict"], "changed": False}
    by_id = console.get(f"/api/admin/audit/{a['record_id'].lower()}", headers=AUTH).json()
    assert by_id["session_id"] == console.intake_id
    assert console.get("/api/admin/audit/GF-00000-00000", headers=AUTH).status_code == 404


def test_a_past_verdict_that_todays_rules_would_change_is_shown_as_changed(console):
    services = console.app.state.services
    a = console.get(f"/api/admin/audit/{console.intake_id}", headers=AUTH).json()
    with services.store.engine.begin() as conn:  # a verdict given under other rules: eligible on a 14-month halt
        conn.execute(update(audit_records).where(audit_records.c.id == a["record_id"]).values(
            verdict=json.dumps({**a["verdict"], "status": "eligible"}, ensure_ascii=False)))
    try:
        b = console.get(f"/api/admin/audit/{a['record_id']}", headers=AUTH).json()
        assert b["verdict"]["status"] == "eligible" and b["now"]["changed"] is True
    finally:
        with services.store.engine.begin() as conn:
            conn.execute(update(audit_records).where(audit_records.c.id == a["record_id"]).values(
                verdict=json.dumps(a["verdict"], ensure_ascii=False)))


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_every_record_exports(console, fmt):
    r = console.get(f"/api/admin/audit?format={fmt}", headers=AUTH)
    assert r.status_code == 200
    if fmt == "csv":
        assert r.content.startswith("\ufeff".encode())  # UTF-8 with its BOM: a spreadsheet opens it as it is
        rows = list(csv.DictReader(io.StringIO(r.text.removeprefix("\ufeff"))))
        records = console.get("/api/admin/audit?format=json", headers=AUTH).json()["records"]
        assert [row["记录编号"] for row in rows] == [x["record_id"] for x in records]
        assert rows[0]["不符合的条款"] == "18" and rows[0]["近三年最长连续停产"] == "14个月"
        english = console.get("/api/admin/audit?format=csv&lang=en", headers=AUTH).text.removeprefix("\ufeff")
        assert next(csv.DictReader(io.StringIO(english)))["articles not met"] == "18"
    else:
        assert [x["session_id"] for x in r.json()["records"]] == [console.intake_id]


def test_the_enterprises_record_page_carries_its_id_its_failing_article_and_the_rules_version(console):
    a = console.get(f"/api/admin/audit/{console.intake_id}", headers=AUTH).json()
    url = console.get(f"/api/intake/{console.intake_id}").json()["verdict"]["record_url"]
    assert url.startswith(f"/record/{a['record_id']}?key=") and console.intake_id not in url
    page = console.get(url)
    assert console.intake_id not in page.text
    assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    assert a["record_id"] in page.text and a["rules_version"] in page.text and "第十八条（一）" in page.text
    assert console.get("/record-assets/record.css").status_code == 200
    assert console.get("/record-assets/other.css").status_code == 404


def _record_path(console, key: str | None) -> str:
    url = console.get(f"/api/intake/{console.intake_id}").json()["verdict"]["record_url"]
    return url if key is None else url.split("?")[0] + key


READ_LINKS = {
    "the session id in place of the record": lambda c: f"/record/{c.intake_id}",
    "the record without its key": lambda c: _record_path(c, ""),
    "the record with another key": lambda c: _record_path(c, "?key=" + "A" * 24),
    "a path that climbs": lambda c: "/record/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
}


@pytest.mark.parametrize("name", READ_LINKS)
def test_a_record_is_read_only_by_its_id_and_key(console, name):
    assert console.get(READ_LINKS[name](console)).status_code == 404


RATINGS = {
    "an unknown session": ({"session_id": "B" * 32, "helpful": True}, 404),
    "a malformed session": ({"session_id": "x", "helpful": True}, 422),
    "helpful as a string": ({"session_id": "B" * 32, "helpful": "yes"}, 422),
    "a comment too long": ({"session_id": "B" * 32, "helpful": False, "comment": "长" * 501}, 422),
}


@pytest.mark.parametrize("name", RATINGS)
def test_ratings_refused(console, name):
    body, status = RATINGS[name]
    r = console.post("/api/rating", json=body)
    assert r.status_code == status and r.json()["message_zh"]


def test_a_rating_with_a_comment_rates_the_last_answer(console):
    sid = console.chat_ids[3]
    assert console.post("/api/rating", json={"session_id": sid, "helpful": False, "comment": " 没回答 "}).status_code == 201
    q = next(q for q in console.get("/api/admin/questions?days=1", headers=AUTH).json()["questions"]
             if q["session_id"] == sid)
    assert q["rating"] is False and q["comment"] == "没回答"


def test_metrics_count_requests_by_route_declined_answers_and_intakes(console):
    text = console.get("/metrics").text
    assert 'route="/api/intake/{session_id}/answer"' in text
    assert 'assistant_answers_total{outcome="declined"} 3.0' in text
    assert "assistant_intakes_started_total 1.0" in text and 'assistant_intakes_finished_total{status="ineligible"} 1.0' in text
    assert "assistant_embedder_queue_length 0.0" in text
    console.request("BREW", "/api/health")
    assert 'method="other"' in console.get("/metrics").text and "BREW" not in console.get("/metrics").text


def test_metrics_are_off_unless_turned_on(client):
    assert client.get("/metrics").status_code == 404


def test_retention_deletes_what_is_older_than_the_setting(make_client):
    c = make_client(admin_token=TOKEN)
    services = c.app.state.services
    sid = c.post("/api/chat", json={"message": "有效期多久？"}).json()["session_id"]
    c.post("/api/chat", json={"message": "评价机构怎么选？"})
    old_intake = c.post("/api/intake", json={}).json()["session_id"]
    c.post(f"/api/intake/{old_intake}/answer", json={"values": HALTED})
    old = datetime.now(timezone.utc).replace(tzinfo=None) - timedelta(days=200)
    with services.store.engine.begin() as conn:
        conn.execute(update(questions).where(questions.c.session_id == sid).values(asked_at=old))
        conn.execute(update(intakes).values(updated_at=old))
        conn.execute(update(audit_records).values(decided_at=old))
    assert services.console.purge_older_than(180) == 3  # a question, an intake, its audit record
    texts = [q["text"] for q in c.get("/api/admin/questions?days=365", headers=AUTH).json()["questions"]]
    assert texts == ["评价机构怎么选？"]
    assert c.get(f"/api/admin/audit/{old_intake}", headers=AUTH).status_code == 404
    assert c.get("/api/admin/funnel?days=365", headers=AUTH).json()["started"] == 0


def test_documents_are_listed_uploaded_as_pdf_found_by_their_citations_and_removed(make_client):
    c = make_client(admin_token=TOKEN)
    pdf = tiny_pdf(["# Energy audit notice", "## Scope", "This notice covers energy audits of factories.",
                    "## Deadline", "Audit reports are due by 30 June."])
    r = c.post("/api/admin/documents", headers=AUTH, files={"file": ("notice.pdf", pdf, "application/pdf")},
               data={"title": "Energy audit notice"})
    assert r.status_code == 201, r.text
    assert r.json()["title"] == "Energy audit notice" and r.json()["articles"] == 2
    listed = c.get("/api/admin/documents", headers=AUTH).json()["documents"]
    assert [(d["title"], d["removable"]) for d in listed] == [("广东省绿色工厂梯度培育管理实施细则", False),
                                                              ("Energy audit notice", True)]
    article = c.get("/api/articles/2", params={"doc": "Energy audit notice"}).json()
    assert article["doc"] == "Energy audit notice" and "30 June" in article["text"]
    assert c.get("/api/articles/2").json()["doc"] == "广东省绿色工厂梯度培育管理实施细则"
    assert c.delete("/api/admin/documents", params={"title": "广东省绿色工厂梯度培育管理实施细则"},
                    headers=AUTH).status_code == 409
    assert c.delete("/api/admin/documents", params={"title": "Energy audit notice"}, headers=AUTH).status_code == 200
    assert len(c.get("/api/admin/documents", headers=AUTH).json()["documents"]) == 1
    assert c.get("/api/articles/2", params={"doc": "Energy audit notice"}).status_code == 404


UPLOADS = {
    "a scan without text": ({"file": ("scan.pdf", tiny_pdf([]), "application/pdf")}, 422),
    "not a PDF at all": ({"file": ("x.pdf", b"hello", "application/pdf")}, 422),
    "a Word file": ({"file": ("x.docx", b"PK..", "application/octet-stream")}, 415),
    "text that is not UTF-8": ({"file": ("x.txt", "第一条 内容".encode("gbk"), "text/plain")}, 422),
    "no file": ({"other": ("x.txt", b"x", "text/plain")}, 422),
}


@pytest.mark.parametrize("name", UPLOADS)
def test_uploads_refused_with_a_reason(make_client, name):
    c = make_client(admin_token=TOKEN)
    files, status = UPLOADS[name]
    r = c.post("/api/admin/documents", headers=AUTH, files=files)
    assert r.status_code == status and r.json()["message_en"], r.text


def test_an_upload_needs_the_token_before_its_body_is_read(make_client):
    c = make_client(admin_token=TOKEN)
    broken = b"--x\r\nnot a multipart body"  # read, it would be a 400; unread, the missing token is a 401
    r = c.post("/api/admin/documents", content=broken, headers={"content-type": "multipart/form-data; boundary=x"})
    assert r.status_code == 401
    r = c.post("/api/admin/documents", content=broken, headers={**AUTH, "content-type": "multipart/form-data; boundary=x"})
    assert r.status_code in (400, 422)


def test_two_replicas_on_one_sqlite_database_show_one_console(built_data_dir, tmp_path):
    from fastapi.testclient import TestClient

    from api.app import create_app
    from assistant.settings import Settings
    from tests.api.conftest import copy_of

    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    apps = [create_app(Settings(data_dir=copy_of(built_data_dir, tmp_path / name), database_url=url, rate_limit=0,
                                admin_token=TOKEN)) for name in "ab"]
    with TestClient(apps[0]) as a, TestClient(apps[1]) as b:
        assert_one_console(a, b)


def test_the_app_writes_what_waits_when_it_shuts_down(built_data_dir, tmp_path):
    from fastapi.testclient import TestClient

    from sqlalchemy import select

    from api.app import create_app
    from assistant.settings import Settings
    from console.tables import intakes
    from intake.store import SessionStore
    from tests.api.conftest import copy_of

    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    settings = Settings(data_dir=copy_of(built_data_dir, tmp_path / "data"), database_url=url, rate_limit=0)
    with TestClient(create_app(settings)) as c:
        sid = c.post("/api/intake", json={}).json()["session_id"]
    sessions = SessionStore(url)
    try:
        with sessions.engine.connect() as conn:
            assert conn.execute(select(intakes.c.session_id)).scalars().all() == [sid]
    finally:
        sessions.close()



def assert_one_console(a, b) -> None:
    """What visitors did on either replica, staff see on both (also run against PostgreSQL in tests/deploy)."""
    sid = a.post("/api/chat", json={"message": "评价报告通过什么平台提交？"}).json()["session_id"]
    b.post("/api/chat", json={"message": "碳排放配额怎么分配？"})
    assert b.post("/api/rating", json={"session_id": sid, "helpful": False}).status_code == 201
    r = a.post("/api/intake", json={}).json()
    intake, clients = r["session_id"], [b, a]
    while not r["done"]:
        r = clients[0].post(f"/api/intake/{intake}/answer", json=answer_body(r["question"], HALTED)).json()
        clients.reverse()
    for c in (a, b):
        qs = c.get("/api/admin/questions?days=1", headers=AUTH).json()["questions"]
        assert [(q["text"], q["declined"], q["rating"]) for q in qs] == [
            ("碳排放配额怎么分配？", True, None), ("评价报告通过什么平台提交？", False, False)]
        f = c.get("/api/admin/funnel?days=1", headers=AUTH).json()
        assert (f["started"], f["finished"], f["by_status"]) == (1, 1, {"ineligible": 1})
        assert c.get(f"/api/admin/audit/{intake}", headers=AUTH).json()["verdict"]["status"] == "ineligible"


def test_a_pdfs_kangxi_radicals_read_as_the_characters_they_look_like():
    from knowledge.parse import parse_document
    from knowledge.pdf import radicals_as_characters

    text = radicals_as_characters("《示例通知》\n第⼀条 本通知适⽤于⼯业企业（⼀）。\n第⼆条 ⾃发布之⽇起施⾏。")
    doc = parse_document(text)
    assert [a.label for a in doc.articles] == ["第一条", "第二条"] and "（一）" in doc.articles[0].text


METRICS_TOKEN = "metrics-token-for-the-tests"


@pytest.mark.parametrize("name, headers, status", [
    ("no token", {}, 401),
    ("another token", {"Authorization": "Bearer not-it"}, 401),
    ("the admin token", AUTH, 401),
    ("its token", {"Authorization": f"Bearer {METRICS_TOKEN}"}, 200),
])
def test_metrics_ask_for_their_own_token_when_one_is_set(make_client, name, headers, status):
    c = make_client(metrics=True, metrics_token=METRICS_TOKEN, admin_token=TOKEN)
    r = c.get("/metrics", headers=headers)
    assert r.status_code == status, name
    if status == 401:
        assert r.headers["www-authenticate"] == "Bearer" and "metrics_token" in r.text
