"""The widget and the contract's conversation (sections 3 and 4), against the fake API: facts' labels from
GET /api/facts, the confirm question before a verdict, one session for the chat and the check, and the chat's
suggestions."""
from __future__ import annotations

import json

import pytest

from catalogue import facts_document

from .conftest import AXE, SCREENSHOTS
from .fake_api import CONDITIONS, EXCLUSIONS, HALT, NATIONAL, fact_label
from .helpers import EVIL, choice, light_dom_has_markup, open_widget, pwned, send, wait_for_count
from .test_widget_contract import axe_serious, next_question, sent

pytestmark = pytest.mark.browser

SHADOW = "document.getElementById('gfa-widget').shadowRoot"
FACT_NAMES = [f["name"] for f in facts_document()["facts"]]


def unit(fact: str, lang: str = "zh") -> str:
    """The catalogue's unit of a number fact (个月, " months")."""
    return next(f["unit"][lang] for f in facts_document()["facts"] if f["name"] == fact)

# a factory that meets every condition and has none of the circumstances: only what a test asks is left open
GOOD_FACTORY = {"applicant_type": "factory", **dict.fromkeys(CONDITIONS, True), **dict.fromkeys(EXCLUSIONS, False)}


def facts_fetched(fake) -> int:
    return sum(1 for method, path, _ in fake.requests if method == "GET" and path == "/api/facts")


def posts(fake) -> list[tuple[str, object]]:
    return [(path, body) for method, path, body in fake.requests if method == "POST"]


def widget_text(page) -> str:
    """Everything the widget shows as text (attributes such as data-field are not shown)."""
    return page.evaluate(f"{SHADOW}.querySelector('.root').innerText")


def assert_no_identifiers(page) -> None:
    text = widget_text(page)
    assert not [name for name in FACT_NAMES if name in text], text


def begin(page, fake, fake_pages, lang, *questions, preset=None):
    fake.questions = list(questions)
    fake.preset = dict(preset or {})
    open_widget(page, fake_pages[lang])
    page.get_by_test_id("gfa-start-intake").click()
    return next_question(page, 1)


# ---------- labels come from GET /api/facts ----------

# what a visitor types in each language: a number of months, and a no
TYPED = {"zh": ("三个月", "否"), "en": ("3", "no")}


def _missing_in_the_verdict(page, fake, fake_pages, lang):
    """A verdict whose facts are unknown lists the facts no finding names as missing, by their labels."""
    q = begin(page, fake, fake_pages, lang, NATIONAL, preset=GOOD_FACTORY)
    q.locator("[data-value=null]").click()
    card = page.get_by_test_id("gfa-verdict")
    card.wait_for()
    return ["already_national_listed"], card.locator("ul.unknown li[data-rule=already_national_listed] .why") \
        .all_inner_texts()


def _recorded_line(page, fake, fake_pages, lang):
    """An answer in words is echoed with the fact's label and unit."""
    begin(page, fake, fake_pages, lang, HALT, NATIONAL)
    send(page, TYPED[lang][0])
    return ["longest_halt_months"], page.get_by_test_id("gfa-recorded").all_inner_texts()


def _confirm_rows(page, fake, fake_pages, lang):
    """A confirm question's rows are labelled with the service's words for each fact."""
    begin(page, fake, fake_pages, lang, HALT, NATIONAL)
    for typed in TYPED[lang]:
        send(page, typed)
    confirm = next_question(page, 3)
    return ["longest_halt_months", "already_national_listed"], confirm.locator("li[data-field] label").all_inner_texts()


LABELS = [
    pytest.param(_missing_in_the_verdict, "zh", lambda f, lang: fact_label(f, lang), id="missing facts, Chinese page"),
    pytest.param(_missing_in_the_verdict, "en", lambda f, lang: fact_label(f, lang), id="missing facts, English page"),
    pytest.param(_recorded_line, "zh", lambda f, lang: f"已记下：{fact_label(f, lang)}：3{unit(f)}",
                 id="a recorded line, with the catalogue's unit"),
    pytest.param(_recorded_line, "en", lambda f, lang: f"Noted: {fact_label(f, lang)}: 3{unit(f, lang)}",
                 id="a recorded line on an English page"),
    pytest.param(_confirm_rows, "zh", lambda f, lang: fact_label(f, lang), id="a confirm question's rows"),
    pytest.param(_confirm_rows, "en", lambda f, lang: fact_label(f, lang), id="a confirm question's rows in English"),
]


