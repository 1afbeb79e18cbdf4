import json

import pytest

from intake import dialogue
from assistant.checking import answer_text
from intake.dialogue import AnswerError
from intake.facts import APPLICANT_TYPES
from intake.questions import EXCLUSIONS

from tests.support import question_fields, words_for

from .conftest import CLEAN, failed_articles

def run(facts, text=False):
    state, steps, turn = dialogue.start(), 0, None
    q = dialogue.pending_question(state)
    while q is not None:
        if text:
            turn = answer_text(state, words_for(q, facts, steps))
        elif q.kind == "checklist":
            turn = dialogue.answer_values(state, {f: facts.get(f) for f in q.fields})
        else:
            turn = dialogue.answer_value(state, q.field, facts.get(q.field))
        assert turn.understood, (question_fields(q), turn.hint)
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
    assert steps == {"factory": 5, "park": 6, "supply_chain": 5}[kind]


def test_the_first_question_is_the_applicant_type_unless_given():
    assert dialogue.pending_question(dialogue.start()).field == "applicant_type"
    assert dialogue.pending_question(dialogue.start("park")).field == "already_national_listed"


def test_an_unknown_answer_counts_as_answered():
    state = dialogue.start("factory")
    turn = dialogue.answer_value(state, "already_national_listed", None)
    assert turn.state["answers"]["already_national_listed"] is None
    assert turn.question.kind == "checklist" and "registered_in_guangdong" in turn.question.fields


def test_a_failing_answer_gets_an_immediate_notice_and_the_dialogue_goes_on():
    turn = dialogue.answer_value(dialogue.start("factory"), "registered_in_guangdong", False)
    assert turn.feedback and turn.feedback.citation.label == "第七条" and turn.feedback.citation.item == "（一）"
    assert "不能申报" in turn.feedback.text and "算了" in turn.feedback.text  # said at once, with a way out
    assert turn.question.field == "already_national_listed" and not turn.done


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
    assert turn.feedback is not None and turn.question.field == "already_national_listed"


TYPE_IN_WORDS = [
    # name, type so far, words, type after
    ("a change of type", "factory", "换成园区", "park"),
    ("the type applied as", "park", "我们想按绿色工厂申报", "factory"),
    ("not this type but that one", "factory", "不是工厂，是园区", "park"),
    ("what the enterprise is", "factory", "我们其实是供应链管理企业", "supply_chain"),
    ("English", "factory", "switch to park", "park"),
    ("a type named by the way changes nothing", "supply_chain", "我们自己也在申报绿色工厂", "supply_chain"),
    ("the enterprises in a park are not the park's type", "park", "园区里基本都是工厂", "park"),
    ("a type asked of the suppliers", "supply_chain", "我们要求供应商按绿色工厂申报", "supply_chain"),
    ("a park of manufacturers stays a park", "park", "是的，我们是制造企业为主的园区", "park"),
    ("English words about production", "supply_chain", "Production switched to the factory in Dongguan", "supply_chain"),
    ("the park's enterprises apply as factories", "park", "有，园区的企业都按绿色工厂申报", "park"),
    ("a change of business is no change of type", "factory", "以前做生产，现在转为供应链服务了", "factory"),
    ("a supply-chain enterprise that is a green factory", "supply_chain", "是的，是绿色工厂", "supply_chain"),
    ("a correction naming the type", "factory", "说错了，是园区", "park"),
    ("a correction about something else", "supply_chain", "不对，我们的工厂在东莞", "supply_chain"),
    ("the type taken back is not the one meant", "factory", "是园区，不对，是工厂", "factory"),
    ("a question which type to apply as", "factory", "我们要按园区申报还是工厂", "factory"),
    ("the park's committee speaks", "factory", "我们是园区管委会", "park"),
    ("the wish to apply as another type", "factory", "想报绿色供应链管理企业", "supply_chain"),
    ("a supply-chain enterprise's green factory, corrected", "supply_chain", "说错了，是绿色工厂", "supply_chain"),
    ("English: what we are, actually", "factory", "we're actually a park", "park"),
]


@pytest.mark.parametrize("name, before, text, after", TYPE_IN_WORDS, ids=[c[0] for c in TYPE_IN_WORDS])
def test_the_type_changes_only_on_words_that_change_it(name, before, text, after):
    state = dialogue.answer_values(dialogue.start(before), {"already_national_listed": False}).state
    turn = answer_text(state, text)
    assert dialogue.applicant_type(turn.state) == after
    assert turn.state["answers"]["already_national_listed"] is False  # a fact of every type is kept


