"""The widget against a contract-shaped double of the API (fake_api.py): every question kind, hints, the verdict
card, languages and keyboard use, whatever the real service happens to ask."""
from __future__ import annotations

import json

import pytest

from .conftest import AXE
from .fake_api import (CONDITIONS, CONDITIONS_CHECKLIST, EXCLUSIONS, EXCLUSIONS_CHECKLIST, HALT, NATIONAL,
                       checklist, cite, fact_label)
from .helpers import EVIL, answer_checklist, choice, light_dom_has_markup, open_widget, pwned, send, wait_for_count

pytestmark = pytest.mark.browser


def sent(fake, path_end: str) -> list:
    return [body for method, path, body in fake.requests if method == "POST" and path.endswith(path_end)]


def test_widget_lives_in_an_open_shadow_root_that_host_styles_do_not_reach(page, fake, fake_pages):
    page.goto(fake_pages["zh"])
    launcher = page.get_by_test_id("gfa-launcher")
    assert page.evaluate("!document.querySelector('[data-testid=gfa-launcher]')")
    assert page.evaluate("document.getElementById('gfa-widget').shadowRoot.mode") == "open"
    assert launcher.evaluate("b => getComputedStyle(b).backgroundColor") != "rgb(255, 255, 0)"
    assert launcher.evaluate("b => getComputedStyle(b).fontSize") != "40px"
    assert page.locator("#gfa-widget").bounding_box() is None  # no box for the page's borders and margins


def test_suggested_question_gets_an_answer_whose_chip_opens_the_article(page, fake, fake_pages):
    open_widget(page, fake_pages["zh"])
    welcome = page.get_by_test_id("gfa-message").first
    assert "细则" in welcome.inner_text()
    page.get_by_role("button", name="评价报告通过什么平台提交？").click()
    chip = page.get_by_test_id("gfa-citation").filter(has_text="第十三条").first
    chip.wait_for()
    assert sent(fake, "/api/chat") == [{"message": "评价报告通过什么平台提交？"}]
    chip.click()
    assert chip.get_attribute("aria-expanded") == "true"
    quote = page.locator(f"#{chip.get_attribute('aria-controls')}")
    quote.get_by_text("第三章 推荐程序").wait_for()
    assert "6月30日前" in quote.inner_text()
    chip.click()
    assert quote.is_hidden()


def test_follow_up_questions_reuse_the_chat_session(page, fake, fake_pages):
    open_widget(page, fake_pages["zh"])
    send(page, "申报条件有哪些？")
    send(page, "什么时候推荐？")
    first, second = sent(fake, "/api/chat")
    assert "session_id" not in first and second["session_id"] == "chat-1"


def start(page, fake_pages, fake, *questions, preset: dict | None = None):
    """Opens the widget and starts an intake that asks these questions (the fake's whole flow when none)."""
    if questions:
        fake.questions = list(questions)
    fake.preset = preset or {}
    open_widget(page, fake_pages["zh"])
    page.get_by_test_id("gfa-start-intake").click()
    return next_question(page, 1)  # by position: a later question must not take its place


def next_question(page, n: int):
    wait_for_count(page, "gfa-question", n)
    return page.get_by_test_id("gfa-question").nth(n - 1)


