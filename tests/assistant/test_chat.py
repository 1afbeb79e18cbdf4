"""Chat routing between answers and the intake, on the conversation state alone (no HTTP)."""
import pytest

from assistant.chat import run_turn
from reading import read


@pytest.mark.parametrize("message,intent", [
    ("我们能申报吗", "check"), ("帮我看看是否符合条件", "check"), ("Am I eligible?", "check"),
    ("我们是一家工厂，想看看能不能申报省级绿色制造名单", "check"), ("我们厂停产了一年多还能报吗？", "check"),
    ("我们是茂名的石化企业，注册和生产都在茂名", "check"),
    ("公司被收购后绿色工厂资格还保留吗？", "question"), ("评价报告在哪提交？", "question"),
    ("绿色工厂是什么意思", "question"), ("你好", "chitchat"),
])
def test_what_a_message_wants_outside_the_check(message, intent):
    assert read(message).intent == intent


@pytest.mark.parametrize("message,intent", [
    ("算了", "leave"), ("退出", "leave"), ("quit", "leave"), ("上一题", "back"), ("重新开始", "restart"),
    ("不用问了，直接告诉我结果", "result"), ("是的", "answer"), ("评价报告通过什么平台提交？", "question"),
])
def test_what_a_message_wants_inside_the_check(message, intent):
    assert read(message, in_check=True, pending=("deregistered",)).intent == intent


def test_opening_message_records_what_it_states_and_concludes_from_the_rules(answerer):
    state, turn = run_turn(answerer, {"intake": None}, "我们厂停产了一年多还能报吗？")
    assert state["intake"]["answers"]["applicant_type"] == "factory"
    assert state["intake"]["answers"]["longest_halt_months"] >= 12
    assert turn.conclusion == "no" and turn.answer.startswith("不能")
    assert (turn.citations[0].article_no, turn.citations[0].item) == (18, "（一）") and "近三年" in turn.answer
    assert 7 in [c.article_no for c in turn.citations]  # the factory conditions the intake goes through


@pytest.mark.parametrize("message,conclusion", [
    ("我们厂停产了十个月，还能申报吗？", "yes"),
    ("我们厂停产了一年多还能报吗？", "no"),
    ("被列为失信被执行人的企业能申报吗", "no"),
    ("已经是国家级绿色工厂了，还需要另外申请省级名单吗？", "no"),
    ("已经按要求整改完了还能报吗", None),  # no situation the rules read as settled: the intake asks
    ("四年前出过一次质量事故，最近三年都没有，可以申请吗？", "yes"),
    ("我们是一家做五金的工厂，想知道能不能报", None),
    ("能申报省级绿色工厂吗？", None),
])
def test_conclusions_come_from_the_rules_never_from_a_pattern(answerer, message, conclusion):
    _, turn = run_turn(answerer, {"intake": None}, message)
    assert turn.conclusion == conclusion
    if conclusion is None:
        assert not turn.answer.startswith("不能")


def test_a_bare_request_cites_the_conditions_of_its_type(answerer):
    _, turn = run_turn(answerer, {"intake": None}, "我们是一家工业园区，想看看能不能申报")
    assert [c.article_no for c in turn.citations] == [8, 18]
    assert all(c.quote for c in turn.citations)


def test_a_question_in_between_is_answered_and_the_pending_question_comes_back(answerer):
    state, first = run_turn(answerer, {"intake": None}, "我们是供应链主导企业，能申报吗")
    same, turn = run_turn(answerer, state, "顺便问一下，评价报告通过什么平台提交？")
    assert same["intake"] == state["intake"]
    assert {6, 11} & {c.article_no for c in turn.citations}
    assert turn.intake["fields"] == first.intake["fields"]


def test_answers_in_words_go_to_the_intake_and_what_is_not_understood_gets_a_hint(answerer):
    state, first = run_turn(answerer, {"intake": None}, "我们是一家工厂，能申报吗")
    state, turn = run_turn(answerer, state, "没有")
    assert state["intake"]["answers"][first.intake["field"]] is False and turn.recorded
    assert turn.recorded_text.startswith("已记下")
    unchanged, unclear = run_turn(answerer, state, "嗯这个嘛")
    assert unchanged["intake"] == state["intake"] and unclear.hint and unclear.intake["fields"] == turn.intake["fields"]


def test_a_correction_after_the_verdict_gives_the_verdict_again(answerer):
    state, _ = run_turn(answerer, {"intake": None}, "我们是广州注册的独立法人制造企业，工厂也在广州，想看看能不能报")
    for message in ("没有", "符合", "没停过产", "都没有"):
        state, turn = run_turn(answerer, state, message)
    assert turn.verdict is None and turn.intake["kind"] == "confirm"  # read from words: confirmed first
    assert "longest_halt_months" in turn.intake["fields"] and "没有停过产" not in turn.answer
    state, turn = run_turn(answerer, state, "对，没错")
    assert turn.verdict and turn.verdict["status"] == "eligible"
    state, turn = run_turn(answerer, state, "刚才说错了，我们停产过14个月")
    assert turn.recorded == {"longest_halt_months": 14} and turn.verdict["status"] == "ineligible"


def test_several_facts_in_one_message_are_all_recorded(answerer):
    _, turn = run_turn(answerer, {"intake": None}, "我们是广州注册的独立法人制造企业，近三年没出过事故，也没停产，能报吗")
    assert turn.recorded == {"applicant_type": "factory", "registered_in_guangdong": True,
                             "independent_legal_entity": True, "manufacturing_enterprise": True,
                             "accident_or_violation": False, "longest_halt_months": 0}


def test_leaving_closes_the_intake(answerer):
    state, _ = run_turn(answerer, {"intake": None}, "帮我看看能否申报")
    state, turn = run_turn(answerer, state, "算了")
    assert state["intake"] is None and turn.intake is None and "退出" in turn.answer


@pytest.mark.parametrize("name,first,then,article", [
    ("a follow-up with a subject of its own is not held to the previous article",
     "第三方机构弄虚作假怎么处理？", "企业自己造假呢？", 23),
    ("a bare follow-up continues the previous question", "名单单位每年要填动态管理表吗？", "不交会怎样？", 23),
    ("another applicant type", "绿色工厂要满足什么条件？", "供应链企业呢？", 9),
    ("a new question after an answered one is answered alone", "省级名单怎么评审？", "评价报告在哪个平台提交？", 6),
])
def test_a_follow_up_is_answered_as_the_question_it_continues(answerer, name, first, then, article):
    state, _ = run_turn(answerer, {"intake": None}, first)
    _, turn = run_turn(answerer, state, then)
    assert article in [c.article_no for c in turn.citations]


@pytest.mark.parametrize("first,then", [
    ("评价报告通过什么平台提交？", "碳排放配额怎么分配？"),
    ("省级名单怎么评审？", "高新技术企业认定要多少研发投入？"),
])
def test_a_question_about_something_else_does_not_lean_on_the_one_before(answerer, first, then):
    state, _ = run_turn(answerer, {"intake": None}, first)
    _, turn = run_turn(answerer, state, then)
    assert turn.citations == [] and turn.asked