@pytest.mark.parametrize("how, lang, expected", LABELS)
def test_facts_are_named_by_the_labels_of_the_catalogue_fetched_once(page, fake, fake_pages, how, lang, expected):
    facts, shown = how(page, fake, fake_pages, lang)
    assert shown == [expected(f, lang) for f in facts]
    assert_no_identifiers(page)
    assert facts_fetched(fake) == 1
    send(page, "什么时候推荐？")  # more replies: the catalogue is not asked for again
    assert facts_fetched(fake) == 1


def test_the_catalogue_is_fetched_only_when_a_fact_is_to_be_named_and_kept_across_a_reload(page, fake, fake_pages):
    open_widget(page, fake_pages["zh"])
    send(page, "什么时候推荐？")
    assert facts_fetched(fake) == 0  # a question about the regulation names no fact
    fake.questions, fake.preset = [NATIONAL], {"applicant_type": "factory"}
    send(page, "我们能申报吗", replies=2)
    assert facts_fetched(fake) == 1
    next_question(page, 1).locator("[data-value=null]").click()
    page.get_by_test_id("gfa-verdict").wait_for()
    shown = page.get_by_test_id("gfa-message").all_inner_texts()
    page.reload()
    page.get_by_test_id("gfa-verdict").wait_for()
    assert page.get_by_test_id("gfa-message").all_inner_texts() == shown
    assert facts_fetched(fake) == 1
    assert fact_label("already_national_listed") in page.get_by_test_id("gfa-verdict").inner_text()


def test_without_the_catalogue_a_fact_is_never_named_by_its_identifier(page, fake, fake_pages):
    fake.facts_status = 500
    q = begin(page, fake, fake_pages, "zh", NATIONAL, preset={"applicant_type": "factory"})
    q.locator("[data-value=null]").click()
    card = page.get_by_test_id("gfa-verdict")
    card.wait_for()
    assert "另一项信息" in card.inner_text()  # a neutral word stands in for the label
    assert_no_identifiers(page)
    fake.facts_status = 200  # tried again when next needed
    page.get_by_test_id("gfa-start-intake").click()
    next_question(page, 2).locator("[data-value=null]").click()
    wait_for_count(page, "gfa-verdict", 2)
    assert fact_label("already_national_listed") in page.get_by_test_id("gfa-verdict").last.inner_text()
    assert facts_fetched(fake) >= 2


# ---------- the confirm question: each fact with its value, changeable, sent as {"values": …} ----------

def rows(confirm) -> dict:
    """What a confirm question shows: each fact's label and the value its control holds, as words."""
    out = {}
    for li in confirm.locator("li[data-field]").all():
        control = li.get_by_test_id("gfa-confirm-value")
        if control.evaluate("c => c.tagName") == "SELECT":
            value = control.evaluate("s => s.options[s.selectedIndex].text")
        else:
            value = control.input_value()
        out[li.locator("label").inner_text()] = value
    return out


def set_value(confirm, fact: str, value) -> None:
    control = confirm.locator(f"[data-testid=gfa-confirm-value][data-field={fact}]")
    if control.evaluate("c => c.tagName") == "SELECT":
        control.select_option(value=json.dumps(value))
    else:
        control.fill("" if value is None else str(value))