def test_the_intake_by_buttons_tick_boxes_and_a_typed_number(page, fake, fake_pages):
    q = start(page, fake_pages, fake)
    assert q.get_attribute("data-field") == "applicant_type"
    assert "不同类型的申报条件不同" in q.inner_text()
    assert q.get_by_test_id("gfa-citation").inner_text() == "第三条"
    assert [c.get_attribute("data-value") for c in q.get_by_test_id("gfa-choice").all()] == \
        ['"factory"', '"park"', '"supply_chain"', "null"]
    q.locator("[data-value='\"factory\"']").click()
    q = next_question(page, 2)
    assert [c.get_attribute("data-value") for c in q.get_by_test_id("gfa-choice").all()] == ["true", "false", "null"]
    assert [c.inner_text() for c in q.get_by_test_id("gfa-choice").all()] == ["是", "否", "不清楚"]
    q.locator("[data-value=false]").click()
    q = next_question(page, 3)
    answer_checklist(q, dict.fromkeys(CONDITIONS, True))
    q = next_question(page, 4)
    assert q.get_attribute("data-field") == "longest_halt_months"
    send(page, "14个月")
    q = next_question(page, 5)
    choice(q, dict.fromkeys(EXCLUSIONS, False)).click()
    q = next_question(page, 6)  # the typed number was read from words: confirmed once before the verdict
    assert q.get_attribute("data-kind") == "confirm" and q.get_attribute("data-fields") == "longest_halt_months"
    choice(q, {"longest_halt_months": 14}).click()
    verdict = page.get_by_test_id("gfa-verdict")
    assert verdict.get_attribute("data-status") == "ineligible"
    assert sent(fake, "/answer") == [{"field": "applicant_type", "value": "factory"},
                                     {"field": "already_national_listed", "value": False},
                                     {"values": dict.fromkeys(CONDITIONS, True)},
                                     {"text": "14个月"},
                                     {"values": dict.fromkeys(EXCLUSIONS, False)},
                                     {"values": {"longest_halt_months": 14}}]
    text = verdict.inner_text()
    assert "暂不符合申报条件" in text and "✗" in text
    assert "向所在地级以上市工业和信息化主管部门提交申报材料" in text and "仅供参考" in text
    # the earlier answer stays visible as the pressed button
    pressed = page.get_by_test_id("gfa-question").nth(1).locator("[data-value=false]")
    assert pressed.get_attribute("aria-pressed") == "true"


def test_unknown_answers_reach_an_incomplete_verdict_that_names_what_is_missing(page, fake, fake_pages):
    q = start(page, fake_pages, fake)
    q.locator("[data-value='\"factory\"']").click()
    next_question(page, 2).locator("[data-value=null]").click()
    q = next_question(page, 3)
    choice(q, dict.fromkeys(CONDITIONS)).click()
    next_question(page, 4).locator("[data-value=null]").click()
    choice(next_question(page, 5), dict.fromkeys(EXCLUSIONS, False)).click()
    verdict = page.get_by_test_id("gfa-verdict")
    assert verdict.get_attribute("data-status") == "incomplete"
    assert sent(fake, "/answer")[1:4] == [{"field": "already_national_listed", "value": None},
                                          {"values": dict.fromkeys(CONDITIONS)},
                                          {"field": "longest_halt_months", "value": None}]
    assert fact_label("already_national_listed") in verdict.inner_text()  # "missing" in the catalogue's words
    assert "already_national_listed" not in verdict.inner_text()


def test_an_answer_in_words_that_is_not_understood_shows_the_hint(page, fake, fake_pages):
    q = start(page, fake_pages, fake)
    q.locator("[data-value='\"factory\"']").click()
    next_question(page, 2)
    send(page, "也许吧")
    assert sent(fake, "/answer")[-1] == {"text": "也许吧"}
    again = page.get_by_test_id("gfa-question").last
    assert again.get_attribute("data-field") == "already_national_listed"
    assert "请回答" in again.inner_text()
    send(page, "是的")
    assert page.get_by_test_id("gfa-question").last.get_attribute("data-fields") == " ".join(CONDITIONS)


def test_a_question_typed_during_the_intake_goes_to_the_chat(page, fake, fake_pages):
    open_widget(page, fake_pages["zh"])
    page.get_by_test_id("gfa-start-intake").click()
    page.get_by_test_id("gfa-question").last.wait_for()
    send(page, "评价报告在哪提交？")
    assert sent(fake, "/api/chat") == [{"message": "评价报告在哪提交？", "session_id": "intake-1"}]  # one conversation
    assert sent(fake, "/answer") == []
    page.get_by_test_id("gfa-question").last.locator("[data-value='\"park\"']").click()
    wait_for_count(page, "gfa-question", 2)
    assert sent(fake, "/answer") == [{"field": "applicant_type", "value": "park"}]


def test_an_expired_intake_session_says_so_and_can_start_again(page, fake, fake_pages):
    open_widget(page, fake_pages["zh"])
    page.get_by_test_id("gfa-start-intake").click()
    page.get_by_test_id("gfa-question").last.wait_for()
    fake.sessions.clear()
    page.get_by_test_id("gfa-question").last.locator("[data-value='\"factory\"']").click()
    page.get_by_text("评估会话已过期").wait_for()
    page.get_by_test_id("gfa-start-intake").click()
    wait_for_count(page, "gfa-question", 2)


