"""What a visitor does with the widget, in the words the tests use."""
from __future__ import annotations

import json
import time

EVIL = '<img src=x onerror="window.__pwned=1">'


def open_widget(page, url: str) -> None:
    page.goto(url)
    page.get_by_test_id("gfa-launcher").click()
    page.get_by_test_id("gfa-input").wait_for()


def send(page, text: str, replies: int = 1) -> None:
    """Types and sends a message, then waits for its echo and the replies."""
    shown = page.get_by_test_id("gfa-message").count()
    page.get_by_test_id("gfa-input").fill(text)
    page.get_by_test_id("gfa-send").click()
    wait_for_count(page, "gfa-message", shown + 1 + replies)


def wait_for_count(page, testid: str, n: int, timeout: float = 20) -> None:
    page.wait_for_function(
        """([id, n]) => document.getElementById('gfa-widget').shadowRoot
                .querySelectorAll(`[data-testid="${id}"]`).length >= n""", arg=[testid, n], timeout=timeout * 1000)


def choice(question, value):
    """The answer button of a question that sends this JSON value (a checklist's buttons send objects)."""
    for button in question.get_by_test_id("gfa-choice").all():
        if json.loads(button.get_attribute("data-value")) == value:
            return button
    return None


def answer_checklist(question, facts: dict) -> None:
    """Ticks the facts that are true and sends the checklist; all unknown is its 不清楚 button."""
    fields = question.get_attribute("data-fields").split()
    values = {f: facts.get(f) for f in fields}
    if all(v is None for v in values.values()):
        choice(question, values).click()
        return
    assert None not in values.values(), f"a checklist sends true or false for each of {values}"
    for f, v in values.items():
        if v:
            question.locator(f"[data-testid=gfa-check][data-field={f}]").check()
    question.get_by_test_id("gfa-submit").click()


def run_intake(page, facts: dict, timeout: float = 20) -> str:
    """Answers every question with its buttons and tick boxes (numbers typed, as the contract says); the
    verdict's status."""
    asked = page.get_by_test_id("gfa-question").count()  # a chat answer may already have asked one
    page.get_by_test_id("gfa-start-intake").first.click()
    for _ in range(40):
        t_end = time.time() + timeout
        while time.time() < t_end:
            if page.get_by_test_id("gfa-verdict").count():
                return page.get_by_test_id("gfa-verdict").last.get_attribute("data-status")
            if page.get_by_test_id("gfa-question").count() > asked:
                break
            time.sleep(0.05)
        else:
            raise AssertionError(f"no question or verdict after {asked} answers")
        asked = page.get_by_test_id("gfa-question").count()
        q = page.get_by_test_id("gfa-question").last
        if q.get_attribute("data-kind") == "confirm":  # the facts read from words, as recorded: confirmed
            q.get_by_test_id("gfa-choice").click()
            continue
        if q.get_by_test_id("gfa-check").count():
            answer_checklist(q, facts)
            continue
        value = facts.get(q.get_attribute("data-field"))
        button = choice(q, value)
        if button is not None:
            button.click()
        else:
            assert isinstance(value, (int, float)) and not isinstance(value, bool), \
                f"no button for {q.get_attribute('data-field')}={value!r}"
            page.get_by_test_id("gfa-input").fill(str(value))
            page.get_by_test_id("gfa-send").click()
    raise AssertionError("more than 40 questions")


def pwned(page) -> bool:
    return page.evaluate("window.__pwned === 1")


def light_dom_has_markup(page) -> bool:
    """Whether an <img> from a message reached the page or the widget as an element."""
    return page.evaluate("""() => !!document.querySelector('img[src=x]') ||
        !!document.getElementById('gfa-widget').shadowRoot.querySelector('img')""")