HALT_ZH, LISTED_ZH = fact_label("longest_halt_months"), fact_label("already_national_listed")
AS_RECORDED = {HALT_ZH: "3", LISTED_ZH: "否"}
CONFIRMS = [
    pytest.param("zh", {}, {"longest_halt_months": 3, "already_national_listed": False}, "确认无误", "eligible",
                 AS_RECORDED, id="confirmed as recorded"),
    pytest.param("zh", {"longest_halt_months": 14}, {"longest_halt_months": 14, "already_national_listed": False},
                 f"更正：{HALT_ZH}：14{unit('longest_halt_months')}。其余确认无误。", "ineligible", AS_RECORDED, id="a number changed before sending"),
    pytest.param("zh", {"already_national_listed": None}, {"longest_halt_months": 3, "already_national_listed": None},
                 f"更正：{LISTED_ZH}：不清楚。其余确认无误。", "incomplete", AS_RECORDED, id="a yes/no changed to not sure"),
    pytest.param("zh", {"already_national_listed": True, "longest_halt_months": None},
                 {"longest_halt_months": None, "already_national_listed": True},
                 f"更正：{HALT_ZH}：不清楚；{LISTED_ZH}：是。其余确认无误。", "already_listed", AS_RECORDED,
                 id="both changed, a number emptied"),
    pytest.param("en", {}, {"longest_halt_months": 3, "already_national_listed": False}, "Confirm", "eligible",
                 {fact_label("longest_halt_months", "en"): "3", fact_label("already_national_listed", "en"): "No"},
                 id="English: confirmed as recorded"),
]


@pytest.mark.parametrize("lang, changes, values, said, status, shown", CONFIRMS)
def test_a_confirm_question_shows_the_recorded_values_and_sends_them_as_values(
        page, fake, fake_pages, lang, changes, values, said, status, shown):
    begin(page, fake, fake_pages, lang, HALT, NATIONAL, preset=GOOD_FACTORY)
    for typed in TYPED[lang]:
        send(page, typed)
    confirm = next_question(page, 3)
    assert confirm.get_attribute("data-kind") == "confirm"
    assert confirm.get_attribute("data-fields") == "longest_halt_months already_national_listed"
    assert rows(confirm) == shown
    button = confirm.get_by_test_id("gfa-choice")
    assert button.count() == 1 and button.inner_text() == ("Confirm" if lang == "en" else "确认无误")
    assert json.loads(button.get_attribute("data-value")) == {"longest_halt_months": 3, "already_national_listed": False}
    for fact, value in changes.items():
        set_value(confirm, fact, value)
    assert json.loads(button.get_attribute("data-value")) == values  # the object of the values shown
    assert sent(fake, "/answer")[-1] == {"text": TYPED[lang][-1]}  # nothing is sent before the button
    button.click()
    card = page.get_by_test_id("gfa-verdict")
    assert card.get_attribute("data-status") == status
    assert sent(fake, "/answer")[-1] == {"values": values}
    assert page.get_by_test_id("gfa-message").nth(-2).inner_text().endswith(said)  # the visitor's message
    # answered: it keeps the values sent and sends no more
    for control in confirm.get_by_test_id("gfa-confirm-value").all() + [button]:
        assert control.is_disabled()
    assert button.get_attribute("aria-pressed") == "true"
    requests = len(fake.requests)
    button.evaluate("b => b.click()")
    page.wait_for_timeout(200)
    assert len(fake.requests) == requests


def test_a_confirm_asked_in_the_chat_is_answered_by_value_in_the_chats_session(page, fake, fake_pages):
    fake.questions, fake.preset = [NATIONAL], {**GOOD_FACTORY, "longest_halt_months": 0}
    open_widget(page, fake_pages["zh"])
    send(page, "我们能申报吗", replies=2)
    send(page, "否", replies=2)  # read from words: the reply asks to confirm it
    confirm = next_question(page, 2)
    assert confirm.get_attribute("data-kind") == "confirm"
    choice(confirm, {"already_national_listed": False}).click()
    assert page.get_by_test_id("gfa-verdict").get_attribute("data-status") == "eligible"
    assert posts(fake)[-1] == ("/api/intake/chat-1/answer", {"values": {"already_national_listed": False}})


