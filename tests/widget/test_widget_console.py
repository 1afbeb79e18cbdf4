"""What the widget adds for the staff console (contract section 5), against the fake API: visitors' ratings of the
chat's answers (gfa-rate, POST /api/rating), the self-check's printable record (gfa-print, /record/{session_id}) and
citation chips that open the article of their own document (/api/articles/{no}?doc=)."""
from __future__ import annotations

import pytest

from .conftest import AXE, FAKE_API, SCREENSHOTS
from .fake_api import CONDITIONS, CONDITIONS_CHECKLIST, EXCLUSIONS, EXCLUSIONS_CHECKLIST, GUIDE, NATIONAL
from .helpers import EVIL, answer_checklist, light_dom_has_markup, open_widget, pwned, send, wait_for_count
from .test_widget_contract import axe_serious, next_question, sent

pytestmark = pytest.mark.browser

NATIONAL_AGAIN = {**NATIONAL, "field": "meets_national_standard", "fields": ["meets_national_standard"],
                  "text": "是否符合国家相应标准要求？"}

SHADOW = "document.getElementById('gfa-widget').shadowRoot"


def answers(page):
    """The chat's answers: bot messages that carry rating buttons."""
    return page.get_by_test_id("gfa-message").filter(has=page.get_by_test_id("gfa-rate"))


def rate_button(message, value: bool):
    return message.locator(f"[data-testid=gfa-rate][data-value={'true' if value else 'false'}]")


def ratings(fake) -> list:
    return sent(fake, "/api/rating")


# ---------- ratings under each answer ----------

RATINGS = [
    pytest.param("zh", True, "有帮助", {"session_id": "chat-1", "helpful": True}, "谢谢反馈",
                 id="thumbs up: helpful true, thanks"),
    pytest.param("zh", False, "没有帮助", {"session_id": "chat-1", "helpful": False}, "谢谢反馈",
                 id="thumbs down: helpful false, thanks"),
    pytest.param("en", True, "Helpful", {"session_id": "chat-1", "helpful": True}, "Thanks for your feedback",
                 id="English page: English names and thanks"),
]


@pytest.mark.parametrize("lang, value, name, body, thanks", RATINGS)
def test_an_answer_has_named_rating_buttons_that_send_the_rating(page, fake, fake_pages, lang, value, name, body,
                                                                 thanks):
    open_widget(page, fake_pages[lang])
    assert page.get_by_test_id("gfa-rate").count() == 0  # the welcome is no answer
    send(page, "什么时候推荐？")
    answer = page.get_by_test_id("gfa-message").last
    buttons = answer.get_by_test_id("gfa-rate")
    assert [b.get_attribute("data-value") for b in buttons.all()] == ["true", "false"]
    assert [b.get_attribute("aria-pressed") for b in buttons.all()] == ["false", "false"]
    assert ratings(fake) == []
    button = answer.get_by_role("button", name=name, exact=True)
    assert button.get_attribute("data-value") == str(value).lower()
    button.click()
    answer.get_by_text(thanks).wait_for()
    assert ratings(fake) == [body]
    assert rate_button(answer, value).get_attribute("aria-pressed") == "true"
    assert rate_button(answer, not value).get_attribute("aria-pressed") == "false"
    # rated once: both buttons now send nothing more
    for b in buttons.all():
        assert b.is_disabled()
        b.evaluate("b => b.click()")
    page.wait_for_timeout(200)
    assert len(ratings(fake)) == 1


def test_only_the_chats_answers_get_rating_buttons(page, fake, fake_pages):
    fake.questions = [NATIONAL]
    open_widget(page, fake_pages["zh"])
    page.get_by_test_id("gfa-start-intake").click()  # the intake's questions and verdict are no chat answers
    next_question(page, 1).locator("[data-value=false]").click()
    page.get_by_test_id("gfa-verdict").wait_for()
    assert page.get_by_test_id("gfa-rate").count() == 0
    send(page, "什么时候推荐？")
    assert answers(page).count() == 1 and page.get_by_test_id("gfa-rate").count() == 2


def _typed_question(page, fake):
    send(page, "什么时候推荐？")


def _suggested_question(page, fake):
    page.get_by_role("button", name="哪些情况不能推荐申报？").click()
    wait_for_count(page, "gfa-rate", 4)


def _chat_starting_the_check(page, fake):
    fake.questions = [NATIONAL]
    send(page, "我们能申报吗", replies=2)  # an answer and the question it asks


OLDER = [
    pytest.param(_typed_question, False, id="a newer answer to a typed question; the older one unrated"),
    pytest.param(_suggested_question, False, id="a newer answer to a suggested question"),
    pytest.param(_chat_starting_the_check, False, id="a newer answer that starts the check in the chat"),
    pytest.param(_typed_question, True, id="the older one rated before: its choice stays shown, it sends no more"),
]


