"""What every request passes through: security headers, the access log, the rate limit, the body size limit.

Plain ASGI middleware rather than ``BaseHTTPMiddleware``: it costs nothing per request that matters next to the
embedder, and it can refuse an oversized body while it is still arriving."""
from __future__ import annotations

import logging
import re
import time

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .clients import Proxies, host_allowed
from .errors import ApiError, error_response
from .limits import RateLimiter, retry_after_header
from .logsafe import escape, session_tag

access_log = logging.getLogger("assistant.access")

# ---------------------------------------------------------------- security headers

COMMON_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    # browsers ignore it over plain HTTP; behind a TLS proxy it keeps visitors on HTTPS. No includeSubDomains:
    # the department's other hosts are not ours to pin.
    "strict-transport-security": "max-age=31536000",
}
# JSON is data, never a document: nothing may load from it, nothing may frame it
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# The demo page runs only this service's widget and talks only to this service; its own <style> is inline
# (the widget's styles are constructable sheets, which style-src does not govern).
DEMO_CSP = ("default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
DEMO_PATHS = frozenset({"/", "/demo"})
# The API docs page (when ASSISTANT_API_DOCS is on) is the service's own HTML and script, nothing from elsewhere
DOCS_PATHS = frozenset({"/docs"})
DOCS_CSP = ("default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
WIDGET_PATH = "/widget.js"


def security_headers(path: str) -> dict[str, str]:
    """The headers a response to ``path`` carries (a route's own values win)."""
    out = dict(COMMON_HEADERS)
    if path == WIDGET_PATH:
        # department pages on other origins load it, some of them isolated with COEP
        out["cross-origin-resource-policy"] = "cross-origin"
        return out
    out["x-frame-options"] = "DENY"
    if path in DEMO_PATHS:
        out["content-security-policy"] = DEMO_CSP
    elif path in DOCS_PATHS:
        out["content-security-policy"] = DOCS_CSP
    else:
        out["content-security-policy"] = API_CSP
        out["cross-origin-resource-policy"] = "same-site"
    if is_conversation(path):
        # a conversation's reply is the visitor's own: no cache on the way may keep it
        out["cache-control"] = "no-store"
    return out


def is_conversation(path: str) -> bool:
    return path == "/api/chat" or path == "/api/intake" or path.startswith("/api/intake/")


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        extra = security_headers(scope["path"])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in extra.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


# ---------------------------------------------------------------- access log

# The session id is the only thing of a conversation the log may hold: no message, no answer, no fact, no query
# string (a search query is a visitor's own words), no client address.
SESSION_IN_BODY = re.compile(rb'"session_id"\s*:\s*"([A-Za-z0-9_-]{32})"')
SESSION_IN_PATH = re.compile(r"^/(?:api/intake|api/admin/audit|record)/([A-Za-z0-9_-]{32})(?:/|$)")
BODY_CARRIES_SESSION = frozenset({"/api/chat", "/api/intake"})
MAX_SCANNED = 64 * 1024


def access_line(method: str, path: str, status: int, duration_ms: float, session_id: str | None) -> str:
    """One line: the path with its control characters escaped, the session as a short hash of its id."""
    return f"{escape(method)} {escape(path)} {status} {duration_ms:.1f}ms session={session_tag(session_id)}"


class AccessLogMiddleware:
    def __init__(self, app: ASGIApp, logger: logging.Logger = access_log):
        self.app, self.log = app, logger

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        t0 = time.perf_counter()
        path = scope["path"]
        m = SESSION_IN_PATH.match(path)
        found = {"sid": m.group(1) if m else None, "status": 500}
        scan = found["sid"] is None and path in BODY_CARRIES_SESSION
        body = bytearray()

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start":
                found["status"] = message["status"]
            elif scan and message["type"] == "http.response.body" and len(body) < MAX_SCANNED:
                body.extend(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, watch)
        finally:
            if scan:
                hit = SESSION_IN_BODY.search(body)
                found["sid"] = hit.group(1).decode() if hit else None
            # a session id is the key to a conversation: the log holds a short hash of it, in the path too
            shown = path.replace(found["sid"], session_tag(found["sid"])) if m else path
            self.log.info(access_line(scope["method"], shown, found["status"], (time.perf_counter() - t0) * 1000,
                                      found["sid"]))


# ---------------------------------------------------------------- rate limit

COSTLY = frozenset({"/api/chat", "/api/search", "/api/rating"})


def is_rate_limited_path(path: str) -> bool:
    """Every route that costs: the chat and search (the embedder), ratings, and the intake."""
    return budget_of(path) is not None


def budget_of(path: str) -> str | None:
    """The budget a request draws on: each costly route has its own (contract §6), so a visitor who met the
    search's limit can still chat; the intake's steps share the intake's."""
    if path in COSTLY:
        return path
    if path == "/api/intake" or path.startswith("/api/intake/"):
        return "/api/intake"
    return None


def client_key(scope: Scope, proxies: Proxies | None = None) -> str:
    """The client's address: the TCP peer, or what a trusted proxy reports (ASSISTANT_TRUSTED_PROXIES)."""
    return (proxies or Proxies([])).client(scope)


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, limiter: RateLimiter, proxies: Proxies | None = None):
        self.app, self.limiter, self.proxies = app, limiter, proxies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # a CORS preflight is the browser asking, not the visitor: limiting it would hide the real 429 behind a
        # CORS failure
        budget = budget_of(scope["path"]) if scope["type"] == "http" else None
        if budget is not None and scope["method"] != "OPTIONS":
            wait = self.limiter.acquire(f"{budget} {client_key(scope, self.proxies)}")
            if wait > 0:
                retry = retry_after_header(wait)
                err = ApiError(429, "rate_limited", f"请求过于频繁，请 {retry} 秒后再试。",
                               f"Too many requests; please retry in {retry} s.", headers={"Retry-After": retry})
                return await error_response(err)(scope, receive, send)
        await self.app(scope, receive, send)


# ---------------------------------------------------------------- body size

class BodyTooLarge(HTTPException):
    def __init__(self) -> None:
        super().__init__(413, "Request body too large.")


def too_large(limit: int) -> ApiError:
    kib = limit // 1024
    return ApiError(413, "body_too_large", f"请求体过大（上限 {kib} KiB）。",
                    f"The request body is too large (the limit is {kib} KiB).")


def invalid_length() -> ApiError:
    return ApiError(400, "invalid_content_length", "Content-Length 请求头无效。", "The Content-Length header is invalid.")


class BodySizeLimitMiddleware:
    """Refuses a body over ``limit`` bytes: at once by its Content-Length, or as soon as a chunked body passes it.
    ``larger`` names the paths allowed more (a PDF uploaded to the console); their handlers check the admin token
    before they read the body."""

    def __init__(self, app: ASGIApp, limit: int, larger: dict[str, int] | None = None):
        self.app, self.default, self.larger = app, limit, larger or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.larger.get(scope["path"], self.default)
        declared = Headers(scope=scope).get("content-length")
        if declared is not None:
            if not (declared.isascii() and declared.isdigit()):  # "²".isdigit() is True, int() refuses it
                return await error_response(invalid_length())(scope, receive, send)
            if int(declared) > limit:
                return await error_response(too_large(limit))(scope, receive, send)
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    # the route's body reader re-raises an HTTPException as it is; the handler below covers any
                    # reader that does not
                    raise BodyTooLarge()
            return message

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, watch)
        except BodyTooLarge:
            if started:
                raise
            await error_response(too_large(limit))(scope, receive, send)


# ---------------------------------------------------------------- hosts

class AllowedHostsMiddleware:
    """With ASSISTANT_ALLOWED_HOSTS set, a request for any other Host is refused (400) before anything echoes it."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]):
        self.app, self.hosts = app, hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not host_allowed(scope, self.hosts):
            err = ApiError(400, "invalid_host", "不受支持的主机名（Host）。", "This service does not answer to that host.")
            return await error_response(err)(scope, receive, send)
        await self.app(scope, receive, send)