def test_english_page_gets_english_the_staff_title_and_a_readable_accent(page, fake, fake_pages):
    page.goto(fake_pages["en"])
    launcher = page.get_by_test_id("gfa-launcher")
    assert launcher.inner_text() == "Green help desk"
    assert launcher.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(255, 212, 0)"
    assert launcher.evaluate("b => getComputedStyle(b).color") == "rgb(17, 17, 17)"  # dark text on the light accent
    launcher.click()
    assert page.get_by_test_id("gfa-start-intake").inner_text() == "Can we apply?"
    assert page.get_by_role("textbox", name="Type your question").is_visible()
    page.get_by_test_id("gfa-start-intake").click()
    q = page.get_by_test_id("gfa-question").last
    q.wait_for()
    assert "Not sure" in q.inner_text()


def test_keyboard_alone_opens_asks_and_closes(page, fake, fake_pages):
    page.goto(fake_pages["zh"])
    page.get_by_test_id("gfa-launcher").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('gfa-widget').shadowRoot.activeElement.dataset.testid") == "gfa-input"
    page.keyboard.type("申报条件有哪些？")
    page.keyboard.press("Enter")
    page.get_by_test_id("gfa-citation").first.wait_for()
    page.keyboard.press("Escape")
    assert page.get_by_test_id("gfa-input").is_hidden()
    launcher = page.get_by_test_id("gfa-launcher")
    assert launcher.evaluate("b => b.getRootNode().activeElement === b")
    assert launcher.evaluate("b => getComputedStyle(b).outlineStyle") == "solid"  # the focus is visible


def test_desktop_panel_sits_bottom_right_and_phone_panel_fills_the_screen(page, fake, fake_pages):
    open_widget(page, fake_pages["zh"])
    dialog = page.get_by_role("dialog")
    dialog.evaluate("d => Promise.all(d.getAnimations().map(a => a.finished))")  # the opening slide-in
    assert {k: round(v) for k, v in dialog.bounding_box().items()} == {"x": 0, "y": 0, "width": 390, "height": 844}
    page.set_viewport_size({"width": 1280, "height": 800})
    box = {k: round(v) for k, v in dialog.bounding_box().items()}
    assert (box["width"], box["height"]) == (380, 600)
    assert box["x"] + box["width"] == 1260 and box["y"] + box["height"] == 780


# ---------- checklists (contract section 4: data-fields, gfa-check, gfa-submit, gfa-choice of all the facts) ----------

LABELS = {c["field"]: c["label"] for q in (CONDITIONS_CHECKLIST, EXCLUSIONS_CHECKLIST) for c in q["choices"]}

CHECKLISTS = [
    pytest.param(CONDITIONS_CHECKLIST, "以上都不符合", "第七条",
                 id="conditions: a tick means met, none of these reads 都不符合"),
    pytest.param(EXCLUSIONS_CHECKLIST, "以上都没有", "第十八条",
                 id="exclusions: a tick means it happened, none of these reads 都没有"),
]


@pytest.mark.parametrize("question, none_label, article", CHECKLISTS)
def test_a_checklist_is_one_question_of_labelled_tick_boxes_naming_its_facts(page, fake, fake_pages, question,
                                                                              none_label, article):
    q = start(page, fake_pages, fake, question)
    fields = question["fields"]
    assert q.get_attribute("data-fields") == " ".join(fields)
    assert q.get_attribute("data-field") is None
    boxes = q.get_by_test_id("gfa-check")
    assert [b.get_attribute("data-field") for b in boxes.all()] == fields
    for f in fields:  # a real tick box, named by its own label: a tap on the words ticks it
        box = q.get_by_label(LABELS[f], exact=True)
        assert box.evaluate("b => b.tagName + ':' + b.type") == "INPUT:checkbox"
        assert box.get_attribute("data-field") == f
        assert not box.is_checked()
    q.get_by_text(LABELS[fields[1]], exact=True).click()
    assert q.get_by_label(LABELS[fields[1]], exact=True).is_checked()
    assert q.get_by_test_id("gfa-submit").is_enabled()
    assert [(c.inner_text(), json.loads(c.get_attribute("data-value"))) for c in q.get_by_test_id("gfa-choice").all()] \
        == [(none_label, dict.fromkeys(fields, False)), ("不清楚", dict.fromkeys(fields))]
    assert q.get_by_test_id("gfa-citation").inner_text() == article
    assert sent(fake, "/answer") == []  # ticking sends nothing until the checklist is submitted


