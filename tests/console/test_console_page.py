"""The staff console page (contract section 5) in Debian's chromium, against the real service: visitors' questions,
a rating and an intake are made through the API first, then staff log in and find them in the page."""
from __future__ import annotations

import json
import re
import secrets
from urllib.parse import urlparse

import httpx
import pytest

from tests.support import Service, question_fields, tiny_pdf
from tests.widget.conftest import AXE, SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOKEN = "console-test-" + secrets.token_urlsafe(18)  # the service refuses a short one
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
OUT_OF_SCOPE = "今天天气怎么样"
CARBON = ["碳排放权交易怎么参与？", "碳交易的配额怎么购买？"]
IN_SCOPE = "市级绿色制造名单什么时候推荐到省里？"
# a factory that halted for 14 months: ineligible under 第十八条（一）
FACTORY = {"applicant_type": "factory", "already_national_listed": False, "registered_in_guangdong": True,
           "operates_in_guangdong": True, "independent_legal_entity": True, "manufacturing_enterprise": True,
           "meets_national_standard": True, "deregistered": False, "longest_halt_months": 14,
           "abnormal_operation_listed": False, "accident_or_violation": False, "removed_from_list": False,
           "inspection_serious_issue": False, "energy_rectification_pending": False, "dishonest_debtor": False}
PDF_TITLE = "Console test supplement"
INGEST_TIMEOUT_MS = 180_000  # an ingest rebuilds the index: slow on a busy machine


# ---------------------------------------------------------------- the service, seeded through its public API

@pytest.fixture(scope="module")
def service(tmp_path_factory):
    try:
        running = Service(tmp_path_factory.mktemp("console-data"), ASSISTANT_ADMIN_TOKEN=TOKEN).start(timeout=240)
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def seeded(service) -> dict:
    """Four chat questions (one out of scope, two similar carbon-trading ones, one answered and rated) and an
    intake run to its verdict with structured answers."""
    with httpx.Client(base_url=service.base, timeout=60) as api:
        for text in [OUT_OF_SCOPE, *CARBON, IN_SCOPE]:
            reply = api.post("/api/chat", json={"message": text})
            assert reply.status_code == 200, reply.text
        rated = api.post("/api/rating", json={"session_id": reply.json()["session_id"], "helpful": True})
        assert rated.status_code in (200, 201), rated.text
        step = api.post("/api/intake", json={}).json()
        session_id = step["session_id"]
        for _ in range(30):
            asked = question_fields(step["question"])
            step = api.post(f"/api/intake/{session_id}/answer",
                            json={"values": {f: FACTORY.get(f) for f in asked}}).json()
            if step["done"]:
                break
        assert step["done"] and step["verdict"]["status"] == "ineligible", step
        audit = api.get(f"/api/admin/audit/{session_id}", headers={"Authorization": f"Bearer {TOKEN}"})
        assert audit.status_code == 200, audit.text
    return {"intake": session_id, "record": audit.json()}


# ---------------------------------------------------------------- the browser

class Watch:
    """What a page did that it must not: script errors, CSP refusals, requests to another origin."""

    def __init__(self, page, origin: str):
        self.origin, self.errors, self.csp, self.foreign = origin, [], [], []
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", self._console)
        page.on("request", self._request)

    def _console(self, msg):
        if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text:
            self.csp.append(msg.text)

    def _request(self, request):
        url = urlparse(request.url)
        if url.scheme in ("blob", "data"):
            return
        if f"{url.scheme}://{url.netloc}" != self.origin:
            self.foreign.append(request.url)

    def check(self):
        assert not self.errors, f"script errors on the page: {self.errors}"
        assert not self.csp, f"the Content-Security-Policy refused something: {self.csp}"
        assert not self.foreign, f"requests left the service's origin: {self.foreign}"