@pytest.mark.parametrize("newer, rated_before", OLDER)
def test_older_answers_stay_rateable_once_a_newer_answer_arrives(page, fake, fake_pages, newer, rated_before):
    """Every answer can be rated, not only the latest (contract section 5: gfa-rate under each answer)."""
    open_widget(page, fake_pages["zh"])
    send(page, "申报条件有哪些？")
    older = answers(page).first
    if rated_before:
        rate_button(older, True).click()
        older.get_by_text("谢谢反馈").wait_for()
    newer(page, fake)
    assert answers(page).count() == 2
    for b in older.get_by_test_id("gfa-rate").all():
        assert b.is_disabled() == rated_before
    assert rate_button(older, True).get_attribute("aria-pressed") == ("true" if rated_before else "false")
    if rated_before:  # rated once: a click (forced) sends nothing more
        for b in older.get_by_test_id("gfa-rate").all():
            b.evaluate("b => { b.click(); b.dispatchEvent(new MouseEvent('click', {bubbles: true})); }")
        page.wait_for_timeout(300)
        assert len(ratings(fake)) == 1
    else:
        rate_button(older, False).click()
        older.get_by_text("谢谢反馈").wait_for()
        assert rate_button(older, False).get_attribute("aria-pressed") == "true"
    latest = answers(page).last
    rate_button(latest, False).click()
    latest.get_by_text("谢谢反馈").wait_for()
    assert ratings(fake)[-1] == {"session_id": "chat-1", "helpful": False} and len(ratings(fake)) == 2


def test_a_step_of_the_check_that_answers_no_question_leaves_the_last_answer_rateable(page, fake, fake_pages):
    """A reply marked "asked": false (a step of the check answered in words) is no answer the service would rate."""
    fake.questions, fake.mark_asked = [NATIONAL, NATIONAL_AGAIN], True
    open_widget(page, fake_pages["zh"])
    send(page, "我们能申报吗", replies=2)
    send(page, "否", replies=2)  # the service's step: the next question, in words and as buttons
    assert answers(page).count() == 1 and page.get_by_test_id("gfa-rate").count() == 2
    last = answers(page).last
    assert "先了解几项情况" in last.inner_text()
    rate_button(last, True).click()
    last.get_by_text("谢谢反馈").wait_for()
    assert ratings(fake) == [{"session_id": "chat-1", "helpful": True}]


SLOW_CHAT = """(() => {
    const fetch0 = window.fetch;
    window.fetch = (url, opts) => fetch0(url, opts).then(r => String(url).endsWith('/api/chat')
        ? new Promise(done => setTimeout(() => done(r), 800)) : r);
})()"""


def test_a_rating_clicked_while_a_newer_answer_is_on_its_way_is_sent_at_once(page, fake, fake_pages):
    """Not held back behind the question on its way: the answer rated is the one on the screen."""
    page.add_init_script(SLOW_CHAT)
    open_widget(page, fake_pages["zh"])
    send(page, "申报条件有哪些？")
    older = answers(page).first
    page.get_by_test_id("gfa-input").fill("什么时候推荐？")
    page.get_by_test_id("gfa-send").click()
    page.wait_for_function(f"() => {SHADOW}.querySelector('.thinking')")  # the newer question is on its way
    rate_button(older, True).click()
    older.get_by_text("谢谢反馈").wait_for()
    assert page.evaluate(f"!!{SHADOW}.querySelector('.thinking')")  # before the newer answer came back
    assert ratings(fake) == [{"session_id": "chat-1", "helpful": True}] and len(sent(fake, "/api/chat")) == 2
    assert rate_button(older, True).is_disabled() and rate_button(older, True).get_attribute("aria-pressed") == "true"
    wait_for_count(page, "gfa-rate", 4)
    assert not rate_button(answers(page).last, True).is_disabled()


REFUSALS = [
    pytest.param(429, "请求过于频繁", id="429: too many requests"),
    pytest.param(500, "反馈未能发送", id="a server error"),
]


@pytest.mark.parametrize("status, shown", REFUSALS)
def test_a_refused_rating_says_so_briefly_and_can_be_given_again(page, fake, fake_pages, status, shown):
    fake.rating_status = status
    open_widget(page, fake_pages["zh"])
    send(page, "什么时候推荐？")
    answer = answers(page).last
    rate_button(answer, True).click()
    answer.get_by_text(shown).wait_for()
    assert page.get_by_test_id("gfa-message").count() == 3  # no error message of its own: the widget goes on
    assert [b.get_attribute("aria-pressed") for b in answer.get_by_test_id("gfa-rate").all()] == ["false", "false"]
    fake.rating_status = 200
    rate_button(answer, True).click()
    answer.get_by_text("谢谢反馈").wait_for()
    assert ratings(fake) == [{"session_id": "chat-1", "helpful": True}] * 2
    send(page, "评价报告在哪提交？")  # and the chat goes on
    assert answers(page).count() == 2