SUBMITS = [
    pytest.param(CONDITIONS_CHECKLIST, list(CONDITIONS), id="conditions, every box ticked: all true"),
    pytest.param(CONDITIONS_CHECKLIST, ["registered_in_guangdong", "operates_in_guangdong", "manufacturing_enterprise"],
                 id="conditions, one left unticked: that one false"),
    pytest.param(EXCLUSIONS_CHECKLIST, ["dishonest_debtor"], id="exclusions, one ticked: that one true"),
    pytest.param(EXCLUSIONS_CHECKLIST, [], id="exclusions, nothing ticked: all false"),
]


@pytest.mark.parametrize("question, ticked", SUBMITS)
def test_submit_sends_ticked_facts_true_and_the_others_false(page, fake, fake_pages, question, ticked):
    q = start(page, fake_pages, fake, question, NATIONAL)
    for f in ticked:
        q.get_by_text(LABELS[f], exact=True).click()
    q.get_by_test_id("gfa-submit").click()
    next_question(page, 2)
    expected = {f: f in ticked for f in question["fields"]}
    assert sent(fake, "/answer") == [{"values": expected}]
    # the ticks stay as the record of the answer
    assert {b.get_attribute("data-field"): b.is_checked() for b in q.get_by_test_id("gfa-check").all()} == expected


BUTTONS = [
    pytest.param(CONDITIONS_CHECKLIST, "以上都不符合", False, id="conditions: 以上都不符合 sends every fact false"),
    pytest.param(EXCLUSIONS_CHECKLIST, "以上都没有", False, id="exclusions: 以上都没有 sends every fact false"),
    pytest.param(EXCLUSIONS_CHECKLIST, "不清楚", None, id="exclusions: 不清楚 sends every fact null"),
]


@pytest.mark.parametrize("question, name, value", BUTTONS)
def test_none_of_these_and_not_sure_answer_every_fact_at_once(page, fake, fake_pages, question, name, value):
    q = start(page, fake_pages, fake, question, NATIONAL)
    q.get_by_text(LABELS[question["fields"][0]], exact=True).click()  # a tick left behind does not count
    q.get_by_role("button", name=name, exact=True).click()
    next_question(page, 2)
    assert sent(fake, "/answer") == [{"values": dict.fromkeys(question["fields"], value)}]
    assert q.get_by_role("button", name=name, exact=True).get_attribute("aria-pressed") == "true"
    assert page.get_by_test_id("gfa-message").filter(has_text=name).count() >= 2  # the visitor's own message


# ---------- answered questions no longer send ----------

def _answer_boolean(page, q):
    q.locator("[data-value=true]").click()


def _answer_boolean_in_words(page, q):
    send(page, "不是")


def _submit_checklist(page, q):
    q.get_by_test_id("gfa-submit").click()


def _none_of_these(page, q):
    q.get_by_test_id("gfa-choice").first.click()


INERT = [
    pytest.param(NATIONAL, _answer_boolean, id="a yes/no question answered by its button"),
    pytest.param(NATIONAL, _answer_boolean_in_words, id="a yes/no question answered in words"),
    pytest.param(EXCLUSIONS_CHECKLIST, _submit_checklist, id="a checklist submitted"),
    pytest.param(EXCLUSIONS_CHECKLIST, _none_of_these, id="a checklist answered with none of these"),
]


