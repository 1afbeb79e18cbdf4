"""Every response carries security headers fit for what it is: JSON, the demo page, the cross-origin widget."""
import pytest

from api.middleware import API_CSP, DEMO_CSP


@pytest.mark.parametrize("method, path, kw", [
    ("GET", "/api/health", {}), ("GET", "/api/articles/18", {}), ("GET", "/api/articles/99", {}),
    ("POST", "/api/chat", {"json": {"message": ""}}), ("POST", "/api/eligibility", {"json": {}}),
    ("GET", "/openapi.json", {}), ("GET", "/no/such/path", {}),
])
def test_json_responses_forbid_everything_and_framing(client, method, path, kw):
    r = client.request(method, path, **kw)
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["content-security-policy"] == API_CSP
    assert "default-src 'none'" in API_CSP and "frame-ancestors 'none'" in API_CSP


@pytest.mark.parametrize("path", ["/", "/demo"])
def test_the_demo_page_runs_only_this_services_scripts(client, path):
    r = client.get(path)
    csp = r.headers["content-security-policy"]
    assert r.headers["content-type"].startswith("text/html") and csp == DEMO_CSP
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"
    # the page loads the widget from this service, which its CSP must allow
    assert '<script src="/widget.js"' in r.text


def test_the_widget_loads_from_any_origin(client):
    r = client.get("/widget.js")
    assert r.status_code == 200
    assert r.headers["cross-origin-resource-policy"] == "cross-origin"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert "x-frame-options" not in r.headers and "content-security-policy" not in r.headers
    assert r.headers.get_list("cross-origin-resource-policy") == ["cross-origin"]  # not doubled by the middleware


def test_refusals_carry_the_headers_too(make_client):
    client = make_client(rate_limit=1)
    client.post("/api/intake", json={})
    refused = client.post("/api/intake", json={})
    too_big = client.post("/api/chat", content=b" " * 70000, headers={"content-type": "application/json"})
    for r in (refused, too_big):
        assert r.status_code in (413, 429) and r.headers["content-security-policy"] == API_CSP
