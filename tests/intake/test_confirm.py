"""Confirm instead of guess: facts read from words are shown once before a verdict rests on them; facts given by
a button or by value, or in words as plain as a button, never are."""
import re

import pytest

from assistant.checking import answer_text
from intake import dialogue

from .conftest import CLEAN


def _answer_all_but(state: dict, facts: dict, skip: set[str]) -> dict:
    """Every question answered by value, except the facts in ``skip`` (already recorded)."""
    while (q := dialogue.pending_question(state)) is not None and q.kind != "confirm":
        values = {f: facts[f] for f in q.fields if f not in skip}
        state = dialogue.answer_values(state, values or {q.fields[0]: facts[q.fields[0]]}).state
    return state


def test_facts_given_by_value_are_never_confirmed():
    state = dialogue.start("factory")
    state = _answer_all_but(state, CLEAN["factory"], set())
    assert dialogue.pending_question(state) is None and dialogue.verdict(state).status == "eligible"


READ_THEN = [
    # name, words read, the answer to the confirmation, the facts shown once more (a change read from words), verdict
    ("a yes confirms", "我们2020年出过一次事故，去年停了三个月", "对，没错", [], "eligible"),
    ("确认 confirms", "停产了大半年，差不多八个月", "确认", [], "eligible"),
    ("English confirms", "We stopped for about eight months last year.", "Yes, that's right.", [], "eligible"),
    ("a change in the person's words is shown once more", "去年停了三个月", "不对，我们2024年被调出过名单",
     ["removed_from_list"], "ineligible"),
    ("a fact restated by its label is taken as given", "去年停了三个月", "你记错了，停产：14个月", [], "ineligible"),
]


@pytest.mark.parametrize("name, words, reply, again, status", READ_THEN, ids=[r[0] for r in READ_THEN])
def test_facts_read_from_words_are_confirmed_before_the_verdict(name, words, reply, again, status):
    state = answer_text(dialogue.start("factory"), words).state
    read = dialogue.from_words(state)
    assert read and "longest_halt_months" in read
    state = _answer_all_but(state, CLEAN["factory"], set(read))
    q = dialogue.pending_question(state)
    assert q.kind == "confirm" and q.fields == list(read) and dialogue.verdict(state) is None
    assert [(c.field, c.value) for c in q.choices] == list(read.items())
    turn = answer_text(state, reply)
    if again:
        assert not turn.done and turn.question.kind == "confirm" and turn.question.fields == again
        turn = answer_text(turn.state, "对")
    assert turn.done and turn.verdict.status == status
    assert dialogue.pending_question(answer_text(turn.state, "对").state) is None  # no more confirmations


def test_the_confirmation_answered_by_values_takes_them_as_given():
    state = answer_text(dialogue.start("factory"), "去年停了十四个月").state
    state = _answer_all_but(state, CLEAN["factory"], {"longest_halt_months"})
    turn = dialogue.answer_values(state, {"longest_halt_months": 3})
    assert turn.done and turn.verdict.status == "eligible"


PLAIN = [("是", "registered_in_guangdong", True), ("都没有", "dishonest_debtor", False), ("14个月", "longest_halt_months", 14)]


@pytest.mark.parametrize("words, fact, value", PLAIN, ids=[p[0] for p in PLAIN])
def test_words_as_plain_as_a_button_need_no_confirmation(words, fact, value):
    state = dialogue.answer_values(dialogue.start("factory"), {"already_national_listed": False}).state
    while fact not in dialogue.pending_fields(state):
        q = dialogue.pending_question(state)
        state = dialogue.answer_values(state, {f: CLEAN["factory"][f] for f in q.fields}).state
    state = answer_text(state, words).state
    assert dialogue.answers(state)[fact] == value and fact not in dialogue.from_words(state)


def test_a_check_in_english_asks_and_confirms_in_english():
    state = dialogue.start("factory", lang="en")
    state = answer_text(state, "We halted for about eight months last year.").state
    state = _answer_all_but(state, CLEAN["factory"], {"longest_halt_months"})
    q = dialogue.pending_question(state)
    cjk = re.compile(r"[\u4e00-\u9fff]")
    assert q.kind == "confirm" and not cjk.search(q.text + q.hint) and not any(cjk.search(c.label) for c in q.choices)