@pytest.fixture
def console(browser, service, seeded):
    """A staff member's fresh tab on a phone, on the console page; it must stay on the service's origin."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", accept_downloads=True)
    context.set_default_timeout(20000)
    page = context.new_page()
    watch = Watch(page, service.base)
    page.goto(service.base + "/admin")
    yield page
    try:
        watch.check()
    finally:
        context.close()


def log_in(page, token: str = TOKEN) -> None:
    page.get_by_test_id("gfa-admin-token").fill(token)
    page.get_by_test_id("gfa-admin-login").click()
    if token == TOKEN:
        page.locator("#console").wait_for(state="visible")
        page.locator("#load-status").filter(has_text="已更新").wait_for()


def axe_serious(page) -> list[dict]:
    # evaluated over the DevTools protocol, as an audit tool runs, not as a script tag of the page
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    return page.evaluate("""async (tags) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => ({id: v.id, impact: v.impact, where: v.nodes.slice(0, 3).map(n => n.target)}));
    }""", AXE_TAGS)


# ---------------------------------------------------------------- the tests

def test_a_wrong_token_is_refused_and_the_right_one_opens_the_console(console):
    assert console.get_by_test_id("gfa-admin-token").get_attribute("type") == "password"
    assert console.get_by_label("管理令牌").count() == 1  # a visible label
    log_in(console, "wrong-" + TOKEN)
    console.locator("#login-msg").filter(has_text="令牌错误").wait_for()
    assert console.locator("#console").is_hidden()
    assert console.evaluate("sessionStorage.length") == 0
    log_in(console)
    assert console.evaluate("Object.keys(sessionStorage)") == ["gfa-admin-token"]  # the tab's storage only
    assert console.evaluate("localStorage.length") == 0
    console.reload()  # the tab keeps it
    console.locator("#load-status").filter(has_text="已更新").wait_for()
    console.get_by_role("button", name="退出登录").click()
    assert console.evaluate("sessionStorage.getItem('gfa-admin-token')") is None
    assert console.get_by_test_id("gfa-admin-token").is_visible()


def test_too_many_wrong_tokens_show_the_wait(console):
    console.route("**/api/admin/documents", lambda route: route.fulfill(
        status=429, headers={"Retry-After": "42"}, content_type="application/json",
        body=json.dumps({"error": "too_many_failures", "message_zh": "管理令牌错误次数过多，请 42 秒后再试。",
                         "message_en": "Too many wrong admin tokens; retry in 42 s."})))
    log_in(console, "wrong-" + TOKEN)
    console.locator("#login-msg").filter(has_text="42 秒").wait_for()


def test_the_figures_charts_questions_and_unanswered_groups(console):
    log_in(console)
    charts = console.get_by_test_id("gfa-admin-chart")
    assert charts.count() == 5
    for chart in charts.all():
        graphic = chart.locator("svg[role=img]")
        assert graphic.count() == 1 and graphic.get_attribute("aria-label")
        assert chart.locator("figcaption").inner_text().strip()
        assert chart.locator("table caption").count() == 1  # the same numbers as a table
    questions_chart = console.locator("[data-chart=questions]")
    counted = questions_chart.locator("tbody td")
    assert sum(int(n) for n in counted.all_inner_texts()) == 4  # the four questions, each on its day
    assert questions_chart.locator("rect.bar").count() >= 1
    funnel = console.locator("[data-chart=funnel]").locator("table").inner_text()
    assert "开始" in funnel and "完成" in funnel and "近三年最长连续停产月数" in funnel
    assert "第十八条" in console.locator("[data-chart=articles]").locator("table").inner_text()

    console.locator("label[for=days-1]").click()  # one day: per hour
    questions_chart.locator("h3").filter(has_text="每小时").wait_for()
    assert counted.count() >= 24 and sum(int(n) for n in counted.all_inner_texts()) == 4

    table = console.locator("#questions-body")
    for text in [OUT_OF_SCOPE, *CARBON, IN_SCOPE]:
        assert table.get_by_text(text).count() == 1, text
    row = console.get_by_test_id("gfa-admin-question").filter(has_text=IN_SCOPE)
    assert "第十三条" in row.inner_text() and "有帮助" in row.inner_text() and "已回答" in row.inner_text()
    console.get_by_label("只看未能回答的问题").check()
    assert table.get_by_text(IN_SCOPE).count() == 0
    assert table.get_by_text(OUT_OF_SCOPE).count() == 1

    groups = console.locator("#unanswered-body details")
    assert groups.count() >= 1
    assert OUT_OF_SCOPE in console.locator("#unanswered-body").inner_text()
    groups.first.locator("summary").click()
    assert groups.first.locator(".group-texts li").first.is_visible()


def test_an_empty_period_shows_empty_charts_not_an_error(console):
    empty = {"questions": {"questions": []}, "unanswered": {"groups": []},
             "funnel": {"started": 0, "finished": 0, "by_status": {}, "by_failed_article": {}, "reached": {}}}

    def answer(body):
        return lambda route: route.fulfill(status=200, content_type="application/json", body=json.dumps(body))

    for name, body in empty.items():
        console.route(re.compile(rf".*/api/admin/{name}\?days=90$"), answer(body))
    log_in(console)
    console.locator("label[for=days-90]").click()
    console.locator("[data-chart=questions] svg text.chart-empty").wait_for()
    for chart in console.get_by_test_id("gfa-admin-chart").all():
        assert "暂无数据" in chart.locator("svg").text_content()
    assert console.locator("#charts-body .msg-error").count() == 0
    assert "暂无数据" in console.locator("#questions-body").inner_text()


def test_the_audit_shows_the_intakes_verdict_and_exports_it(console, seeded):
    log_in(console)
    record = seeded["record"]
    console.get_by_label("会话编号或记录编号").fill(seeded["intake"])
    console.get_by_role("button", name="查询").click()
    card = console.get_by_test_id("gfa-admin-audit")
    card.wait_for()
    assert card.locator("[data-status]").get_attribute("data-status") == "ineligible"
    text = card.inner_text()
    assert "不符合申报条件" in text and record["rules_version"] in text and record["record_id"] in text
    assert "近三年最长连续停产月数" in text and "14 个月" in text  # facts with their Chinese labels
    assert "第十八条（一）" in card.locator(".finding-fail").first.inner_text()
    assert "结论不变" in card.locator(".recheck").inner_text()

    console.get_by_label("会话编号或记录编号").fill("GF-NONE0-NONE0")
    console.get_by_role("button", name="查询").click()
    console.locator("#audit-msg").filter(has_text="找不到").wait_for()
    console.get_by_test_id("gfa-admin-record").filter(has_text=record["record_id"]).click()
    card.filter(has_text=record["record_id"]).wait_for()

    # a verdict that today's rules would decide otherwise is flagged
    changed = {**record, "now": {"rules_version": "0123456789abcdef", "changed": True,
                                 "verdict": {**record["verdict"], "status": "eligible", "findings": []}}}
    console.route(f"**/api/admin/audit/{record['record_id']}", lambda route: route.fulfill(json=changed))
    console.get_by_test_id("gfa-admin-record").filter(has_text=record["record_id"]).click()
    warning = card.locator(".recheck[data-changed=true]")
    warning.wait_for()
    assert warning.get_attribute("role") == "alert"
    assert "变为“符合申报条件”" in warning.inner_text() and "0123456789abcdef" in warning.inner_text()

    with console.expect_download() as download:
        console.get_by_role("button", name="导出 CSV").click()
    exported = download.value.path().read_text(encoding="utf-8")
    assert exported.startswith("\ufeff记录编号") and record["record_id"] in exported
    with console.expect_download() as download:
        console.get_by_role("button", name="导出 JSON").click()
    records = json.loads(download.value.path().read_text(encoding="utf-8"))["records"]
    assert any(r["session_id"] == seeded["intake"] for r in records)


def test_a_pdf_is_ingested_listed_and_removed(console, tmp_path):
    pdf = tmp_path / "supplement.pdf"
    pdf.write_bytes(tiny_pdf(["Article 1 Scope", "This supplement explains how staff review green factory "
                              "applications.", "Article 2 Timing", "Cities recommend their lists before 30 June."]))
    log_in(console)
    documents = console.locator("#documents-body")
    documents.get_by_text("广东省绿色工厂梯度培育管理实施细则").wait_for()
    assert console.get_by_test_id("gfa-admin-remove").count() == 0  # the regulation stays
    console.get_by_label("标题", exact=True).fill(PDF_TITLE)
    console.get_by_label("或选择文件（.pdf、.md、.txt）").set_input_files(str(pdf))
    console.get_by_role("button", name="导入", exact=True).click()
    console.locator("#ingest-msg.msg-ok").wait_for(timeout=INGEST_TIMEOUT_MS)
    assert PDF_TITLE in console.locator("#ingest-msg").inner_text()
    item = console.get_by_test_id("gfa-admin-document").filter(has_text=PDF_TITLE)
    item.wait_for()

    console.once("dialog", lambda dialog: dialog.accept())
    item.get_by_role("button", name=f"删除《{PDF_TITLE}》").click()
    console.locator("#documents-msg.msg-ok").wait_for(timeout=INGEST_TIMEOUT_MS)
    item.wait_for(state="detached")

    # text that is not a document: the service's error, in both languages
    console.get_by_label("标题", exact=True).fill("《带书名号》")
    console.get_by_label("文本或 Markdown").fill("第一条 内容。")
    console.get_by_role("button", name="导入", exact=True).click()
    error = console.locator("#ingest-msg.msg-error")
    error.wait_for()
    assert error.locator("[lang=zh-CN]").count() == 1 and error.locator("[lang=en]").count() == 1


def test_english_and_back(console):
    log_in(console)
    console.locator("#lang-toggle").click()
    assert console.evaluate("document.documentElement.lang") == "en"
    console.get_by_role("heading", name="Charts").wait_for()
    assert console.get_by_role("button", name="Log out").is_visible()
    assert "Questions per" in console.locator("[data-chart=questions] h3").inner_text()
    console.locator("#lang-toggle").click()
    assert console.evaluate("document.documentElement.lang") == "zh-CN"
    console.get_by_role("heading", name="图表").wait_for()


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed: npm install axe-core")
def test_no_serious_accessibility_violations_and_screenshots(console, seeded):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    console.keyboard.press("Tab")  # the first stop is the skip link
    assert console.evaluate("document.activeElement.className") == "skip-link"
    assert axe_serious(console) == []  # the login form
    log_in(console)
    console.get_by_label("会话编号或记录编号").fill(seeded["intake"])
    console.get_by_role("button", name="查询").click()
    console.get_by_test_id("gfa-admin-audit").wait_for()
    console.locator("#unanswered-body details summary").first.click()
    for name, viewport in (("phone", {"width": 390, "height": 844}), ("desktop", {"width": 1280, "height": 900})):
        console.set_viewport_size(viewport)
        console.mouse.move(0, 0)  # no hover state in the pictures
        console.wait_for_timeout(400)  # the charts redraw for the new width
        assert axe_serious(console) == [], name
        console.screenshot(path=str(SCREENSHOTS / f"console-{name}-full.png"), full_page=True)
        console.evaluate("window.scrollTo(0, 0)")
        console.screenshot(path=str(SCREENSHOTS / f"console-{name}.png"))  # what staff see first
