import pytest

from intake.questions import question
from intake.understand import NOT_UNDERSTOOD, detect_applicant_type, parse_boolean, parse_number, understand

BOOLEANS = [
    ("是的", True), ("是", True), ("有", True), ("对", True), ("符合", True), ("已经", True), ("yes", True),
    ("Yes.", True), ("没错", True), ("是的，注册在广州", True), ("ｙｅｓ", True),
    ("没有", False), ("否", False), ("不是", False), ("无", False), ("未", False), ("no", False), ("不符合", False),
    ("还没有", False), ("不在广东", False),
    ("不清楚", None), ("不确定", None), ("不知道", None), ("不晓得", None), ("not sure", None), ("无法确定", None),
    ("", NOT_UNDERSTOOD), ("我们在深圳", NOT_UNDERSTOOD), ("62", NOT_UNDERSTOOD), ("maybe", NOT_UNDERSTOOD),
]


@pytest.mark.parametrize("text, value", BOOLEANS, ids=[f"{t!r}→{v}" for t, v in BOOLEANS])
def test_yes_no_and_unknown_words(text, value):
    assert parse_boolean(text) is value


SHARES = [
    ("62", 62), ("62%", 62), ("大约62%", 62), ("百分之六十二", 62), ("大约六成", 60), ("六成五", 65),
    ("六十二", 62), ("62.5%", 62.5), ("６２％", 62), ("一半", 50), ("约 55 %", 55), ("150%", 150),
    ("不清楚", None),
    ("超过50%", NOT_UNDERSTOOD), ("60到70", NOT_UNDERSTOOD), ("60%-70%", NOT_UNDERSTOOD), ("很多", NOT_UNDERSTOOD),
    ("没有", NOT_UNDERSTOOD), ("14个月", NOT_UNDERSTOOD), ("50%以上", NOT_UNDERSTOOD),
    ("9" * 400 + "%", NOT_UNDERSTOOD),
]


@pytest.mark.parametrize("text, value", SHARES, ids=[f"{t[:20]!r}→{v}" for t, v in SHARES])
def test_percent_answers(text, value):
    assert parse_number(text, unit="%") == value if value is not NOT_UNDERSTOOD else \
        parse_number(text, unit="%") is NOT_UNDERSTOOD


MONTHS = [
    ("14个月", 14), ("14", 14), ("一年半", 18), ("两年", 24), ("1.5年", 18), ("半年", 6), ("十二个月", 12),
    ("一年零三个月", 15), ("两个半月", 2.5), ("停了大约3个月吧", 3), ("45天", 1.5),
    ("没有停过产", 0), ("没有", 0), ("0", 0), ("一直没停产", 0), ("从来没有停过", 0), ("无", 0),
    ("不清楚", None), ("不知道", None),
    ("不到12个月", NOT_UNDERSTOOD), ("12个月以上", NOT_UNDERSTOOD), ("将近一年", NOT_UNDERSTOOD),
    ("2022年停产3个月", NOT_UNDERSTOOD), ("3到5个月", NOT_UNDERSTOOD), ("很久", NOT_UNDERSTOOD), ("", NOT_UNDERSTOOD),
    ("9" * 400, NOT_UNDERSTOOD), ("9" * 400 + "年", NOT_UNDERSTOOD),
]


@pytest.mark.parametrize("text, value", MONTHS, ids=[f"{t[:20]!r}→{v}" for t, v in MONTHS])
def test_month_answers(text, value):
    got = parse_number(text, unit="个月", none_means_zero=True)
    assert got is value if value in (None, NOT_UNDERSTOOD) else got == value


def test_no_means_zero_for_the_halt_question_and_false_for_a_boolean():
    assert understand(question("longest_halt_months", "factory"), "没有") == 0
    assert understand(question("deregistered", "factory"), "没有") is False


def test_an_answer_that_makes_sense_only_for_its_question():
    assert understand(question("abnormal_operation_listed", "factory"), "已移出") is False
    assert understand(question("energy_rectification_pending", "park"), "已完成整改") is False
    assert understand(question("already_national_listed", "park"), "已经列入") is True


CHOICES = [
    ("绿色工厂（制造企业）", "factory"), ("绿色工业园区", "park"), ("绿色供应链管理企业", "supply_chain"),
    ("factory", "factory"), ("工厂", "factory"), ("园区", "park"), ("我们是供应链主导企业", "supply_chain"),
    ("不清楚", None), ("银行", NOT_UNDERSTOOD), ("工厂还是园区", NOT_UNDERSTOOD),
]


@pytest.mark.parametrize("text, value", CHOICES, ids=[f"{t!r}→{v}" for t, v in CHOICES])
def test_the_applicant_type_question_in_words(text, value):
    got = understand(question("applicant_type"), text)
    assert got is value if value in (None, NOT_UNDERSTOOD) else got == value


SENTENCES = [
    ("我们是一家工厂，想看看能不能申报省级绿色制造名单", "factory"),
    ("我们是一家工业园区，想看看能不能申报省级绿色制造名单", "park"),
    ("我们是一家供应链主导企业，想看看能不能申报省级绿色制造名单", "supply_chain"),
    ("我们园区想申报绿色工厂", "park"),
    ("We are a factory in Foshan", "factory"),
    ("绿色工厂有什么要求？", None),
    ("评价报告通过什么平台提交？", None),
    ("你好", None),
]


@pytest.mark.parametrize("text, kind", SENTENCES, ids=[s[0] for s in SENTENCES])
def test_detect_the_applicant_type_in_a_sentence(text, kind):
    assert detect_applicant_type(text) == kind