@pytest.mark.parametrize("question, how", INERT)
def test_the_buttons_of_an_answered_question_are_inert(page, fake, fake_pages, question, how):
    q = start(page, fake_pages, fake, question, HALT)
    how(page, q)
    next_question(page, 2)
    requests = len(fake.requests)
    controls = q.locator("[data-testid=gfa-choice], [data-testid=gfa-check], [data-testid=gfa-submit]")
    assert controls.count() >= 3
    for c in controls.all():
        assert c.is_disabled() and c.get_attribute("aria-disabled") == "true"
        c.evaluate("b => { b.click(); b.dispatchEvent(new MouseEvent('click', {bubbles: true})); }")
    page.wait_for_timeout(300)
    assert len(fake.requests) == requests  # nothing more was sent
    assert page.get_by_test_id("gfa-question").count() == 2


def test_a_quick_double_click_answers_once(page, fake, fake_pages):
    q = start(page, fake_pages, fake, NATIONAL, HALT)
    q.locator("[data-value=true]").dblclick()
    next_question(page, 2)
    page.wait_for_timeout(300)
    assert sent(fake, "/answer") == [{"field": "already_national_listed", "value": True}]


# ---------- numbers are typed and sent as typed ----------

@pytest.mark.parametrize("typed", ["三个月", "一年半", "百分之六十", "14个月", "0"])
def test_a_number_is_sent_as_typed_for_the_service_to_read(page, fake, fake_pages, typed):
    q = start(page, fake_pages, fake, HALT, NATIONAL)
    assert q.locator("input").count() == 0  # no field of its own: the answer goes in the text box
    assert "3个月" in q.inner_text()  # the service's hint says how to answer
    assert page.get_by_test_id("gfa-input").get_attribute("placeholder") == "在此输入答案"
    send(page, typed)
    next_question(page, 2)
    assert sent(fake, "/answer") == [{"text": typed}]
    assert page.get_by_test_id("gfa-input").get_attribute("placeholder") == "请输入您的问题"


# ---------- the verdict card ----------

def section_of(card, heading: str):
    return card.locator(f"h4:text-is('{heading}') + ul > li")


VERDICTS = [
    pytest.param(
        {"applicant_type": "factory", "already_national_listed": False, "longest_halt_months": None},
        {**dict.fromkeys(CONDITIONS, True), "independent_legal_entity": False},
        {**dict.fromkeys(EXCLUSIONS, False), "dishonest_debtor": True},
        "ineligible",
        [("依法设立并具有独立法人资格（或视同法人的独立核算单位）", "第七条（二）"), ("近三年未被列为失信被执行人", "第十八条（六）")],
        [("近三年连续停产不满12个月", "第十八条（一）")],
        id="failures listed before the unknown halt, the conditions met folded away"),
    pytest.param(
        {"applicant_type": "factory", "already_national_listed": False, "longest_halt_months": 2},
        dict.fromkeys(CONDITIONS, True), dict.fromkeys(EXCLUSIONS), "incomplete", [],
        [("近三年未被工商注销", "第十八条（一）"), ("近三年未被市场监督管理部门列入经营异常名单且未被移出", "第十八条（一）"),
         ("近三年未发生安全（含网络安全、数据安全）、质量、环境污染等事故或偷漏税等违法违规行为", "第十八条（二）"),
         ("近三年未被列为失信被执行人", "第十八条（六）")],
        id="nothing fails: the circumstances not known come first"),
    pytest.param(
        {"applicant_type": "factory", "already_national_listed": False, "longest_halt_months": 0},
        dict.fromkeys(CONDITIONS, True), dict.fromkeys(EXCLUSIONS, False), "eligible", [], [],
        id="eligible: straight to the next steps"),
]


