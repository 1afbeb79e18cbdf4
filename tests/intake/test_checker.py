import pytest

from intake.checker import check
from intake.facts import APPLICANT_TYPES, parse_facts

from .conftest import CLEAN, failed_articles


def verdict_for(kind, **changes):
    facts = {**CLEAN[kind], **changes}
    return check(parse_facts({k: v for k, v in facts.items() if v is not ...}))


# name, applicant type, changed facts, status, failing articles
CASES = [
    ("a clean factory is eligible", "factory", {}, "eligible", []),
    ("a clean park is eligible", "park", {}, "eligible", []),
    ("a clean supply-chain enterprise is eligible", "supply_chain", {}, "eligible", []),
    ("share of exactly 50% fails 第八条", "park", {"industrial_value_added_share": 50}, "ineligible", [8]),
    ("share of 50.01% passes 第八条", "park", {"industrial_value_added_share": 50.01}, "eligible", []),
    ("share of 0% fails 第八条", "park", {"industrial_value_added_share": 0}, "ineligible", [8]),
    ("share of 100% passes", "park", {"industrial_value_added_share": 100}, "eligible", []),
    ("a halt of exactly 12 months fails 第十八条", "factory", {"longest_halt_months": 12}, "ineligible", [18]),
    ("a halt of 11 months passes", "factory", {"longest_halt_months": 11}, "eligible", []),
    ("a halt of 11.9 months passes", "factory", {"longest_halt_months": 11.9}, "eligible", []),
    ("a halt of 12 months bars a park too", "park", {"longest_halt_months": 12}, "ineligible", [18]),
    ("registered outside Guangdong fails 第七条", "factory", {"registered_in_guangdong": False}, "ineligible", [7]),
    ("a supply-chain enterprise operating outside Guangdong fails 第九条", "supply_chain",
     {"operates_in_guangdong": False}, "ineligible", [9]),
    ("a non-manufacturer fails 第七条", "factory", {"manufacturing_enterprise": False}, "ineligible", [7]),
    ("a park without a management body fails 第八条", "park", {"unified_management": False}, "ineligible", [8]),
    ("a park without a cultivation plan fails 第八条", "park", {"park_cultivation_plan": False}, "ineligible", [8]),
    ("a supply-chain enterprise not leading fails 第九条", "supply_chain", {"industry_leading": False},
     "ineligible", [9]),
    ("missing the national standard fails 第八条 for a park", "park", {"meets_national_standard": False},
     "ineligible", [8]),
    ("each exclusion of 第十八条 fails on its own: deregistered", "factory", {"deregistered": True}, "ineligible", [18]),
    ("an accident bars a supply-chain enterprise", "supply_chain", {"accident_or_violation": True}, "ineligible", [18]),
    ("a pending energy rectification bars a park", "park", {"energy_rectification_pending": True}, "ineligible", [18]),
    ("several failures at once are all listed", "factory",
     {"registered_in_guangdong": False, "longest_halt_months": 20, "dishonest_debtor": True}, "ineligible", [7, 18]),
    ("a failure with unknowns is still ineligible", "park",
     {"industrial_value_added_share": 45, "dishonest_debtor": None, "legal_boundary": None}, "ineligible", [8]),
    ("one unknown fact leaves it incomplete", "factory", {"dishonest_debtor": None}, "incomplete", []),
    ("an unknown national listing leaves it incomplete", "supply_chain", {"already_national_listed": None},
     "incomplete", []),
    ("already listed wins over everything", "factory", {"already_national_listed": True}, "already_listed", []),
    ("already listed still shows failing conditions", "park",
     {"already_national_listed": True, "dishonest_debtor": True, "industrial_value_added_share": 10},
     "already_listed", [8, 18]),
    ("already listed with unknowns", "factory", {"already_national_listed": True, "deregistered": None},
     "already_listed", []),
]


@pytest.mark.parametrize("name, kind, changes, status, failed", CASES, ids=[c[0] for c in CASES])
def test_verdicts(name, kind, changes, status, failed):
    v = verdict_for(kind, **changes)
    assert v.status == status
    assert failed_articles(v) == failed


def test_unknown_facts_are_listed_as_missing_even_when_ineligible():
    v = verdict_for("park", industrial_value_added_share=45, dishonest_debtor=None, legal_boundary=None)
    assert set(v.missing) == {"dishonest_debtor", "legal_boundary"}


