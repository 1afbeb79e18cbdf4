"""The year at a glance under a timing answer (gfa-calendar, GET /api/calendar), 重新开始 that asks first, the widget on
a phone (no keyboard popping up on opening, touch targets of 44 CSS px), a rating under every answer, a citation's
quote shown once, against the fake API; and the demo page on a 360 px phone, against the real service."""
from __future__ import annotations

import calendar as months
import re
from contextlib import contextmanager

import pytest

from .conftest import AXE, FAKE_API, SCREENSHOTS
from .fake_api import (APPLICANT_TYPE, ARTICLES, CONDITIONS_CHECKLIST, NATIONAL, QUOTES, FakeAssistant,
                       calendar_document)
from .helpers import EVIL, light_dom_has_markup, open_widget, pwned, send, wait_for_count
from .test_widget_contract import axe_serious, next_question, sent

pytestmark = pytest.mark.browser

SHADOW = "document.getElementById('gfa-widget').shadowRoot"
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
NARROW = {"viewport": {"width": 500, "height": 800}}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


@contextmanager
def visitor(browser, site, fake_pages, **options):
    """A fresh visitor in a browser context of its own (a phone, a desktop), the widget talking to FakeAssistant."""
    context = browser.new_context(locale="zh-CN", **options)
    context.set_default_timeout(15000)
    fake = FakeAssistant(origin=site)
    context.route(f"{FAKE_API}/**", fake.route)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        yield page, fake
    finally:
        context.close()
    assert not errors, f"script errors on the page: {errors}"


def active_testid(page) -> str | None:
    return page.evaluate(f"(() => {{ const a = {SHADOW}.activeElement; return a ? (a.dataset.testid || a.className) : null; }})()")


def answers(page):
    return page.get_by_test_id("gfa-message").filter(has=page.get_by_test_id("gfa-rate"))


def rate_button(message, value: bool):
    return message.locator(f"[data-testid=gfa-rate][data-value={'true' if value else 'false'}]")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ---------- 1. the year at a glance: GET /api/calendar, fetched once, shown under a timing answer ----------

PINNED = {"entries": [
    {"when": "04-15", "text": {"zh": EVIL + "填报年度动态管理表。", "en": EVIL + "Submit the annual form."}, "who": EVIL,
     "citation": {"article_no": 19, "label": "第十九条", "quote": EVIL}},
    {"when": "4/15", "text": {"zh": "日期写错的一条不显示。", "en": "Not a date: not shown."}, "citation": {"label": "第一条"}},
    {"when": "12-01", "text": {"zh": "十二月一日的事。", "en": "What happens on 1 December."}, "who": None,
     "citation": {"article_no": 20, "label": EVIL + "第二十条", "item": "（一）"}},
]}


def calendar_rows(doc: dict, lang: str) -> list[tuple[str, str, str]]:
    """What the timeline shows of each well-formed entry: the date in the language, the words, the article."""
    rows = []
    for e in doc["entries"]:
        if not re.fullmatch(r"\d\d-\d\d", e["when"]):
            continue
        m, d = map(int, e["when"].split("-"))
        date = f"{m}月{d}日" if lang == "zh" else f"{d} {months.month_name[m]}"
        c = e["citation"]
        rows.append((date, e["text"][lang], c["label"] + (c.get("item") or "")))
    return rows


def shown_rows(timeline) -> list[tuple[str, str, str]]:
    return [(li.locator(".cal-date").inner_text(), li.locator(".cal-text").inner_text(),
             li.locator(".cal-art").inner_text()) for li in timeline.locator("li").all()]


def calendar_fetches(fake) -> list[str]:
    return [path for method, path, _ in fake.requests if method == "GET" and path == "/api/calendar"]


CALENDARS = [
    pytest.param("zh", "申报流程是怎样的？一年里要做哪些事？", None, "zh", id="Chinese: 4月15日 and the Chinese words"),
    pytest.param("en", "What happens when in the year? A timeline please.", None, "en",
                 id="English: 15 April and the English words"),
    pytest.param("en", "一年里要做哪些事？", None, "zh", id="English page, Chinese question: the conversation's language"),
    pytest.param("zh", "一年里要做哪些事？", PINNED, "zh",
                 id="markup from the server stays text; an entry without a date is left out"),
]