def test_a_number_that_is_not_one_is_not_sent(page, fake, fake_pages):
    begin(page, fake, fake_pages, "zh", HALT, preset=GOOD_FACTORY | {"already_national_listed": False})
    send(page, "三个月")
    confirm = next_question(page, 2)
    box = confirm.locator("[data-testid=gfa-confirm-value][data-field=longest_halt_months]")
    assert box.get_attribute("type") == "number" and box.input_value() == "3"
    box.fill("-2")
    confirm.get_by_test_id("gfa-choice").click()
    confirm.get_by_text("请填写一个数字").wait_for()
    assert sent(fake, "/answer") == [{"text": "三个月"}]
    box.fill("12")
    confirm.get_by_test_id("gfa-choice").click()
    assert page.get_by_test_id("gfa-verdict").get_attribute("data-status") == "ineligible"
    assert sent(fake, "/answer")[-1] == {"values": {"longest_halt_months": 12}}


def test_changes_to_a_confirm_are_kept_across_a_reload(page, fake, fake_pages):
    begin(page, fake, fake_pages, "zh", HALT, preset=GOOD_FACTORY | {"already_national_listed": False})
    send(page, "三个月")
    set_value(next_question(page, 2), "longest_halt_months", 20)
    page.reload()
    confirm = next_question(page, 2)
    assert rows(confirm) == {HALT_ZH: "20"}
    assert json.loads(confirm.get_by_test_id("gfa-choice").get_attribute("data-value")) == {"longest_halt_months": 20}
    confirm.get_by_test_id("gfa-choice").click()
    assert page.get_by_test_id("gfa-verdict").get_attribute("data-status") == "ineligible"


# ---------- one conversation, one session id ----------

def _chat_then_button(page, fake):
    send(page, "什么时候推荐？")
    page.get_by_test_id("gfa-start-intake").click()


def _button_then_chat(page, fake):
    page.get_by_test_id("gfa-start-intake").click()
    next_question(page, 1)
    send(page, "什么时候推荐？", replies=2)  # the answer, and the question still open asked again


def _in_the_chat(page, fake):
    send(page, "我们能申报吗", replies=2)


SESSIONS = [
    pytest.param("zh", _chat_then_button, "chat-1",
                 [("/api/chat", {"message": "什么时候推荐？"}),
                  ("/api/intake", {"session_id": "chat-1", "lang": "zh"})],
                 id="the chat first: the check starts inside the chat's conversation"),
    pytest.param("en", _chat_then_button, "chat-1",
                 [("/api/chat", {"message": "什么时候推荐？"}),
                  ("/api/intake", {"session_id": "chat-1", "lang": "zh"})],
                 id="a question typed in Chinese on an English page: the check in Chinese"),
    pytest.param("zh", _button_then_chat, "intake-1",
                 [("/api/intake", {"lang": "zh"}),
                  ("/api/chat", {"message": "什么时候推荐？", "session_id": "intake-1"})],
                 id="the check first: the chat goes on in the check's conversation"),
    pytest.param("en", _button_then_chat, "intake-1",
                 [("/api/intake", {"lang": "en"}),
                  ("/api/chat", {"message": "什么时候推荐？", "session_id": "intake-1"})],
                 id="the check first on an English page: in English"),
    pytest.param("zh", _in_the_chat, "chat-1", [("/api/chat", {"message": "我们能申报吗"})],
                 id="the check started by a chat message"),
]


