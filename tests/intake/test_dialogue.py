import json

import pytest

from intake import dialogue
from intake.dialogue import AnswerError
from intake.facts import APPLICANT_TYPES

from .conftest import CLEAN, failed_articles

YES_NO = {True: ["是的", "有", "是"], False: ["没有", "否", "不是"]}


def words_for(q, value, i):
    """How a person would type the answer (the acceptance check's phrasing)."""
    if value is None:
        return "不清楚"
    if isinstance(value, bool):
        return YES_NO[value][i % 3]
    if q.kind == "choice":
        return next(c.label for c in q.choices if c.value == value)
    if q.field == "industrial_value_added_share":
        return f"大约{value}%"
    if q.field == "longest_halt_months":
        return f"{value}个月" if value else "没有停过产"
    return str(value)


def run(facts, text=False):
    state, steps, turn = dialogue.start(), 0, None
    q = dialogue.pending_question(state)
    while q is not None:
        value = facts.get(q.field)
        turn = (dialogue.answer_text(state, words_for(q, value, steps)) if text
                else dialogue.answer_value(state, q.field, value))
        assert turn.understood, (q.field, turn.hint)
        state, q, steps = turn.state, turn.question, steps + 1
        assert steps < 40
        json.dumps(state)  # the state must stay storable
    return turn, steps


@pytest.mark.parametrize("text", [False, True], ids=["by value", "in words"])
def test_the_development_cases_through_the_dialogue(dev_cases, text):
    for case in dev_cases:
        turn, _ = run(case["facts"], text)
        assert turn.done and turn.verdict.status == case["status"], case["id"]
        assert failed_articles(turn.verdict) == case["failed_articles"], case["id"]
        assert set(case["missing_includes"]) <= set(turn.verdict.missing), case["id"]


@pytest.mark.parametrize("kind", APPLICANT_TYPES)
def test_every_type_asks_its_questions_and_ends_eligible(kind):
    turn, steps = run(CLEAN[kind])
    assert turn.verdict.status == "eligible"
    assert steps == len(CLEAN[kind])


def test_the_first_question_is_the_applicant_type_unless_given():
    assert dialogue.pending_question(dialogue.start()).field == "applicant_type"
    assert dialogue.pending_question(dialogue.start("park")).field == "legal_boundary"


def test_an_unknown_answer_counts_as_answered():
    state = dialogue.start("factory")
    turn = dialogue.answer_value(state, "registered_in_guangdong", None)
    assert turn.state["answers"]["registered_in_guangdong"] is None
    assert turn.question.field == "operates_in_guangdong"


def test_a_failing_answer_gets_an_immediate_notice_and_the_dialogue_goes_on():
    turn = dialogue.answer_value(dialogue.start("factory"), "registered_in_guangdong", False)
    assert turn.feedback and turn.feedback.citation.label == "第七条" and turn.feedback.citation.item == "（一）"
    assert turn.question.field == "operates_in_guangdong" and not turn.done


def test_several_failures_are_all_in_the_verdict():
    facts = {**CLEAN["factory"], "registered_in_guangdong": False, "longest_halt_months": 13}
    turn, _ = run(facts)
    assert failed_articles(turn.verdict) == [7, 18]


def test_changing_an_earlier_answer_re_evaluates():
    turn, _ = run({**CLEAN["park"], "industrial_value_added_share": 50})
    assert turn.verdict.status == "ineligible"
    again = dialogue.answer_value(turn.state, "industrial_value_added_share", 50.01)
    assert again.done and again.verdict.status == "eligible"


def test_changing_the_type_keeps_the_answers_that_still_apply():
    state = dialogue.start("factory")
    for field in ("registered_in_guangdong", "operates_in_guangdong", "manufacturing_enterprise", "dishonest_debtor"):
        state = dialogue.answer_value(state, field, field != "dishonest_debtor").state
    turn = dialogue.answer_value(state, "applicant_type", "supply_chain")
    kept = turn.state["answers"]
    assert kept["registered_in_guangdong"] is True and kept["dishonest_debtor"] is False
    assert "manufacturing_enterprise" not in kept
    assert turn.feedback is not None and turn.question.field == "independent_legal_entity"


def test_any_applicable_field_may_be_answered_out_of_order():
    state = dialogue.answer_value(dialogue.start("park"), "dishonest_debtor", True).state
    assert dialogue.pending_question(state).field == "legal_boundary"
    assert dialogue.answers(state)["dishonest_debtor"] is True


BAD = [
    ("an unknown field", "no_such_field", True),
    ("a field of another applicant type", "registered_in_guangdong", True),
    ("negative months", "longest_halt_months", -3),
    ("a share written as text", "industrial_value_added_share", "abc"),
    ("1 for a boolean", "deregistered", 1),
    ("an applicant type outside the three", "applicant_type", "bank"),
]


@pytest.mark.parametrize("name, field, value", BAD, ids=[b[0] for b in BAD])
def test_bad_answers_by_value_are_errors_naming_the_field(name, field, value):
    with pytest.raises(AnswerError) as err:
        dialogue.answer_value(dialogue.start("park"), field, value)
    assert err.value.field == field


def test_text_that_is_not_understood_records_nothing_and_asks_again_with_a_hint():
    state = dialogue.start("park")
    state["answers"].update(legal_boundary=True, unified_management=True, manufacturing_energy_function=True)
    for text in ("超过一半吧", "很多", "嗯？"):
        turn = dialogue.answer_text(state, text)
        assert not turn.understood and turn.question.field == "industrial_value_added_share", text
        assert turn.state == state and "%" in turn.hint


def test_a_number_out_of_range_in_words_is_asked_again():
    state = dialogue.start("park")
    state["answers"].update(legal_boundary=True, unified_management=True, manufacturing_energy_function=True)
    turn = dialogue.answer_text(state, "150%")
    assert not turn.understood and turn.question.field == "industrial_value_added_share"


def test_the_state_given_is_never_changed():
    state = dialogue.start("factory")
    before = json.dumps(state)
    dialogue.answer_value(state, "registered_in_guangdong", True)
    dialogue.answer_text(state, "是的")
    assert json.dumps(state) == before


def test_an_unknown_type_asks_the_common_questions_and_ends_incomplete():
    turn = dialogue.answer_text(dialogue.start(), "不清楚")
    assert turn.understood and turn.question.field == "already_national_listed"
    state = turn.state
    while not turn.done:
        turn = dialogue.answer_value(state, turn.question.field, CLEAN["park"][turn.question.field])
        state = turn.state
    assert turn.verdict.status == "incomplete" and turn.verdict.missing == ["applicant_type"]


def test_a_listed_unit_is_told_at_once_and_still_asked_the_rest():
    state = dialogue.start("factory")
    turn = dialogue.answer_value(state, "already_national_listed", True)
    assert "第十七条" == turn.feedback.citation.label and not turn.done


def test_the_verdict_is_none_until_done():
    assert dialogue.verdict(dialogue.start("factory")) is None
    assert dialogue.assess(dialogue.start("factory")).status == "incomplete"