@pytest.mark.parametrize("page_lang, message, doc, lang", CALENDARS)
def test_a_timing_answer_shows_the_year_as_a_timeline_fetched_once(page, fake, fake_pages, page_lang, message, doc,
                                                                    lang):
    fake.calendar_doc = doc
    expected = calendar_rows(doc or calendar_document(), lang)
    open_widget(page, fake_pages[page_lang])
    send(page, "什么时候推荐？")  # a question about one date: no timeline, nothing fetched
    assert page.get_by_test_id("gfa-calendar").count() == 0 and calendar_fetches(fake) == []
    send(page, message)
    answer = page.get_by_test_id("gfa-message").last
    timeline = answer.get_by_test_id("gfa-calendar")
    timeline.wait_for()
    assert shown_rows(timeline) == expected
    # under the answer's words, above its citations
    text_box = answer.locator("div").first.bounding_box()
    box, chip = timeline.bounding_box(), answer.get_by_test_id("gfa-citation").first.bounding_box()
    assert text_box["y"] + text_box["height"] <= box["y"] + 1 and box["y"] + box["height"] <= chip["y"] + 1
    send(page, message)  # asked again: a second timeline, the dates not fetched again
    wait_for_count(page, "gfa-calendar", 2)
    assert len(calendar_fetches(fake)) == 1
    page.reload()  # the conversation is drawn again, timelines included, from what the tab kept
    wait_for_count(page, "gfa-calendar", 2)
    assert shown_rows(page.get_by_test_id("gfa-calendar").first) == expected
    assert len(calendar_fetches(fake)) == 1
    assert not pwned(page) and not light_dom_has_markup(page)


CALENDAR_FAILURES = [
    pytest.param(500, None, id="the dates cannot be had"),
    pytest.param(200, {"entries": "none"}, id="not a calendar"),
    pytest.param(200, {"entries": []}, id="no dates"),
]


@pytest.mark.parametrize("status, doc", CALENDAR_FAILURES)
def test_without_the_dates_the_answer_stands_alone_and_they_are_asked_for_again(page, fake, fake_pages, status, doc):
    fake.calendar_status, fake.calendar_doc = status, doc
    open_widget(page, fake_pages["zh"])
    send(page, "一年里要做哪些事？")
    answer = page.get_by_test_id("gfa-message").last
    assert "时间节点" in answer.inner_text() and answer.get_by_test_id("gfa-citation").count() == 1
    assert page.get_by_test_id("gfa-calendar").count() == 0
    assert page.get_by_test_id("gfa-message").count() == 3  # no error message: the answer stands alone
    fake.calendar_status, fake.calendar_doc = 200, None
    send(page, "一年里要做哪些事？")
    page.get_by_test_id("gfa-message").last.get_by_test_id("gfa-calendar").wait_for()
    assert len(calendar_fetches(fake)) == 2


# ---------- 2. 重新开始 asks first, inside the widget, and sits away from the close button ----------

def _cancel(page):
    page.get_by_test_id("gfa-restart-cancel").click()


def _escape(page):
    page.keyboard.press("Escape")


def _again(page):
    page.get_by_test_id("gfa-restart").click()  # pressed again: the question goes away


def _confirm(page):
    page.get_by_test_id("gfa-restart-ask").get_by_role("button", name="确定", exact=True).click()


RESTARTS = [
    pytest.param(_cancel, False, id="取消 keeps the conversation"),
    pytest.param(_escape, False, id="Escape keeps the conversation and the panel open"),
    pytest.param(_again, False, id="重新开始 pressed again takes the question back"),
    pytest.param(_confirm, True, id="确定 clears the conversation and what the tab kept"),
]


@pytest.mark.parametrize("how, cleared", RESTARTS)
def test_restart_asks_inside_the_widget_before_it_clears(page, fake, fake_pages, how, cleared):
    page.add_init_script("window.__asked = []; window.confirm = m => { window.__asked.push(m); return true; };")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_widget(page, fake_pages["zh"])
    send(page, "什么时候推荐？")
    ask = page.get_by_test_id("gfa-restart-ask")
    assert ask.is_hidden()
    page.get_by_test_id("gfa-restart").click()
    ask.wait_for()
    assert ask.inner_text().startswith("确定要清空对话并重新开始吗？")
    assert [b.inner_text() for b in ask.get_by_role("button").all()] == ["确定", "取消"]
    assert page.get_by_test_id("gfa-restart").get_attribute("aria-expanded") == "true"
    assert active_testid(page) == "gfa-restart-cancel"  # the safe answer has the focus
    assert page.get_by_test_id("gfa-message").count() == 3  # nothing cleared by asking
    how(page)
    assert ask.is_hidden() and page.get_by_test_id("gfa-input").is_visible()
    assert page.get_by_test_id("gfa-message").count() == (1 if cleared else 3)
    kept = page.evaluate("Object.keys(sessionStorage).map(k => sessionStorage.getItem(k)).join(' ')")
    assert ("什么时候推荐" in kept) == (not cleared)
    assert page.evaluate("window.__asked") == [] and dialogs == []  # never window.confirm
    page.reload()
    page.get_by_test_id("gfa-start-intake").wait_for()
    assert page.get_by_test_id("gfa-message").count() == (1 if cleared else 3)