@pytest.mark.parametrize("lang, how, sid, first", SESSIONS)
def test_the_chat_and_the_check_share_one_session_and_a_correction_reaches_the_verdict(
        page, fake, fake_pages, lang, how, sid, first):
    fake.questions, fake.preset = [NATIONAL, HALT], GOOD_FACTORY
    open_widget(page, fake_pages[lang])
    how(page, fake)
    q = page.get_by_test_id("gfa-question").last
    q.wait_for()
    assert posts(fake)[:len(first)] == first
    asked = page.get_by_test_id("gfa-question").count()
    q.locator("[data-value=false]").click()
    next_question(page, asked + 1)
    send(page, "三个月")
    choice(page.get_by_test_id("gfa-question").last, {"longest_halt_months": 3}).click()
    assert page.get_by_test_id("gfa-verdict").get_attribute("data-status") == "eligible"
    answers = [(path, body) for path, body in posts(fake) if path.endswith("/answer")]
    assert answers == [(f"/api/intake/{sid}/answer", {"field": "already_national_listed", "value": False}),
                       (f"/api/intake/{sid}/answer", {"text": "三个月"}),
                       (f"/api/intake/{sid}/answer", {"values": {"longest_halt_months": 3}})]
    # a correction typed after the verdict goes to the same conversation, and the verdict is given again
    send(page, "刚才说错了，我们停产过14个月", replies=2)
    assert posts(fake)[-1] == ("/api/chat", {"message": "刚才说错了，我们停产过14个月", "session_id": sid})
    wait_for_count(page, "gfa-verdict", 2)
    assert page.get_by_test_id("gfa-verdict").last.get_attribute("data-status") == "ineligible"
    assert {body.get("session_id") for path, body in posts(fake)[len(first):] if path == "/api/chat"} == {sid}
    assert len(fake.sessions) == 1
    assert page.evaluate("JSON.parse(sessionStorage.getItem(Object.keys(sessionStorage)"
                         ".find(k => k.startsWith('gfa-widget:v1:') && !k.endsWith(':facts')))).session") == sid


def test_a_session_kept_from_before_the_shared_id_goes_on(page, fake, fake_pages):
    """A conversation saved by the earlier widget (chatSession / intakeSession) goes on in its chat's session."""
    fake._new_session("chat")
    page.goto(fake_pages["zh"])
    page.evaluate("""api => sessionStorage.setItem('gfa-widget:v1:' + api, JSON.stringify(
        {chatSession: 'chat-1', intakeSession: null, pending: null, items: [], open: true}))""", "http://api.test")
    page.reload()
    page.get_by_test_id("gfa-start-intake").click()
    next_question(page, 1)
    assert posts(fake)[0] == ("/api/intake", {"session_id": "chat-1", "lang": "zh"})


def test_a_check_started_in_a_gone_conversation_starts_a_new_one(page, fake, fake_pages):
    open_widget(page, fake_pages["zh"])
    send(page, "什么时候推荐？")
    fake.sessions.clear()
    page.get_by_test_id("gfa-start-intake").click()
    next_question(page, 1)
    assert posts(fake)[1:] == [("/api/intake", {"session_id": "chat-1", "lang": "zh"}),
                               ("/api/intake", {"lang": "zh"})]
    send(page, "评价报告在哪提交？")
    assert posts(fake)[-1] == ("/api/chat", {"message": "评价报告在哪提交？", "session_id": "intake-2"})


# ---------- suggestions: buttons that send their message as typed text ----------

SUGGESTIONS = [
    pytest.param("zh", "申报条件有哪些？", 0, ["看看我们能否申报", "绿色工业园区的条件"], "我们能申报吗",
                 id="the offer to start the check"),
    pytest.param("zh", "申报条件有哪些？", 1, ["看看我们能否申报", "绿色工业园区的条件"], "那园区呢？",
                 id="a follow-up question"),
    pytest.param("en", "What are the requirements?", 0, ["Check whether we can apply"], "Can we apply?",
                 id="English"),
]


@pytest.mark.parametrize("lang, asked, n, labels, message", SUGGESTIONS)
def test_a_suggestion_is_a_button_that_sends_its_message_as_typed(page, fake, fake_pages, lang, asked, n, labels,
                                                                  message):
    open_widget(page, fake_pages[lang])
    send(page, asked)
    reply = page.get_by_test_id("gfa-message").last
    buttons = reply.get_by_test_id("gfa-suggestion")
    assert buttons.all_inner_texts() == labels
    assert all(b.evaluate("b => b.tagName + ':' + b.type") == "BUTTON:button" for b in buttons.all())
    shown = page.get_by_test_id("gfa-message").count()
    buttons.nth(n).click()
    wait_for_count(page, "gfa-message", shown + 2)
    assert sent(fake, "/api/chat")[-1] == {"message": message, "session_id": "chat-1"}
    assert page.get_by_test_id("gfa-message").nth(shown).inner_text().endswith(message)  # shown as the visitor's
    # sent once: the reply's suggestions send no more
    for b in buttons.all():
        assert b.is_disabled()
        b.evaluate("b => b.click()")
    page.wait_for_timeout(200)
    assert len(sent(fake, "/api/chat")) == 2