@pytest.mark.parametrize("preset, conditions, exclusions, status, failed, unknown", VERDICTS)
def test_the_verdict_card_lists_failures_first_then_unknowns_then_next_steps(
        page, fake, fake_pages, preset, conditions, exclusions, status, failed, unknown):
    q = start(page, fake_pages, fake, CONDITIONS_CHECKLIST, EXCLUSIONS_CHECKLIST, preset=preset)
    answer_checklist(q, conditions)
    answer_checklist(next_question(page, 2), exclusions)
    card = page.get_by_test_id("gfa-verdict")
    assert card.get_attribute("data-status") == status
    headings = card.locator("h4").all_inner_texts()
    assert headings == [h for h, shown in (("不符合的条件", failed), ("还需确认的信息", unknown), ("下一步", [1])) if shown]

    def rows(heading: str) -> list[tuple[str, str]]:
        return [(li.locator(".why").inner_text(), li.get_by_test_id("gfa-citation").inner_text())
                for li in section_of(card, heading).all()]

    assert rows("不符合的条件") == failed
    assert rows("还需确认的信息") == unknown
    assert rows("下一步") == [("向所在地级以上市工业和信息化主管部门提交申报材料。", "第十三条")]
    # every finding's article is a citation chip, failures first in the card's order
    chips = card.get_by_test_id("gfa-citation").all_inner_texts()
    assert chips[:len(failed) + len(unknown) + 1] == [c for _, c in failed + unknown] + ["第十三条"]
    passed = card.locator("details")
    assert passed.locator("li").count() == 9 - len(failed) - len(unknown)
    assert not passed.evaluate("d => d.open")  # folded: the card opens on what needs doing
    card.get_by_test_id("gfa-citation").first.click()
    assert card.locator(".quote").first.is_visible()


def test_a_verdict_with_missing_facts_names_them_in_words_after_the_failures(page, fake, fake_pages):
    q = start(page, fake_pages, fake, EXCLUSIONS_CHECKLIST)
    answer_checklist(q, {**dict.fromkeys(EXCLUSIONS, False), "deregistered": True})
    card = page.get_by_test_id("gfa-verdict")
    card.wait_for()
    outcomes = card.locator("ul:not(.steps) li[data-outcome]").evaluate_all("lis => lis.map(l => l.dataset.outcome)")
    assert outcomes[0] == "fail" and set(outcomes[1:outcomes.index("pass")]) == {"unknown"}
    unknown = section_of(card, "还需确认的信息").all_inner_texts()
    assert any(fact_label("applicant_type") in t for t in unknown)
    assert any(fact_label("already_national_listed") in t for t in unknown)
    assert not any("applicant_type" in t or "already_national_listed" in t for t in unknown)


# ---------- what a reply recorded ----------

NO_EXCLUSION = dict.fromkeys(EXCLUSIONS, False)
CHAT_CHECKLIST_BUTTONS = [
    pytest.param(lambda q: q.get_by_role("button", name="以上都没有").click(), "以上都没有", NO_EXCLUSION,
                 id="none of these: every fact false"),
    pytest.param(lambda q: q.get_by_role("button", name="不清楚").click(), "不清楚", dict.fromkeys(EXCLUSIONS),
                 id="not sure: every fact unknown"),
    pytest.param(lambda q: (q.get_by_text("被列为失信被执行人", exact=True).click(),
                            q.get_by_test_id("gfa-submit").click()),
                 "有：被列为失信被执行人。其他都没有。", {**NO_EXCLUSION, "dishonest_debtor": True},
                 id="a submitted tick: that fact true, the others false"),
]


@pytest.mark.parametrize("how, shown, values", CHAT_CHECKLIST_BUTTONS)
def test_a_checklist_asked_in_the_chat_is_answered_by_value_in_the_same_session(page, fake, fake_pages, how, shown,
                                                                                values):
    """One conversation, one id: a button's answer goes by value to the check of the chat's session, taken as
    given (no words to read, echo or confirm)."""
    fake.questions = [EXCLUSIONS_CHECKLIST]
    open_widget(page, fake_pages["zh"])
    send(page, "我们能申报吗", replies=2)
    q = page.get_by_test_id("gfa-question").first
    assert q.get_attribute("data-fields") == " ".join(EXCLUSIONS)
    how(q)
    page.get_by_test_id("gfa-verdict").wait_for()
    assert [(path, body) for method, path, body in fake.requests if method == "POST"][1:] == \
        [("/api/intake/chat-1/answer", {"values": values})]
    assert page.get_by_test_id("gfa-message").nth(-2).inner_text().endswith(shown)  # the visitor's message
    assert page.get_by_test_id("gfa-recorded").count() == 0  # a button's answer needs no echo
    assert page.get_by_test_id("gfa-question").count() == 1  # nor a confirm
    assert q.get_by_test_id("gfa-submit").is_disabled()