@pytest.mark.parametrize("options", [pytest.param(PHONE, id="phone 360"), pytest.param(DESKTOP, id="desktop")])
def test_restart_is_not_next_to_the_close_button(browser, site, fake_pages, options):
    with visitor(browser, site, fake_pages, **options) as (page, fake):
        open_widget(page, fake_pages["zh"])
        restart = page.get_by_test_id("gfa-restart").bounding_box()
        close = page.get_by_role("button", name="关闭对话窗口").bounding_box()
        assert restart["x"] + restart["width"] + 44 <= close["x"]  # at least a finger's width between them
        assert page.get_by_test_id("gfa-restart").evaluate("b => b.nextElementSibling.tagName") == "H2"


# ---------- 3. opening on a phone does not focus the text box (no keyboard popping up) ----------

def _tap(page):
    page.get_by_test_id("gfa-launcher").tap()


def _click(page):
    page.get_by_test_id("gfa-launcher").click()


def _key(page):
    page.get_by_test_id("gfa-launcher").focus()
    page.keyboard.press("Enter")


def _restart_confirmed(page):
    page.get_by_test_id("gfa-launcher").click()
    page.get_by_test_id("gfa-restart").click()
    page.get_by_test_id("gfa-restart-confirm").click()


OPENINGS = [
    pytest.param(PHONE, _tap, False, id="a phone, tapped: the keyboard stays down"),
    pytest.param(NARROW, _click, False, id="a window under 600 px, clicked"),
    pytest.param(PHONE, _restart_confirmed, False, id="a phone, started over: the keyboard stays down"),
    pytest.param(DESKTOP, _click, True, id="a desktop: typing goes on at once"),
    pytest.param(DESKTOP, _restart_confirmed, True, id="a desktop, started over: typing goes on"),
    pytest.param(PHONE, _key, True, id="opened with a key: a keyboard is at hand, typing follows"),
]


@pytest.mark.parametrize("options, how, focused", OPENINGS)
def test_opening_on_a_phone_does_not_focus_the_text_box(browser, site, fake_pages, options, how, focused):
    with visitor(browser, site, fake_pages, **options) as (page, fake):
        page.goto(fake_pages["zh"])
        how(page)
        page.get_by_test_id("gfa-input").wait_for()
        active = active_testid(page)
        assert (active == "gfa-input") == focused, active
        # the focus is inside the dialog all the same (for a screen reader), not lost with the launcher
        assert page.evaluate(f"{SHADOW}.activeElement && {SHADOW}.activeElement.closest('[role=dialog]') !== null")


# ---------- 4. touch targets of at least 44×44 CSS px ----------

def _closed(page, fake):
    page.get_by_test_id("gfa-close").click()


def _opened(page, fake):
    pass


def _answered(page, fake):
    send(page, "申报条件有哪些？")  # an answer with a chip, rating buttons and suggestions


def _asking_restart(page, fake):
    page.get_by_test_id("gfa-restart").click()


def _question(page, fake):
    fake.questions = [APPLICANT_TYPE]
    page.get_by_test_id("gfa-start-intake").click()
    next_question(page, 1)


def _checklist(page, fake):
    fake.questions = [CONDITIONS_CHECKLIST]
    page.get_by_test_id("gfa-start-intake").click()
    next_question(page, 1)


def _verdict(page, fake):
    fake.questions = [NATIONAL]
    page.get_by_test_id("gfa-start-intake").click()
    next_question(page, 1).locator("[data-value=false]").click()
    page.get_by_test_id("gfa-verdict").wait_for()


def _thumbs_down(page, fake):
    send(page, "什么时候推荐？")
    rate_button(answers(page).last, False).click()
    page.get_by_test_id("gfa-rate-comment").wait_for()


