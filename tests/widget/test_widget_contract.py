"""The widget against a contract-shaped double of the API (fake_api.py): every question kind, hints, the verdict
card, languages and keyboard use, whatever the real service happens to ask."""
from __future__ import annotations

import pytest

from .helpers import open_widget, send, wait_for_count

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


def test_intake_buttons_send_json_values_and_a_typed_number_is_sent_as_a_number(page, fake, fake_pages):
    open_widget(page, fake_pages["zh"])
    page.get_by_test_id("gfa-start-intake").click()
    q = page.get_by_test_id("gfa-question").last
    q.wait_for()
    assert q.get_attribute("data-field") == "applicant_type"
    assert "不同类型的申报条件不同" in q.inner_text()
    assert q.get_by_test_id("gfa-citation").inner_text() == "第三条"
    assert [c.get_attribute("data-value") for c in q.get_by_test_id("gfa-choice").all()] == \
        ['"factory"', '"park"', '"supply_chain"', "null"]
    q.locator("[data-value='\"factory\"']").click()
    wait_for_count(page, "gfa-question", 2)
    q = page.get_by_test_id("gfa-question").last
    assert [c.get_attribute("data-value") for c in q.get_by_test_id("gfa-choice").all()] == ["true", "false", "null"]
    assert [c.inner_text() for c in q.get_by_test_id("gfa-choice").all()] == ["是", "否", "不清楚"]
    q.locator("[data-value=true]").click()
    wait_for_count(page, "gfa-question", 3)
    assert page.get_by_test_id("gfa-question").last.get_attribute("data-field") == "longest_halt_months"
    send(page, "14个月")
    verdict = page.get_by_test_id("gfa-verdict")
    assert verdict.get_attribute("data-status") == "ineligible"
    assert sent(fake, "/answer") == [{"field": "applicant_type", "value": "factory"},
                                     {"field": "registered_in_guangdong", "value": True},
                                     {"field": "longest_halt_months", "value": 14}]
    text = verdict.inner_text()
    assert "暂不符合申报条件" in text and "✓" in text and "✗" in text
    assert "向所在地级以上市工业和信息化主管部门提交申报材料" in text and "仅供参考" in text
    assert verdict.get_by_test_id("gfa-citation").all_inner_texts() == ["第七条（一）", "第十八条（一）", "第十三条"]
    # the earlier answer stays visible as the pressed button
    assert page.get_by_test_id("gfa-question").nth(1).locator("[data-value=true]").get_attribute("aria-pressed") == "true"


def test_unknown_answers_and_the_number_field_reach_an_incomplete_verdict(page, fake, fake_pages):
    open_widget(page, fake_pages["zh"])
    page.get_by_test_id("gfa-start-intake").click()
    page.get_by_test_id("gfa-question").last.locator("[data-value='\"factory\"']").click()
    wait_for_count(page, "gfa-question", 2)
    page.get_by_test_id("gfa-question").last.locator("[data-value=null]").click()
    wait_for_count(page, "gfa-question", 3)
    number = page.get_by_test_id("gfa-question").last
    number.get_by_role("spinbutton").fill("3")
    number.get_by_role("button", name="确定").click()
    verdict = page.get_by_test_id("gfa-verdict")
    assert verdict.get_attribute("data-status") == "incomplete"
    assert sent(fake, "/answer")[1:] == [{"field": "registered_in_guangdong", "value": None},
                                         {"field": "longest_halt_months", "value": 3}]
    assert "注册地是否在广东省" in verdict.inner_text()  # "missing" in words, not the fact's identifier


def test_an_answer_in_words_that_is_not_understood_shows_the_hint(page, fake, fake_pages):
    open_widget(page, fake_pages["zh"])
    page.get_by_test_id("gfa-start-intake").click()
    page.get_by_test_id("gfa-question").last.locator("[data-value='\"factory\"']").click()
    wait_for_count(page, "gfa-question", 2)
    send(page, "也许吧")
    assert sent(fake, "/answer")[-1] == {"text": "也许吧"}
    again = page.get_by_test_id("gfa-question").last
    assert again.get_attribute("data-field") == "registered_in_guangdong"
    assert "请回答" in again.inner_text()
    send(page, "是的")
    assert page.get_by_test_id("gfa-question").last.get_attribute("data-field") == "longest_halt_months"


def test_a_question_typed_during_the_intake_goes_to_the_chat(page, fake, fake_pages):
    open_widget(page, fake_pages["zh"])
    page.get_by_test_id("gfa-start-intake").click()
    page.get_by_test_id("gfa-question").last.wait_for()
    send(page, "评价报告在哪提交？")
    assert sent(fake, "/api/chat") == [{"message": "评价报告在哪提交？"}]
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