def test_older_suggestions_send_no_more_once_the_visitor_writes(page, fake, fake_pages):
    open_widget(page, fake_pages["zh"])
    send(page, "申报条件有哪些？")
    older = page.get_by_test_id("gfa-message").last.get_by_test_id("gfa-suggestion")
    send(page, "什么时候推荐？")
    assert all(b.is_disabled() for b in older.all())
    page.reload()
    page.get_by_test_id("gfa-input").wait_for()
    assert page.get_by_test_id("gfa-suggestion").count() == 2
    assert all(b.is_disabled() for b in page.get_by_test_id("gfa-suggestion").all())


def test_a_suggestion_clicked_while_a_question_waits_goes_to_the_chat(page, fake, fake_pages):
    fake.questions = [NATIONAL]
    open_widget(page, fake_pages["zh"])
    page.get_by_test_id("gfa-start-intake").click()
    next_question(page, 1)
    send(page, "申报条件有哪些？", replies=2)  # the answer (with its suggestions) and the question still open
    page.get_by_test_id("gfa-suggestion").nth(1).click()
    wait_for_count(page, "gfa-message", 8)
    assert sent(fake, "/api/chat")[-1] == {"message": "那园区呢？", "session_id": "intake-1"}
    assert sent(fake, "/answer") == []


def test_suggestions_in_a_forged_reply_stay_text(page, fake, fake_pages):
    fake.suggestions = {"": [{"label": EVIL, "message": EVIL + "第十三条"}]}
    open_widget(page, fake_pages["zh"])
    send(page, "什么时候推荐？")
    suggestion = page.get_by_test_id("gfa-suggestion")
    assert suggestion.inner_text() == EVIL
    suggestion.click()
    wait_for_count(page, "gfa-message", 5)
    assert sent(fake, "/api/chat")[-1]["message"] == EVIL + "第十三条"
    assert not pwned(page) and not light_dom_has_markup(page)


@pytest.mark.skipif(not AXE.exists(), reason="npm install --no-save axe-core@4")
def test_suggestions_and_a_confirm_question_pass_axe(page, fake, fake_pages):
    fake.questions, fake.preset = [HALT, NATIONAL], GOOD_FACTORY
    open_widget(page, fake_pages["zh"])
    send(page, "申报条件有哪些？")
    page.get_by_test_id("gfa-suggestion").first.click()
    next_question(page, 1)
    send(page, "三个月")
    send(page, "否")
    confirm = next_question(page, 3)
    set_value(confirm, "already_national_listed", None)
    assert axe_serious(page) == []
    confirm.get_by_test_id("gfa-choice").click()
    page.get_by_test_id("gfa-verdict").wait_for()
    assert axe_serious(page) == []


def test_screenshots_of_suggestions_and_a_confirm_question_on_a_phone(page, fake, fake_pages):
    """Kept in artifacts/screenshots/ for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    fake.questions, fake.preset = [HALT, NATIONAL], GOOD_FACTORY
    open_widget(page, fake_pages["zh"])
    send(page, "申报条件有哪些？")
    page.get_by_test_id("gfa-suggestion").last.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "widget-phone-390x844-suggestions.png"))
    page.get_by_test_id("gfa-suggestion").first.click()
    next_question(page, 1)
    send(page, "三个月")
    send(page, "否")
    confirm = next_question(page, 3)
    set_value(confirm, "longest_halt_months", 14)
    confirm.get_by_test_id("gfa-choice").scroll_into_view_if_needed()
    page.wait_for_timeout(200)
    page.screenshot(path=str(SCREENSHOTS / "widget-phone-390x844-confirm.png"))
    assert (SCREENSHOTS / "widget-phone-390x844-confirm.png").stat().st_size > 0
