"""Chat routing between answers and the intake, on the conversation state alone (no HTTP)."""
import pytest

from assistant.chat import leaves_intake, run_turn, wants_intake


@pytest.mark.parametrize("message,opens", [
    ("我们能申报吗", True), ("帮我看看是否符合条件", True), ("Am I eligible?", True),
    ("我们是一家工厂，想看看能不能申报省级绿色制造名单", True), ("我们厂停产了一年多还能报吗？", True),
    ("公司被收购后绿色工厂资格还保留吗？", False), ("评价报告在哪提交？", False), ("绿色工厂是什么意思", False),
])
def test_which_messages_open_the_intake(message, opens):
    assert wants_intake(message) is opens


@pytest.mark.parametrize("message,leaves", [("算了", True), ("退出", True), ("quit", True), ("算了吧我再问问", False)])
def test_which_messages_leave_it(message, leaves):
    assert leaves_intake(message) is leaves


def test_opening_message_names_the_type_and_its_question_is_answered_too(answerer):
    state, turn = run_turn(answerer, {"intake": None}, "我们厂停产了一年多还能报吗？")
    assert state["intake"]["answers"]["applicant_type"] == "factory"
    assert turn.intake["field"] != "applicant_type"
    assert turn.answer.startswith("不能") and (turn.citations[0].article_no, turn.citations[0].item) == (18, "（一）")
    assert 7 in [c.article_no for c in turn.citations]  # the factory conditions the intake goes through


def test_a_bare_request_cites_the_conditions_of_its_type(answerer):
    _, turn = run_turn(answerer, {"intake": None}, "我们是一家工业园区，想看看能不能申报")
    assert [c.article_no for c in turn.citations] == [8, 18]
    assert all(c.quote for c in turn.citations)


def test_a_question_in_between_is_answered_and_the_pending_question_comes_back(answerer):
    state, first = run_turn(answerer, {"intake": None}, "我们是供应链主导企业，能申报吗")
    same, turn = run_turn(answerer, state, "顺便问一下，评价报告通过什么平台提交？")
    assert same == state
    assert {6, 11} & {c.article_no for c in turn.citations}
    assert turn.intake["field"] == first.intake["field"]


def test_answers_in_words_go_to_the_intake_and_what_is_not_understood_gets_a_hint(answerer):
    state, first = run_turn(answerer, {"intake": None}, "我们是一家工厂，能申报吗")
    state, turn = run_turn(answerer, state, "是的")
    assert state["intake"]["answers"][first.intake["field"]] is True and turn.intake["field"] != first.intake["field"]
    unchanged, unclear = run_turn(answerer, state, "我们主要做电子元件")
    assert unchanged == state and unclear.hint and unclear.intake["field"] == turn.intake["field"]


def test_leaving_closes_the_intake(answerer):
    state, _ = run_turn(answerer, {"intake": None}, "帮我看看能否申报")
    state, turn = run_turn(answerer, state, "算了")
    assert state["intake"] is None and turn.intake is None and "退出" in turn.answer