TARGETS = [
    pytest.param("[data-testid=gfa-launcher]", _closed, id="launcher"),
    pytest.param("[data-testid=gfa-send]", _opened, id="send"),
    pytest.param("[data-testid=gfa-close]", _opened, id="close"),
    pytest.param("[data-testid=gfa-restart]", _opened, id="restart"),
    pytest.param("[data-testid=gfa-start-intake]", _opened, id="start the check"),
    pytest.param(".sugg", _opened, id="the welcome's suggested questions"),
    pytest.param("[data-testid=gfa-restart-ask] button", _asking_restart, id="restart's 确定 and 取消"),
    pytest.param("[data-testid=gfa-citation]", _answered, id="citation chips"),
    pytest.param("[data-testid=gfa-rate]", _answered, id="thumbs (rating buttons)"),
    pytest.param("[data-testid=gfa-suggestion]", _answered, id="a reply's suggestions"),
    pytest.param("[data-testid=gfa-choice]", _question, id="choice buttons"),
    pytest.param("[data-testid=gfa-submit]", _checklist, id="a checklist's submit"),
    pytest.param("label.check", _checklist, id="a checklist's tick boxes, by their label"),
    pytest.param("[data-testid=gfa-print]", _verdict, id="the verdict's print button"),
    pytest.param("[data-testid=gfa-rate-comment-send]", _thumbs_down, id="the comment's send button"),
]


@pytest.mark.parametrize("selector, setup", TARGETS)
def test_touch_targets_are_at_least_44_css_px(browser, site, fake_pages, selector, setup):
    with visitor(browser, site, fake_pages, **PHONE) as (page, fake):
        open_widget(page, fake_pages["zh"])
        setup(page, fake)
        targets = page.locator(selector)
        targets.first.wait_for()
        sizes = [(round(b["width"], 1), round(b["height"], 1)) for b in
                 (t.bounding_box() for t in targets.all()) if b]
        assert sizes, f"nothing shown for {selector}"
        assert all(w >= 44 and h >= 44 for w, h in sizes), sizes


# ---------- 5. every answer can be rated, and once rated shows the choice ----------

RATE_ANY = [
    pytest.param([(0, True)], id="the older of two answers, after the newer one arrived"),
    pytest.param([(1, False)], id="the newer one"),
    pytest.param([(0, False), (1, True)], id="both, the older first"),
    pytest.param([(1, True), (0, True)], id="both, the newer first"),
]


@pytest.mark.parametrize("clicks", RATE_ANY)
def test_every_answer_can_be_rated_and_shows_the_choice(page, fake, fake_pages, clicks):
    open_widget(page, fake_pages["zh"])
    send(page, "申报条件有哪些？")
    send(page, "什么时候推荐？")
    assert answers(page).count() == 2 and page.get_by_test_id("gfa-rate").count() == 4
    for i, value in clicks:
        rate_button(answers(page).nth(i), value).click()
        answers(page).nth(i).get_by_text("谢谢反馈").wait_for()
    assert sent(fake, "/api/rating") == [{"session_id": "chat-1", "helpful": v} for _, v in clicks]
    chosen = dict(clicks)

    def states():
        return [[(b.get_attribute("data-value"), b.get_attribute("aria-pressed"), b.is_disabled())
                 for b in answers(page).nth(i).get_by_test_id("gfa-rate").all()] for i in range(2)]

    expected = [[("true", "true" if chosen.get(i) is True else "false", i in chosen),
                 ("false", "true" if chosen.get(i) is False else "false", i in chosen)] for i in range(2)]
    assert states() == expected
    page.reload()
    page.get_by_test_id("gfa-input").wait_for()
    assert states() == expected


# ---------- 6. a citation chip shows its quote once ----------

@pytest.mark.parametrize("citation, where", [pytest.param(c, w, id=w) for c, w in QUOTES])
def test_a_citation_chip_shows_its_quote_once(page, fake, fake_pages, citation, where):
    open_widget(page, fake_pages["zh"])
    send(page, "这几条的原文是什么？")
    chip = page.get_by_test_id("gfa-message").last.get_by_test_id("gfa-citation").filter(has_text=citation["label"])
    chip.click()
    box = page.locator(f"#{chip.get_attribute('aria-controls')}")
    box.get_by_role("heading", name=citation["label"]).wait_for()
    shown, quote = squeeze(box.inner_text()), squeeze(citation["quote"])
    assert shown.count(quote) == 1, shown
    article = ARTICLES.get(citation["article_no"])
    if where.startswith("in the article"):  # marked where it stands in the article, which is shown whole
        assert squeeze(box.locator("mark").inner_text()) == quote
        assert squeeze(article[2]) in shown and "引用原文" not in shown
    else:  # not in the article (or no article): once, after it, as the quoted text
        assert box.locator("mark").count() == 0
        assert shown.endswith("引用原文：" + quote)
        assert (article is None) == ("条文暂时无法载入" in shown)


