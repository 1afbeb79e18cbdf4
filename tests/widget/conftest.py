"""Fixtures of the browser tests: the real service, a department site on another origin that embeds the widget
with one tag, and Debian's chromium driven by Playwright."""
from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.support import CHECKOUT, CHROMIUM, CHROMIUM_ARGS, Service, free_port  # noqa: F401 - used by the modules

WIDGET_JS = CHECKOUT / "api" / "static" / "widget.js"
AXE = CHECKOUT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = CHECKOUT / "artifacts" / "screenshots"
FAKE_API = "http://api.test"  # never resolved: every request to it is answered by FakeAssistant

if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed (apt-get install chromium fonts-noto-cjk)", allow_module_level=True)
sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright


HOSTILE_CSS = "button{background:#ff0 !important;font-size:40px} *{border:3px dashed red;margin:9px}"


def host_page(title: str, script: str, lang: str = "zh-CN", link: str = "", css: str = "") -> str:
    """A department page as staff write it: their own content, their own CSS, and the one tag."""
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>'
            f'<style>{css}</style></head>'
            f'<body><main><h1>{title}</h1><p>关于开展2024年度省级绿色制造名单推荐工作的通知。</p>{link}</main>'
            f'{script}</body></html>')


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("department-site")


@pytest.fixture(scope="session")
def site(site_dir):
    """The department's web server, on an origin other than the service's."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def service(site, tmp_path_factory):
    """The real service (uvicorn, as deployed), allowing only the department site's origin."""
    try:
        running = Service(tmp_path_factory.mktemp("assistant-data"), ASSISTANT_ALLOWED_ORIGINS=site).start(timeout=120)
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield running.base
    running.stop()


@pytest.fixture(scope="session")
def real_pages(site, site_dir, service) -> dict[str, str]:
    """Pages that embed the widget from the real service; the second one relies on the default data-api."""
    (site_dir / "index.html").write_text(host_page(
        "广东省工业和信息化厅", f'<script src="{service}/widget.js" data-api="{service}" defer></script>',
        link='<p><a href="other.html">下一页</a></p>'), encoding="utf-8")
    (site_dir / "other.html").write_text(host_page(
        "通知公告", f'<script src="{service}/widget.js" defer></script>'), encoding="utf-8")
    return {"index": f"{site}/index.html", "other": f"{site}/other.html"}


@pytest.fixture(scope="session")
def fake_pages(site, site_dir) -> dict[str, str]:
    """Pages whose widget talks to FakeAssistant; the script itself comes from the department site."""
    shutil.copy(WIDGET_JS, site_dir / "widget.js")
    (site_dir / "fake.html").write_text(host_page(
        "广东省工业和信息化厅", f'<script src="/widget.js" data-api="{FAKE_API}" defer></script>', css=HOSTILE_CSS), encoding="utf-8")
    (site_dir / "fake-en.html").write_text(host_page(
        "Department of Industry", f'<script src="/widget.js" data-api="{FAKE_API}" data-title="Green help desk" '
        'data-accent="#ffd400" defer></script>', lang="en-GB"), encoding="utf-8")
    return {"zh": f"{site}/fake.html", "en": f"{site}/fake-en.html"}


@pytest.fixture
def page(browser):
    """A fresh visitor (no stored conversation) on a phone; any uncaught script error fails the test."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    context.set_default_timeout(15000)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert not errors, f"script errors on the page: {errors}"


@pytest.fixture
def fake(page, site):
    from .fake_api import FakeAssistant

    api = FakeAssistant(origin=site)
    page.context.route(f"{FAKE_API}/**", api.route)  # the context's: a window the widget opens is answered too
    return api
