import pytest

from intake.facts import FACT_NAMES, FactError, Facts, check_fact, parse_facts

REFUSED = [
    ("an applicant type outside the three", {"applicant_type": "bank"}, "applicant_type"),
    ("a share above 100", {"industrial_value_added_share": 140}, "industrial_value_added_share"),
    ("a negative share", {"industrial_value_added_share": -1}, "industrial_value_added_share"),
    ("a share written as words", {"industrial_value_added_share": "很多"}, "industrial_value_added_share"),
    ("a share as a numeric string", {"industrial_value_added_share": "62"}, "industrial_value_added_share"),
    ("a share as a boolean", {"industrial_value_added_share": True}, "industrial_value_added_share"),
    ("negative months", {"longest_halt_months": -3}, "longest_halt_months"),
    ("infinite months", {"longest_halt_months": float("inf")}, "longest_halt_months"),
    ("not-a-number share", {"industrial_value_added_share": float("nan")}, "industrial_value_added_share"),
    ("1 for a boolean", {"deregistered": 1}, "deregistered"),
    ("0 for a boolean", {"dishonest_debtor": 0}, "dishonest_debtor"),
    ("a string for a boolean", {"operates_in_guangdong": "true"}, "operates_in_guangdong"),
    ("an unknown fact", {"no_such_fact": True}, "no_such_fact"),
]


@pytest.mark.parametrize("name, data, field", REFUSED, ids=[r[0] for r in REFUSED])
def test_bad_facts_are_refused_naming_the_fact(name, data, field):
    with pytest.raises(FactError) as err:
        parse_facts(data)
    assert err.value.field == field
    assert field in err.value.zh and field in err.value.en


@pytest.mark.parametrize("body", [[], [1, 2], "facts", 3, None])
def test_a_body_that_is_not_an_object_is_refused(body):
    with pytest.raises(FactError) as err:
        parse_facts(body)
    assert err.value.field == "body"


ACCEPTED = [
    ("every fact absent", {}),
    ("every fact unknown", {name: None for name in FACT_NAMES}),
    ("share at the bounds 0 and 100", {"industrial_value_added_share": 0}),
    ("share of 100", {"industrial_value_added_share": 100}),
    ("fractional share", {"industrial_value_added_share": 50.01}),
    ("fractional months", {"longest_halt_months": 11.5}),
    ("zero months", {"longest_halt_months": 0}),
]


@pytest.mark.parametrize("name, data", ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_good_facts_are_accepted(name, data):
    assert isinstance(parse_facts(data), Facts)


def test_whole_numbers_keep_their_type_so_answers_echo_back_unchanged():
    assert check_fact("industrial_value_added_share", 62) == 62
    assert isinstance(check_fact("industrial_value_added_share", 62), int)


def test_the_fact_names_are_the_contracts():
    assert set(FACT_NAMES) == {
        "applicant_type", "already_national_listed", "registered_in_guangdong", "operates_in_guangdong",
        "independent_legal_entity", "manufacturing_enterprise", "legal_boundary", "unified_management",
        "manufacturing_energy_function", "industrial_value_added_share", "park_cultivation_plan", "industry_leading",
        "creating_green_factory", "supplier_cultivation_plan", "meets_national_standard", "deregistered",
        "longest_halt_months", "abnormal_operation_listed", "accident_or_violation", "removed_from_list",
        "inspection_serious_issue", "energy_rectification_pending", "dishonest_debtor"}
