"""The widget embedded in a department page on another origin, talking to the real service."""
from __future__ import annotations

import json

import httpx
import pytest

from .conftest import AXE, SCREENSHOTS
from .helpers import EVIL, light_dom_has_markup, open_widget, pwned, run_intake, send

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# eligibility cases (contract section 2) answered with the buttons only, numbers typed
FACTORY = {"applicant_type": "factory", "already_national_listed": False, "registered_in_guangdong": True,
           "operates_in_guangdong": True, "independent_legal_entity": True, "manufacturing_enterprise": True,
           "meets_national_standard": True, "deregistered": False, "longest_halt_months": 0,
           "abnormal_operation_listed": False, "accident_or_violation": False, "removed_from_list": False,
           "inspection_serious_issue": False, "energy_rectification_pending": False, "dishonest_debtor": False}
INTAKE_CASES = [
    pytest.param(FACTORY, "eligible", id="a factory meeting every condition is eligible"),
    pytest.param({**FACTORY, "longest_halt_months": 12}, "ineligible", id="a 12-month halt excludes (第十八条)"),
]


def axe_serious(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async (tags) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => ({id: v.id, impact: v.impact, where: v.nodes.slice(0, 3).map(n => n.target)}));
    }""", AXE_TAGS)


def test_script_and_demo_page_are_served(service):
    js = httpx.get(service + "/widget.js")
    assert js.status_code == 200
    assert js.headers["content-type"].startswith("application/javascript")
    assert "max-age" in js.headers["cache-control"]
    for path in ("/", "/demo"):
        demo = httpx.get(service + path)
        assert demo.status_code == 200 and demo.headers["content-type"].startswith("text/html")
        assert '<script src="/widget.js" defer></script>' in demo.text
        assert f'&lt;script src="{service}/widget.js" data-api="{service}" defer&gt;' in demo.text


def test_an_answer_cites_article_13_and_its_chip_opens_the_article(page, real_pages, service):
    open_widget(page, real_pages["index"])
    send(page, "市级绿色制造名单什么时候推荐到省里？")
    chip = page.get_by_test_id("gfa-citation").filter(has_text="第十三条").first
    chip.wait_for()
    chip.click()
    article = httpx.get(service + "/api/articles/13").json()
    quote = page.locator(f"#{chip.get_attribute('aria-controls')}")
    quote.get_by_text(article["chapter"]).wait_for()
    assert article["text"][:20] in quote.inner_text()


@pytest.mark.parametrize("facts, status", INTAKE_CASES)
def test_the_intake_runs_to_the_verdict_card_with_buttons_only(page, real_pages, facts, status):
    open_widget(page, real_pages["index"])
    assert run_intake(page, facts) == status
    card = page.get_by_test_id("gfa-verdict")
    assert card.get_by_test_id("gfa-citation").count() > 0
    assert ("✗" in card.inner_text()) == (status == "ineligible")


def test_the_conversation_survives_reload_and_navigation_until_restarted(page, real_pages):
    open_widget(page, real_pages["index"])
    send(page, "申报绿色工厂需要满足哪些条件？")
    run_intake(page, {**FACTORY, "registered_in_guangdong": False})
    shown = page.get_by_test_id("gfa-message").all_inner_texts()
    page.reload()
    assert page.get_by_test_id("gfa-input").is_visible()  # the panel stays open
    assert page.get_by_test_id("gfa-message").all_inner_texts() == shown
    assert page.get_by_test_id("gfa-verdict").get_attribute("data-status") == "ineligible"
    page.get_by_role("button", name="关闭对话窗口").click()  # on a phone the panel covers the page
    page.get_by_role("link", name="下一页").click()
    page.wait_for_url("**/other.html")
    page.get_by_test_id("gfa-launcher").click()
    assert page.get_by_test_id("gfa-message").all_inner_texts() == shown
    send(page, "评价报告通过什么平台提交？")  # the same chat session goes on from the other page
    page.get_by_test_id("gfa-restart").click()  # asks first (确定 / 取消), inside the widget
    page.get_by_test_id("gfa-restart-ask").get_by_role("button", name="确定", exact=True).click()
    assert page.get_by_test_id("gfa-message").count() == 1  # the welcome only
    page.reload()
    page.get_by_test_id("gfa-start-intake").wait_for()
    assert page.get_by_test_id("gfa-message").count() == 1


def test_markup_typed_by_a_visitor_stays_text(page, real_pages):
    open_widget(page, real_pages["index"])
    send(page, EVIL + "第十三条")
    page.wait_for_timeout(500)
    assert EVIL in page.get_by_test_id("gfa-message").nth(1).inner_text()
    assert not pwned(page) and not light_dom_has_markup(page)
    page.reload()  # and again when the stored transcript is shown
    page.wait_for_timeout(500)
    assert not pwned(page) and not light_dom_has_markup(page)


def test_markup_in_a_forged_server_reply_stays_text(page, real_pages, site, service):
    real = httpx.post(service + "/api/chat", json={"message": "评价报告在哪提交？"}, timeout=30).json()
    assert real.get("citations"), "the real answer should cite articles"
    cite = {**real["citations"][0], "label": EVIL + real["citations"][0]["label"], "item": EVIL,
            "quote": EVIL + (real["citations"][0].get("quote") or "")}
    question = {"field": EVIL, "text": EVIL, "why": EVIL, "kind": "choice", "citation": cite,
                "choices": [{"value": EVIL, "label": EVIL}]}
    verdict = {"status": EVIL, "applicant_type": EVIL, "missing": [EVIL], "disclaimer": EVIL,
               "findings": [{"rule": EVIL, "outcome": EVIL, "reason": EVIL, "citation": cite}],
               "next_steps": [{"text": EVIL, "citation": cite}]}
    forged = {**real, "answer": EVIL + real["answer"], "citations": [cite], "intake": question, "verdict": None,
              "hint": EVIL, "suggestions": [{"label": EVIL, "message": EVIL}]}
    cors = {"access-control-allow-origin": site, "access-control-allow-headers": "content-type"}
    # a button's answer goes by value to the check of the chat's session (contract section 3: one id)
    replies = [forged, {"session_id": real["session_id"], "done": True, "question": None, "verdict": verdict,
                        "recorded": {}}]

    def fulfil(route):
        if route.request.method == "OPTIONS":
            route.fulfill(status=204, headers=cors)
        else:
            route.fulfill(status=200, headers=cors, content_type="application/json",
                          body=json.dumps(replies.pop(0), ensure_ascii=False))

    page.route(f"{service}/api/chat", fulfil)
    page.route(f"{service}/api/intake/*/answer", fulfil)
    open_widget(page, real_pages["index"])
    send(page, "评价报告在哪提交？", replies=2)
    assert page.get_by_test_id("gfa-suggestion").inner_text() == EVIL
    page.get_by_test_id("gfa-question").get_by_test_id("gfa-choice").first.click()
    page.get_by_test_id("gfa-verdict").wait_for()
    for chip in page.get_by_test_id("gfa-citation").all():
        chip.click()
    page.wait_for_timeout(500)
    assert EVIL in page.get_by_test_id("gfa-verdict").inner_text()
    assert not pwned(page) and not light_dom_has_markup(page)


def test_only_allowed_origins_get_a_cors_grant(service, site):
    evil = "http://evil.example"
    pre = httpx.options(service + "/api/chat", headers={
        "Origin": evil, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
    post = httpx.post(service + "/api/chat", json={"message": "你好"}, headers={"Origin": evil}, timeout=30)
    assert "access-control-allow-origin" not in pre.headers
    assert "access-control-allow-origin" not in post.headers
    ok = httpx.options(service + "/api/chat", headers={
        "Origin": site, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
    assert ok.headers.get("access-control-allow-origin") == site


def test_a_page_on_a_disallowed_origin_shows_an_error_not_a_crash(page, real_pages, site):
    # localhost and 127.0.0.1 are different origins: only the latter is allowed
    open_widget(page, real_pages["index"].replace("127.0.0.1", "localhost"))
    send(page, "申报条件有哪些？")
    assert "暂时无法连接" in page.get_by_test_id("gfa-message").last.inner_text()


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed: npm install axe-core")
@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 800}],
                         ids=["phone", "desktop"])
def test_no_serious_accessibility_violations(page, real_pages, viewport):
    page.set_viewport_size(viewport)
    page.goto(real_pages["index"])
    assert axe_serious(page) == []  # the closed launcher
    page.get_by_test_id("gfa-launcher").click()
    send(page, "市级绿色制造名单什么时候推荐到省里？")
    page.get_by_test_id("gfa-citation").first.click()
    run_intake(page, {**FACTORY, "longest_halt_months": 14})
    assert axe_serious(page) == []


def test_the_demo_page_works_under_its_content_security_policy(page, service):
    open_widget(page, service + "/demo")
    send(page, "市级绿色制造名单什么时候推荐到省里？")
    page.get_by_test_id("gfa-citation").filter(has_text="第十三条").first.wait_for()


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed: npm install axe-core")
def test_the_demo_page_has_no_serious_accessibility_violations(browser, service):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)  # to inject axe
    page = context.new_page()
    page.goto(service + "/demo")
    page.get_by_test_id("gfa-launcher").click()
    page.get_by_test_id("gfa-start-intake").wait_for()
    violations = axe_serious(page)
    context.close()
    assert violations == []


def test_screenshots_on_a_phone_and_a_desktop(browser, real_pages):
    """Kept in artifacts/screenshots/ for a person to look at: Chinese glyphs and the layout."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, viewport in (("phone-390x844", {"width": 390, "height": 844}),
                           ("desktop-1280x800", {"width": 1280, "height": 800})):
        context = browser.new_context(viewport=viewport, locale="zh-CN")
        page = context.new_page()
        page.goto(real_pages["index"])
        page.screenshot(path=str(SCREENSHOTS / f"widget-{name}-closed.png"))
        page.get_by_test_id("gfa-launcher").click()
        send(page, "市级绿色制造名单什么时候推荐到省里？")
        page.get_by_test_id("gfa-citation").filter(has_text="第十三条").first.click()
        page.wait_for_timeout(300)
        page.screenshot(path=str(SCREENSHOTS / f"widget-{name}-answer.png"))
        run_intake(page, {**FACTORY, "longest_halt_months": 14})
        page.wait_for_timeout(300)
        page.screenshot(path=str(SCREENSHOTS / f"widget-{name}-verdict.png"))
        context.close()
    assert len(list(SCREENSHOTS.glob("widget-*.png"))) >= 6


def test_a_check_by_the_button_corrected_by_typing_after_the_verdict_shows_the_new_verdict_and_record(
        page, real_pages, service):
    open_widget(page, real_pages["index"])
    assert run_intake(page, FACTORY) == "eligible"
    send(page, "刚才说错了，我们停产过14个月")
    card = page.locator('[data-testid="gfa-verdict"][data-status="ineligible"]').last
    card.wait_for(timeout=20000)
    with page.context.expect_page() as opened:
        card.get_by_test_id("gfa-print").click()
    record = opened.value
    record.wait_for_load_state()
    text = record.locator("body").inner_text()
    assert "不符合" in text and "第十八条" in text, text[:400]
    record.screenshot(path=str(SCREENSHOTS / "record-after-correction.png"), full_page=True)
    record.close()