CHAT_CHECKLIST_WORDS = [
    pytest.param("以上都没有", NO_EXCLUSION, "已记下：被工商注销 ✗", id="none of these, typed: every fact false"),
    pytest.param("不清楚", dict.fromkeys(EXCLUSIONS), "被工商注销 （不清楚）", id="not sure, typed: every fact unknown"),
]


@pytest.mark.parametrize("typed, values, recorded", CHAT_CHECKLIST_WORDS)
def test_a_checklist_answered_in_words_in_the_chat_shows_the_recorded_facts_then_confirms_them(
        page, fake, fake_pages, typed, values, recorded):
    fake.questions = [EXCLUSIONS_CHECKLIST]
    open_widget(page, fake_pages["zh"])
    send(page, "我们能申报吗", replies=2)
    send(page, typed, replies=2)  # the reply and the confirm question it asks
    assert sent(fake, "/api/chat")[-1] == {"message": typed, "session_id": "chat-1"}
    note = page.get_by_test_id("gfa-recorded")
    assert note.count() == 1 and recorded in note.inner_text()
    assert note.evaluate("n => n.closest('[data-testid=gfa-message]').innerText.includes('请核对')")  # under the reply
    confirm = next_question(page, 2)
    assert confirm.get_attribute("data-kind") == "confirm"
    assert confirm.get_attribute("data-fields") == " ".join(EXCLUSIONS)
    choice(confirm, values).click()
    page.get_by_test_id("gfa-verdict").wait_for()
    assert sent(fake, "/answer") == [{"values": values}]


def test_an_answer_typed_in_the_intake_shows_the_facts_it_recorded(page, fake, fake_pages):
    start(page, fake_pages, fake, HALT, NATIONAL)
    send(page, "一年半")
    note = page.get_by_test_id("gfa-recorded")
    assert note.inner_text() == f"已记下：{fact_label('longest_halt_months')}：18个月"  # the catalogue's label and unit
    next_question(page, 2).locator("[data-value=true]").click()  # a button's answer needs no such line
    choice(next_question(page, 3), {"longest_halt_months": 18}).click()  # the typed one is confirmed
    wait_for_count(page, "gfa-verdict", 1)
    assert page.get_by_test_id("gfa-recorded").count() == 1


def test_server_text_in_a_checklist_a_recorded_line_and_a_confirm_stays_text(page, fake, fake_pages):
    hostile = checklist({"deregistered": (EVIL, cite(18)), "dishonest_debtor": ("被列为失信被执行人", cite(18))},
                        EVIL, cite(18), EVIL)
    fake.questions = [hostile]
    fake.labels = {"deregistered": EVIL}  # the service's own words for the fact, in the confirm question
    open_widget(page, fake_pages["zh"])
    send(page, "我们能申报吗", replies=2)
    q = page.get_by_test_id("gfa-question").first
    send(page, "都没有", replies=2)
    assert EVIL in q.inner_text()
    assert EVIL + " ✗" in page.get_by_test_id("gfa-recorded").inner_text()
    confirm = next_question(page, 2)
    assert EVIL in confirm.inner_text()
    confirm.get_by_test_id("gfa-choice").click()
    page.get_by_test_id("gfa-verdict").wait_for()
    assert not pwned(page) and not light_dom_has_markup(page)


def axe_serious(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => ({id: v.id, where: v.nodes.slice(0, 3).map(n => n.target)}));
    }""")


@pytest.mark.skipif(not AXE.exists(), reason="npm install --no-save axe-core@4")
def test_a_checklist_and_the_verdict_card_pass_axe(page, fake, fake_pages):
    q = start(page, fake_pages, fake, CONDITIONS_CHECKLIST, EXCLUSIONS_CHECKLIST,
              preset={"applicant_type": "factory", "already_national_listed": False})
    q.get_by_text(LABELS["registered_in_guangdong"], exact=True).click()
    assert axe_serious(page) == []
    q.get_by_test_id("gfa-submit").click()
    answer_checklist(next_question(page, 2), {**dict.fromkeys(EXCLUSIONS, False), "dishonest_debtor": True})
    page.get_by_test_id("gfa-verdict").locator("details summary").click()
    assert axe_serious(page) == []