def test_a_thumbs_down_may_be_followed_by_a_short_comment(page, fake, fake_pages):
    open_widget(page, fake_pages["zh"])
    send(page, "什么时候推荐？")
    answer = answers(page).last
    assert answer.get_by_test_id("gfa-rate-comment").count() == 0
    rate_button(answer, False).click()
    box = answer.get_by_label("哪里没有帮到您？（可选，500字以内）")
    box.wait_for()
    assert box.get_attribute("data-testid") == "gfa-rate-comment" and box.get_attribute("maxlength") == "500"
    box.fill(EVIL + "没有说清楚申报截止时间")
    answer.get_by_test_id("gfa-rate-comment-send").click()
    answer.get_by_text("意见已收到").wait_for()
    assert ratings(fake) == [{"session_id": "chat-1", "helpful": False},
                             {"session_id": "chat-1", "helpful": False, "comment": EVIL + "没有说清楚申报截止时间"}]
    assert answer.get_by_test_id("gfa-rate-comment").count() == 0
    assert not pwned(page) and not light_dom_has_markup(page)


def test_a_rating_is_kept_across_a_reload(page, fake, fake_pages):
    open_widget(page, fake_pages["zh"])
    send(page, "申报条件有哪些？")
    send(page, "什么时候推荐？")
    rate_button(answers(page).last, True).click()
    answers(page).last.get_by_text("谢谢反馈").wait_for()
    shown = page.get_by_test_id("gfa-message").all_inner_texts()
    page.reload()
    page.get_by_test_id("gfa-input").wait_for()
    assert page.get_by_test_id("gfa-message").all_inner_texts() == shown
    states = [(b.get_attribute("aria-pressed"), b.is_disabled()) for b in page.get_by_test_id("gfa-rate").all()]
    assert states == [("false", False), ("false", False), ("true", True), ("false", True)]


# ---------- the verdict's printable record ----------

def _intake(page, fake):
    page.get_by_test_id("gfa-start-intake").click()
    answer_checklist(next_question(page, 1), dict.fromkeys(CONDITIONS, True))
    answer_checklist(next_question(page, 2), {**dict.fromkeys(EXCLUSIONS, False), "dishonest_debtor": True})


def _in_the_chat(page, fake):
    send(page, "我们能申报吗", replies=2)
    answer_checklist(page.get_by_test_id("gfa-question").first, dict.fromkeys(CONDITIONS, True))
    wait_for_count(page, "gfa-question", 2)
    answer_checklist(page.get_by_test_id("gfa-question").last, {**dict.fromkeys(EXCLUSIONS, False),
                                                                 "dishonest_debtor": True})


PRINTS = [
    pytest.param("zh", _intake, "intake-1", "保存/打印结果", id="an intake started by its button: the intake's session"),
    pytest.param("zh", _in_the_chat, "chat-1", "保存/打印结果", id="a check in the chat: the chat's session"),
    pytest.param("en", _intake, "intake-1", "Save / print result", id="English page: English label"),
]


@pytest.mark.parametrize("lang, how, sid, label", PRINTS)
def test_the_verdict_card_opens_its_printable_record_in_a_new_window(page, fake, fake_pages, lang, how, sid, label):
    fake.questions = [CONDITIONS_CHECKLIST, EXCLUSIONS_CHECKLIST]
    fake.preset = {"applicant_type": "factory", "already_national_listed": False, "longest_halt_months": 0}
    open_widget(page, fake_pages[lang])
    how(page, fake)
    card = page.get_by_test_id("gfa-verdict")
    assert card.get_attribute("data-status") == "ineligible"
    button = card.get_by_test_id("gfa-print")
    assert button.inner_text() == label
    assert button.get_attribute("aria-label").startswith(label)  # the name begins with what is shown
    assert button.evaluate("b => b.tagName + ':' + b.type") == "BUTTON:button"
    with page.context.expect_page() as opened:
        button.click()
    record = opened.value
    record.wait_for_load_state()
    assert record.url == f"{FAKE_API}/record/{sid}"
    assert record.locator("#sid").inner_text() == sid
    assert record.evaluate("window.opener") is None  # noopener: the record cannot reach back into the page
    assert fake.records_opened == [sid]
    assert page.get_by_test_id("gfa-verdict").count() == 1  # the widget stays as it was


def test_print_calls_window_open_with_noopener(page, fake, fake_pages):
    page.add_init_script("window.__opened = []; window.open = (...args) => { window.__opened.push(args); return null; };")
    fake.questions = [NATIONAL]
    open_widget(page, fake_pages["zh"])
    page.get_by_test_id("gfa-start-intake").click()
    next_question(page, 1).locator("[data-value=true]").click()
    page.get_by_test_id("gfa-print").click()
    assert page.evaluate("window.__opened") == [[f"{FAKE_API}/record/intake-1", "_blank", "noopener"]]