def test_any_applicable_field_may_be_answered_out_of_order():
    state = dialogue.answer_value(dialogue.start("park"), "dishonest_debtor", True).state
    assert dialogue.pending_question(state).field == "already_national_listed"
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
    state["answers"].update(legal_boundary=True, unified_management=True, manufacturing_energy_function=True,
                            park_cultivation_plan=True, already_national_listed=False, meets_national_standard=True)
    for text in ("五十左右", "很多", "嗯？"):
        turn = answer_text(state, text)
        assert not turn.understood and turn.question.field == "industrial_value_added_share", text
        assert turn.state == state and "%" in turn.hint


def test_a_number_out_of_range_in_words_is_asked_again():
    state = dialogue.start("park")
    state["answers"].update(legal_boundary=True, unified_management=True, manufacturing_energy_function=True,
                            park_cultivation_plan=True, already_national_listed=False, meets_national_standard=True)
    turn = answer_text(state, "150%")
    assert not turn.understood and turn.question.field == "industrial_value_added_share"


def test_the_state_given_is_never_changed():
    state = dialogue.start("factory")
    before = json.dumps(state)
    dialogue.answer_value(state, "registered_in_guangdong", True)
    answer_text(state, "是的")
    assert json.dumps(state) == before


def test_an_unknown_type_asks_the_common_questions_and_ends_incomplete():
    turn = answer_text(dialogue.start(), "不清楚")
    assert turn.understood and turn.question.field == "already_national_listed"
    state = turn.state
    while not turn.done:
        turn = dialogue.answer_values(state, {f: CLEAN["park"][f] for f in turn.question.fields})
        state = turn.state
    assert turn.verdict.status == "incomplete" and turn.verdict.missing == ["applicant_type"]


def test_a_listed_unit_is_told_at_once_and_still_asked_the_rest():
    state = dialogue.start("factory")
    turn = dialogue.answer_value(state, "already_national_listed", True)
    assert "第十七条" == turn.feedback.citation.label and not turn.done


def test_the_verdict_is_none_until_done():
    assert dialogue.verdict(dialogue.start("factory")) is None
    assert dialogue.assess(dialogue.start("factory")).status == "incomplete"


CHECKLIST_WORDS = [
    ("none of these", "都没有", {f: False for f in ("deregistered", "dishonest_debtor")}),
    ("one and the rest none", "有过一次安全事故，其他没有", {"accident_or_violation": True, "deregistered": False}),
    ("one unknown, the rest none", "失信那个不确定，其余没有", {"dishonest_debtor": None, "removed_from_list": False}),
    ("all unknown", "都不清楚", {"deregistered": None, "dishonest_debtor": None}),
    ("labels with marks", "被工商注销：否；被列为失信被执行人：是", {"deregistered": False, "dishonest_debtor": True}),
]


@pytest.mark.parametrize("name, text, expect", CHECKLIST_WORDS, ids=[c[0] for c in CHECKLIST_WORDS])
def test_a_checklist_is_answered_in_words(name, text, expect):
    state = dialogue.start("factory")
    state = dialogue.answer_values(state, {f: v for f, v in CLEAN["factory"].items()
                                          if f not in EXCLUSIONS and f != "applicant_type"}).state
    assert dialogue.pending_question(state).kind == "checklist"
    turn = answer_text(state, text)
    assert turn.understood
    for field, value in expect.items():
        assert turn.state["answers"][field] is value, field


def test_words_that_straddle_a_line_are_asked_again_with_a_hint():
    state = dialogue.answer_values(dialogue.start("factory"), {"already_national_listed": False}).state
    state = dialogue.answer_values(state, {"meets_national_standard": True}).state
    state = {**state, "answers": {**state["answers"], **{f: True for f in ("registered_in_guangdong",
             "operates_in_guangdong", "independent_legal_entity", "manufacturing_enterprise")}}}
    turn = answer_text(state, "将近一年")
    assert not turn.understood and "longest_halt_months" not in turn.state["answers"] and "具体" in turn.hint


def test_going_back_takes_the_last_answer_back():
    state = answer_text(dialogue.start("factory"), "没有").state
    turn = answer_text(state, "上一题")
    assert "already_national_listed" not in turn.state["answers"] and turn.question.field == "already_national_listed"
