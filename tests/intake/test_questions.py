import pytest

from intake.facts import APPLICANT_TYPES
from intake.questions import (APPLICANT_LABELS, CHECK_LABELS, CONDITIONS, EXCLUSIONS, QUESTION_ORDER, STEPS, fields_for,
                              question, questions_for)
from intake.rules import needed_facts


@pytest.mark.parametrize("kind", APPLICANT_TYPES)
def test_each_type_is_asked_exactly_its_needed_facts(kind):
    assert set(fields_for(kind)) == set(needed_facts(kind)) | {"applicant_type"}


@pytest.mark.parametrize("kind, asked", [
    ("factory", [["applicant_type"], ["already_national_listed"],
                 ["registered_in_guangdong", "operates_in_guangdong", "independent_legal_entity",
                  "manufacturing_enterprise", "meets_national_standard"], ["longest_halt_months"], list(EXCLUSIONS)]),
    ("park", [["applicant_type"], ["already_national_listed"],
              ["legal_boundary", "unified_management", "manufacturing_energy_function", "park_cultivation_plan",
               "meets_national_standard"], ["industrial_value_added_share"], ["longest_halt_months"], list(EXCLUSIONS)]),
    ("supply_chain", [["applicant_type"], ["already_national_listed"],
                      ["registered_in_guangdong", "operates_in_guangdong", "independent_legal_entity",
                       "industry_leading", "creating_green_factory", "supplier_cultivation_plan",
                       "meets_national_standard"], ["longest_halt_months"], list(EXCLUSIONS)]),
])
def test_the_type_then_the_national_list_then_checklists(kind, asked):
    assert [q.fields for q in questions_for(kind)] == asked


def test_every_fact_is_in_one_step_and_every_checklist_fact_has_a_label():
    steps = [f for step in STEPS for f in step]
    assert len(steps) == len(set(steps)) == 23
    assert set(CONDITIONS) | set(EXCLUSIONS) == set(CHECK_LABELS)


def test_the_type_question_offers_recognisable_choices():
    q = question("applicant_type")
    assert q.kind == "choice" and [c.value for c in q.choices] == list(APPLICANT_TYPES)
    assert [c.label for c in q.choices] == list(APPLICANT_LABELS.values())


@pytest.mark.parametrize("kind", APPLICANT_TYPES)
def test_every_question_has_text_why_hint_and_a_citation(kind):
    for q in questions_for(kind):
        assert q.text and q.why and q.hint and q.citation.label.startswith("第")
        assert q.kind in ("boolean", "choice", "number", "checklist")
        assert (q.field is None) == (q.kind == "checklist") and q.fields
        if q.kind == "checklist":
            assert [c.field for c in q.choices] == q.fields


def test_park_questions_speak_of_the_enterprises_in_it():
    assert "园区内企业" in question("dishonest_debtor", "park").text
    assert question("meets_national_standard", "park").citation.item == "（三）"


def test_number_questions_carry_their_unit():
    assert question("industrial_value_added_share", "park").unit == "%"
    assert question("longest_halt_months", "factory").unit == "个月"


def test_the_order_table_names_every_fact_once():
    assert len(QUESTION_ORDER) == len(set(QUESTION_ORDER)) == 23