@pytest.mark.skipif(not AXE.exists(), reason="npm install --no-save axe-core@4")
def test_the_timeline_a_marked_quote_and_the_restart_question_pass_axe(page, fake, fake_pages):
    open_widget(page, fake_pages["zh"])
    send(page, "一年里要做哪些事？")
    page.get_by_test_id("gfa-calendar").wait_for()
    send(page, "这几条的原文是什么？")
    page.get_by_test_id("gfa-message").last.get_by_test_id("gfa-citation").first.click()
    page.get_by_test_id("gfa-message").last.locator("mark").wait_for()
    rate_button(answers(page).first, True).click()
    answers(page).first.get_by_text("谢谢反馈").wait_for()
    page.get_by_test_id("gfa-restart").click()
    page.get_by_test_id("gfa-restart-ask").wait_for()
    assert axe_serious(page) == []


# ---------- 7. the demo page on a 360 px phone (the real service) ----------

def within(box: dict, width: int = 360, height: int = 740) -> bool:
    return box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= width + 0.5 and \
        box["y"] + box["height"] <= height + 0.5


@pytest.mark.parametrize("path", ["/", "/demo"])
def test_the_demo_page_fits_a_360_px_phone(browser, service, path):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(locale="zh-CN", **PHONE)
    context.set_default_timeout(20000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(service + path)
        page.get_by_test_id("gfa-launcher").wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        table = page.locator(".table-box")
        assert table.evaluate("t => t.getBoundingClientRect().right") <= 360
        assert within(page.get_by_test_id("gfa-launcher").bounding_box())
        if path == "/demo":
            page.screenshot(path=str(SCREENSHOTS / "demo-phone-360-page.png"), full_page=True)
        page.get_by_test_id("gfa-launcher").tap()
        dialog = page.get_by_role("dialog")
        dialog.evaluate("d => Promise.all(d.getAnimations().map(a => a.finished))")
        parts = {"header": page.locator(".head"), "close": page.get_by_role("button", name="关闭对话窗口"),
                 "restart": page.get_by_test_id("gfa-restart"), "input": page.get_by_test_id("gfa-input"),
                 "send": page.get_by_test_id("gfa-send"), "panel": dialog}
        outside = {name: loc.bounding_box() for name, loc in parts.items() if not within(loc.bounding_box())}
        assert outside == {}
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert page.evaluate(f"{SHADOW}.activeElement?.dataset?.testid") != "gfa-input"  # no keyboard popping up
        if path == "/demo":
            page.screenshot(path=str(SCREENSHOTS / "demo-phone-360.png"))
            send(page, "申报流程是怎样的？一年里要做哪些事？")  # the real service: the year at a glance
            timeline = page.get_by_test_id("gfa-message").last.get_by_test_id("gfa-calendar")
            timeline.wait_for()
            assert "4月15日" in timeline.inner_text()
            assert page.evaluate("document.documentElement.scrollWidth") <= 360
            log_width = page.locator(".log").evaluate("l => l.scrollWidth - l.clientWidth")
            assert log_width <= 0  # nothing in the conversation scrolls sideways either
            timeline.scroll_into_view_if_needed()
            page.wait_for_timeout(200)
            page.screenshot(path=str(SCREENSHOTS / "demo-phone-360-calendar.png"))
    finally:
        context.close()
    assert not errors, errors


def test_screenshots_of_the_timeline_a_quote_ratings_and_restart_on_a_phone(browser, site, fake_pages):
    """Kept in artifacts/screenshots/ for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with visitor(browser, site, fake_pages, **PHONE) as (page, fake):
        open_widget(page, fake_pages["en"])
        send(page, "What happens when in the year? A timeline please.")
        timeline = page.get_by_test_id("gfa-calendar")
        timeline.scroll_into_view_if_needed()
        page.wait_for_timeout(200)
        page.screenshot(path=str(SCREENSHOTS / "widget-phone-360-calendar-en.png"))
        send(page, "这几条的原文是什么？")
        chip = page.get_by_test_id("gfa-message").last.get_by_test_id("gfa-citation").filter(has_text="第十七条")
        chip.click()
        page.get_by_test_id("gfa-message").last.locator("mark").wait_for()
        page.wait_for_timeout(200)
        page.screenshot(path=str(SCREENSHOTS / "widget-phone-360-quote.png"))
        rate_button(answers(page).first, True).click()
        answers(page).first.get_by_text("Thanks").wait_for()
        answers(page).first.get_by_test_id("gfa-rate").first.scroll_into_view_if_needed()
        page.get_by_test_id("gfa-restart").click()
        page.get_by_test_id("gfa-restart-ask").wait_for()
        page.wait_for_timeout(200)
        page.screenshot(path=str(SCREENSHOTS / "widget-phone-360-rated-older-and-restart.png"))
    assert (SCREENSHOTS / "widget-phone-360-rated-older-and-restart.png").stat().st_size > 0
