"""One visitor cannot hurt the others: hosts, proxies, admin guessing, bounded cost, docs without a CDN, no-store."""
import pytest
from pydantic import ValidationError

from api.clients import FORWARDED_PEER, Proxies, host_allowed
from assistant.settings import Settings
from reading import read
from reading.text import MAX_EMBEDDED_CHARS, MAX_QUERY_CHARS

TOKEN = "a-long-enough-admin-token-for-tests"


def scope(host="service.example.gov.cn", peer="203.0.113.9", forwarded=None, port=5000):
    headers = [(b"host", host.encode())]
    if forwarded is not None:
        headers.append((b"x-forwarded-for", forwarded.encode()))
    return {"type": "http", "headers": headers, "client": (peer, port)}


@pytest.mark.parametrize("name, proxies, forwarded, client", [
    # what uvicorn leaves when it believed the header itself (plain `uvicorn api.app:app` trusts 127.0.0.1)
    ("no proxy of ours: every rewritten request is the one peer", [], "1.2.3.4", FORWARDED_PEER),
    ("no proxy of ours, another value: the same peer", [], "5.6.7.8", FORWARDED_PEER),
    ("our proxy: the chain read from the right", ["127.0.0.1"], "6.6.6.6, 198.51.100.7", "198.51.100.7"),
    ("our proxy, garbage: the peer", ["127.0.0.1"], "not-an-ip", FORWARDED_PEER),
])
def test_a_peer_the_server_replaced_by_the_header_is_not_the_headers_word(name, proxies, forwarded, client):
    rewritten = scope(peer=forwarded.split(",")[-1].strip(), forwarded=forwarded, port=0)
    assert Proxies(proxies).client(rewritten) == client, name


@pytest.mark.parametrize("name, proxies, peer, forwarded, client", [
    ("no proxy trusted: the header is ignored", [], "127.0.0.1", "1.2.3.4", "127.0.0.1"),
    ("a trusted proxy reports the visitor", ["127.0.0.1"], "127.0.0.1", "198.51.100.7", "198.51.100.7"),
    ("a visitor's own header before ours is not believed", ["127.0.0.1"], "127.0.0.1", "6.6.6.6, 198.51.100.7",
     "198.51.100.7"),
    ("an untrusted peer cannot rotate the header", ["10.0.0.0/8"], "203.0.113.9", "1.1.1.1", "203.0.113.9"),
    ("a chain of trusted proxies", ["10.0.0.0/8"], "10.0.0.2", "198.51.100.7, 10.0.0.5", "198.51.100.7"),
    ("garbage in the header", ["127.0.0.1"], "127.0.0.1", "not-an-ip", "127.0.0.1"),
])
def test_forwarded_for_is_believed_only_from_trusted_proxies(name, proxies, peer, forwarded, client):
    assert Proxies(proxies).client(scope(peer=peer, forwarded=forwarded)) == client


@pytest.mark.parametrize("host, allowed, ok", [
    ("service.example.gov.cn", frozenset(), True), ("evil.example", frozenset({"service.example.gov.cn"}), False),
    ("service.example.gov.cn:8443", frozenset({"service.example.gov.cn"}), True),
    ("a.example.gov.cn", frozenset({"*.example.gov.cn"}), True), ("[::1]:8000", frozenset({"::1"}), True),
])
def test_allowed_hosts(host, allowed, ok):
    assert host_allowed(scope(host=host), allowed) is ok


def test_an_unknown_host_is_refused_and_never_echoed(make_client):
    client = make_client(allowed_hosts="testserver")
    r = client.get("/api/articles/", headers={"Host": "evil.example"}, follow_redirects=False)
    assert r.status_code == 400 and "evil.example" not in r.text and r.json()["message_zh"]
    assert client.get("/api/health").status_code == 200


def test_a_short_admin_token_stops_the_service_with_a_clear_message():
    with pytest.raises(ValidationError, match="at least 24 characters"):
        Settings(admin_token="short")


def test_wrong_admin_tokens_are_refused_with_429_after_a_few(make_client):
    client = make_client(admin_token=TOKEN, admin_failures_per_minute=5)
    codes = [client.post("/api/admin/reindex", headers={"Authorization": f"Bearer guess-{i}"}).status_code
             for i in range(8)]
    assert codes[:5] == [401] * 5 and set(codes[5:]) == {429}
    refused = client.post("/api/admin/reindex", headers={"Authorization": f"Bearer {TOKEN}"})
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1  # even the right token, for now


def test_a_long_message_reaches_the_embedder_bounded():
    r = read("请问" + "我们想了解绿色工厂申报条件和停产的规定。" * 100 + "评价报告在哪里提交？")
    assert len(r.embedded) <= MAX_EMBEDDED_CHARS and len(r.query) <= MAX_QUERY_CHARS
    assert "提交" in r.embedded  # the question's own sentence, not the preamble


@pytest.mark.parametrize("path", ["/docs", "/redoc", "/docs/oauth2-redirect"])
def test_api_docs_pages_are_off_by_default(client, path):
    assert client.get(path).status_code == 404


def test_the_openapi_document_is_served_as_data(client):
    assert client.get("/openapi.json").json()["paths"]


def test_api_docs_when_on_load_nothing_from_another_site(make_client):
    client = make_client(api_docs=True)
    page = client.get("/docs")
    assert page.status_code == 200 and "https://" not in page.text and "script-src 'self'" in \
        page.headers["content-security-policy"]
    assert client.get("/openapi.json").json()["paths"]


@pytest.mark.parametrize("method, path, body", [("post", "/api/chat", {"message": "绿色工厂是什么"}),
                                                ("post", "/api/intake", {})])
def test_conversations_are_not_cached(client, method, path, body):
    assert getattr(client, method)(path, json=body).headers["cache-control"] == "no-store"


def test_the_last_resort_500_carries_the_security_headers(make_client, monkeypatch):
    client = make_client()
    from assistant import chat

    monkeypatch.setattr(chat, "_route", lambda *a: 1 / 0)
    from fastapi.testclient import TestClient

    raw = TestClient(client.app, raise_server_exceptions=False)
    r = raw.post("/api/chat", json={"message": "你好"})
    assert r.status_code == 500 and r.headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" in r.headers and "Traceback" not in r.text