# ---------- a citation chip opens the article of its own document ----------

CHIPS = [
    pytest.param(0, "第五条", (5, GUIDE), "申报材料包括申报书、自评价报告", True, id="the guide's 第五条: ?doc= the guide"),
    pytest.param(1, "第十三条", (13, None), "每年6月30日前", False, id="the regulation's 第十三条: no ?doc="),
    pytest.param(2, "第十三条", (13, GUIDE), "本指南由省工业和信息化厅负责解释", True,
                 id="the guide's 第十三条: same number, its own article"),
]


@pytest.mark.parametrize("n, label, fetched, text, names_doc", CHIPS)
def test_a_citation_chip_fetches_the_article_of_its_own_document(page, fake, fake_pages, n, label, fetched, text,
                                                                 names_doc):
    open_widget(page, fake_pages["zh"])
    send(page, "申报指南里要交哪些材料？")
    chip = page.get_by_test_id("gfa-message").last.get_by_test_id("gfa-citation").nth(n)
    assert label in chip.inner_text()
    assert (GUIDE in chip.inner_text()) == names_doc  # which document a 第十三条 is in
    chip.click()
    quote = page.locator(f"#{chip.get_attribute('aria-controls')}")
    quote.get_by_text(text).first.wait_for()  # the article's text, then the quote from it
    assert fake.articles_fetched == [fetched]
    assert (GUIDE in quote.inner_text()) == names_doc


def test_articles_are_cached_per_document_and_number(page, fake, fake_pages):
    open_widget(page, fake_pages["zh"])
    send(page, "申报指南里要交哪些材料？")
    chips = page.get_by_test_id("gfa-message").last.get_by_test_id("gfa-citation")
    quote = page.locator(f"#{chips.first.get_attribute('aria-controls')}")
    for n, text in ((2, "本指南由"), (1, "6月30日前"), (2, "本指南由"), (1, "6月30日前")):
        chips.nth(n).click()
        quote.get_by_text(text).first.wait_for()
    assert sorted(fake.articles_fetched, key=str) == [(13, GUIDE), (13, None)]


# ---------- accessibility and the look on a phone ----------

@pytest.mark.skipif(not AXE.exists(), reason="npm install --no-save axe-core@4")
def test_ratings_comment_chips_of_another_document_and_the_print_button_pass_axe(page, fake, fake_pages):
    fake.questions = [NATIONAL]
    open_widget(page, fake_pages["zh"])
    send(page, "申报指南里要交哪些材料？")
    page.get_by_test_id("gfa-citation").first.click()
    send(page, "什么时候推荐？")
    rate_button(answers(page).last, False).click()
    page.get_by_test_id("gfa-rate-comment").wait_for()
    assert axe_serious(page) == []
    page.get_by_test_id("gfa-start-intake").click()
    page.get_by_test_id("gfa-question").last.locator("[data-value=false]").click()
    page.get_by_test_id("gfa-print").wait_for()
    assert axe_serious(page) == []


def test_screenshots_of_ratings_and_the_print_button_on_a_phone(page, fake, fake_pages):
    """Kept in artifacts/screenshots/ for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    fake.questions = [CONDITIONS_CHECKLIST, EXCLUSIONS_CHECKLIST]
    fake.preset = {"applicant_type": "factory", "already_national_listed": False, "longest_halt_months": 0}
    open_widget(page, fake_pages["zh"])
    send(page, "申报指南里要交哪些材料？")
    chip = page.get_by_test_id("gfa-citation").first
    chip.click()
    page.locator(f"#{chip.get_attribute('aria-controls')}").get_by_text("第二章 申报材料").wait_for()
    chip.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "widget-phone-390x844-other-document.png"))
    send(page, "什么时候推荐？")
    rate_button(answers(page).last, False).click()
    page.get_by_test_id("gfa-rate-comment").wait_for()
    page.get_by_test_id("gfa-rate-comment").scroll_into_view_if_needed()
    page.wait_for_timeout(200)
    page.screenshot(path=str(SCREENSHOTS / "widget-phone-390x844-rating.png"))
    page.get_by_test_id("gfa-start-intake").click()
    answer_checklist(next_question(page, 1), dict.fromkeys(CONDITIONS, True))
    answer_checklist(next_question(page, 2), {**dict.fromkeys(EXCLUSIONS, False), "dishonest_debtor": True})
    page.get_by_test_id("gfa-print").scroll_into_view_if_needed()
    page.wait_for_timeout(200)
    page.screenshot(path=str(SCREENSHOTS / "widget-phone-390x844-print.png"))
    assert (SCREENSHOTS / "widget-phone-390x844-print.png").stat().st_size > 0
