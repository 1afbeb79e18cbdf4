"""The rate limiter (pure, on a fake clock) and the limits as the service applies them: 429, 413, clean 4xx."""
import json

import httpx
import pytest

from api.limits import RateLimiter, retry_after_header
from api.middleware import RateLimitMiddleware, budget_of, is_rate_limited_path


class FakeClock:
    def __init__(self, t: float = 1000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t


def test_a_client_gets_its_limit_in_any_minute_then_waits_for_the_oldest_to_leave():
    clock = FakeClock()
    limiter = RateLimiter(3, clock=clock)
    for _ in range(3):  # at 0 s, 10 s, 20 s
        assert limiter.acquire("a") == 0.0
        clock.t += 10
    assert limiter.acquire("a") == pytest.approx(30.0)  # at 30 s: the first leaves the window at 60 s
    clock.t += 29.9
    assert limiter.acquire("a") == pytest.approx(0.1)
    clock.t += 0.1
    assert limiter.acquire("a") == 0.0
    assert limiter.acquire("a") == pytest.approx(10.0)  # the next one frees at 70 s


def test_refused_requests_do_not_count_against_the_client():
    clock = FakeClock()
    limiter = RateLimiter(2, clock=clock)
    limiter.acquire("a"), limiter.acquire("a")
    for _ in range(50):
        clock.t += 1
        assert limiter.acquire("a") > 0
    clock.t = 1000.0 + 60
    assert limiter.acquire("a") == 0.0


def test_clients_are_limited_separately():
    limiter = RateLimiter(1, clock=FakeClock())
    assert limiter.acquire("10.0.0.1") == 0.0
    assert limiter.acquire("10.0.0.2") == 0.0
    assert limiter.acquire("10.0.0.1") > 0


def test_clients_that_went_quiet_are_forgotten():
    clock = FakeClock()
    limiter = RateLimiter(5, clock=clock)
    for i in range(1023):
        limiter.acquire(f"10.0.{i // 256}.{i % 256}")
    assert len(limiter) == 1023
    clock.t += 61
    limiter.acquire("10.9.9.9")  # the 1024th call sweeps
    assert len(limiter) == 1


def test_retry_after_is_whole_seconds_never_zero():
    assert [retry_after_header(s) for s in (0.01, 1.0, 1.2, 59.9)] == ["1", "1", "2", "60"]


@pytest.mark.parametrize("path, limited", [
    ("/api/chat", True), ("/api/intake", True), ("/api/intake/abc/answer", True), ("/api/intake/abc", True),
    ("/api/intakes", False), ("/api/search", True), ("/api/rating", True), ("/api/eligibility", False),
    ("/api/health", False),
    ("/widget.js", False),
])
def test_the_limited_paths_are_the_contracts(path, limited):
    assert is_rate_limited_path(path) is limited


# ---------------------------------------------------------------- in the service

def test_a_burst_over_the_limit_gets_429_with_retry_after_in_both_languages(make_client):
    client = make_client(rate_limit=3)
    codes = [client.post("/api/chat", json={"message": f"绿色工厂是什么（{i}）"}) for i in range(3)]
    assert [r.status_code for r in codes] == [200, 200, 200]
    refused = client.post("/api/chat", json={"message": "绿色工厂是什么"})
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    body = refused.json()
    assert body["error"] == "rate_limited" and body["message_zh"] and body["message_en"]
    # every costly route has a budget of its own; what costs nothing still answers
    assert client.post("/api/intake", json={}).status_code == 200
    assert client.get("/api/search", params={"q": "绿色工厂"}).status_code == 200
    assert client.post("/api/eligibility", json={}).status_code == 200


@pytest.mark.parametrize("name, spent, then, status", [
    ("search spent, chat still answers", "/api/search", "/api/chat", 200),
    ("chat spent, search still answers", "/api/chat", "/api/search", 200),
    ("an intake step draws on the intake's budget", "/api/intake", "/api/intake/" + "A" * 32, 429),
    ("rating has its own", "/api/chat", "/api/rating", 200),
    ("search spent stays spent", "/api/search", "/api/search", 429),
])
def test_each_route_has_its_own_budget(name, spent, then, status):
    limiter = RateLimiter(1)
    assert limiter.acquire(f"{budget_of(spent)} 192.0.2.9") == 0.0
    assert (limiter.acquire(f"{budget_of(then)} 192.0.2.9") == 0.0) is (status == 200), name


def test_preflights_are_not_counted(make_client):
    site = "https://www.example.gov.cn"
    client = make_client(rate_limit=2, allowed_origins=site)
    for _ in range(5):
        pre = client.options("/api/chat", headers={"Origin": site, "Access-Control-Request-Method": "POST"})
        assert pre.status_code == 200
    assert client.post("/api/chat", json={"message": "你好"}, headers={"Origin": site}).status_code == 200


def test_a_429_can_be_read_by_an_allowed_site(make_client):
    site = "https://www.example.gov.cn"
    client = make_client(rate_limit=1, allowed_origins=site)
    client.post("/api/chat", json={"message": "你好"}, headers={"Origin": site})
    refused = client.post("/api/chat", json={"message": "你好"}, headers={"Origin": site})
    assert refused.status_code == 429 and refused.headers["access-control-allow-origin"] == site


def test_limit_zero_turns_limiting_off(make_client):
    client = make_client(rate_limit=0)
    assert all(client.post("/api/intake", json={}).status_code == 200 for _ in range(40))


async def test_the_budget_is_per_client_address():
    async def ok(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    app = RateLimitMiddleware(ok, RateLimiter(2))

    async def codes(ip: str, n: int) -> list[int]:
        transport = httpx.ASGITransport(app=app, client=(ip, 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            return [(await c.post("/api/chat")).status_code for _ in range(n)]

    assert await codes("192.0.2.1", 3) == [200, 200, 429]
    assert await codes("192.0.2.2", 2) == [200, 200]


# ---------------------------------------------------------------- body size and shape

def test_a_body_declared_too_large_is_refused_before_it_is_read(client):
    r = client.post("/api/chat", content=b"{" + b" " * (64 * 1024) + b"}",
                    headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert r.json()["message_zh"] and "64 KiB" in r.json()["message_en"]


def test_a_chunked_body_without_a_length_is_counted(client):
    def chunks():
        for _ in range(200):
            yield b" " * 1024

    r = client.post("/api/eligibility", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["message_en"]


def test_a_body_at_the_limit_is_read(client):
    body = json.dumps({"message": "绿色工厂是什么"}).encode()
    body += b" " * (64 * 1024 - len(body))
    r = client.post("/api/chat", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 200


def test_a_malformed_content_length_is_a_400(client):
    r = client.post("/api/chat", content=b'{"message": "hi"}',
                    headers={"content-type": "application/json", "content-length": "12abc"})
    assert r.status_code == 400 and r.json()["message_zh"]


WIDE_OBJECT = "{" + ",".join(f'"f{i}": true' for i in range(4500)) + "}"
WIDE_ARRAY = "[" + ",".join("1" for _ in range(20000)) + "]"
DEEP = "[" * 20000 + "]" * 20000


@pytest.mark.parametrize("path, body", [
    ("/api/eligibility", WIDE_OBJECT), ("/api/eligibility", WIDE_ARRAY), ("/api/eligibility", DEEP),
    ("/api/chat", WIDE_OBJECT), ("/api/chat", DEEP), ("/api/intake", WIDE_OBJECT), ("/api/intake", DEEP),
])
def test_huge_json_objects_and_arrays_get_a_clean_4xx(client, path, body):
    assert len(body) < 64 * 1024
    r = client.post(path, content=body, headers={"content-type": "application/json"})
    assert 400 <= r.status_code < 500
    assert r.json()["message_zh"] and r.json()["message_en"] and len(r.text) < 4000


@pytest.mark.parametrize("value", [json.loads(WIDE_OBJECT), json.loads(WIDE_ARRAY), [[[[["deep"]]]]]])
def test_huge_answer_values_get_a_clean_4xx(client, value):
    sid = client.post("/api/intake", json={}).json()["session_id"]
    r = client.post(f"/api/intake/{sid}/answer", json={"field": "applicant_type", "value": value})
    assert r.status_code == 422 and r.json()["field"]