def test_facts_of_other_types_are_neither_judged_nor_missing():
    v = verdict_for("park", registered_in_guangdong=False)
    assert v.status == "eligible"
    assert "registered_in_guangdong" not in {f.rule for f in v.findings} | set(v.missing)


@pytest.mark.parametrize("kind", APPLICANT_TYPES)
def test_no_facts_but_the_type_misses_every_needed_fact(kind):
    v = check(parse_facts({"applicant_type": kind}))
    assert v.status == "incomplete"
    assert set(v.missing) == set(CLEAN[kind]) - {"applicant_type"}
    assert all(f.outcome == "unknown" for f in v.findings)


UNKNOWN_TYPE = [
    ("nothing known is incomplete with the type missing", {}, "incomplete"),
    ("a common exclusion makes it ineligible without a type", {"dishonest_debtor": True}, "ineligible"),
    ("the national list decides without a type", {"already_national_listed": True}, "already_listed"),
    ("clean common facts are still incomplete without a type", {k: v for k, v in CLEAN["factory"].items()
                                                                if k != "applicant_type"}, "incomplete"),
]


@pytest.mark.parametrize("name, facts, status", UNKNOWN_TYPE, ids=[u[0] for u in UNKNOWN_TYPE])
def test_an_unknown_applicant_type(name, facts, status):
    v = check(parse_facts(facts))
    assert v.status == status
    assert "applicant_type" in v.missing
    assert {f.citation.article_no for f in v.findings} <= {17, 18}


def test_every_failing_finding_cites_its_article_and_item():
    v = verdict_for("factory", operates_in_guangdong=False, longest_halt_months=14, removed_from_list=True)
    fails = {f.rule: f.citation for f in v.findings if f.outcome == "fail"}
    assert {r: (c.label, c.item) for r, c in fails.items()} == {
        "operates_in_guangdong": ("第七条", "（一）"), "longest_halt_months": ("第十八条", "（一）"),
        "removed_from_list": ("第十八条", "（三）")}
    assert all(c.doc == "广东省绿色工厂梯度培育管理实施细则" and c.quote for c in fails.values())


def test_a_park_is_judged_with_the_enterprises_in_it():
    v = verdict_for("park", dishonest_debtor=True)
    finding = next(f for f in v.findings if f.rule == "deregistered")
    assert "园区内企业" in finding.reason


def test_the_verdict_is_deterministic():
    facts = {**CLEAN["park"], "industrial_value_added_share": 50, "dishonest_debtor": None}
    assert check(parse_facts(facts)).model_dump_json() == check(parse_facts(dict(reversed(facts.items())))).model_dump_json()


def articles_of_steps(v):
    return [s.citation.article_no for s in v.next_steps]


def test_next_steps_of_an_eligible_applicant_follow_the_procedure():
    steps = articles_of_steps(verdict_for("factory"))
    assert {6, 11, 12, 13, 14} <= set(steps)
    text = " ".join(s.text for s in verdict_for("factory").next_steps)
    assert "6月30日" in text and "3年" in text
    assert "以所在地级以上市工业和信息化主管部门的通知为准" in text  # 6月30日 is the city's deadline, not the enterprise's


def test_next_steps_of_a_listed_unit_are_dynamic_management_and_removal():
    v = verdict_for("factory", already_national_listed=True)
    assert {19, 23} <= set(articles_of_steps(v))
    assert "4月15日" in " ".join(s.text for s in v.next_steps)


def test_next_steps_of_an_ineligible_applicant_point_at_what_fails():
    assert 18 in articles_of_steps(verdict_for("factory", dishonest_debtor=True))
    assert 8 in articles_of_steps(verdict_for("park", legal_boundary=False))


def test_the_disclaimer_says_the_departments_decide_in_both_languages():
    v = verdict_for("factory")
    assert "初步自评" in v.disclaimer and "主管部门" in v.disclaimer
    assert "preliminary self-assessment" in v.disclaimer_en


def test_the_development_cases(dev_cases):
    for case in dev_cases:
        v = check(parse_facts(case["facts"]))
        assert v.status == case["status"], case["id"]
        assert failed_articles(v) == case["failed_articles"], case["id"]
        assert set(case["missing_includes"]) <= set(v.missing), case["id"]
