import pytest

from intake.facts import APPLICANT_TYPES
from intake.questions import APPLICANT_LABELS, QUESTION_ORDER, fields_for, question, questions_for
from intake.rules import needed_facts


@pytest.mark.parametrize("kind", APPLICANT_TYPES)
def test_each_type_is_asked_exactly_its_needed_facts(kind):
    assert set(fields_for(kind)) == set(needed_facts(kind)) | {"applicant_type"}


@pytest.mark.parametrize("kind", ["factory", "supply_chain"])
def test_the_type_comes_first_then_the_knock_out_questions(kind):
    assert list(fields_for(kind)[:4]) == ["applicant_type", "registered_in_guangdong", "operates_in_guangdong",
                                          "independent_legal_entity"]


def test_the_type_question_offers_recognisable_choices():
    q = question("applicant_type")
    assert q.kind == "choice" and [c.value for c in q.choices] == list(APPLICANT_TYPES)
    assert [c.label for c in q.choices] == list(APPLICANT_LABELS.values())


@pytest.mark.parametrize("kind", APPLICANT_TYPES)
def test_every_question_has_text_why_hint_and_a_citation(kind):
    for q in questions_for(kind):
        assert q.text and q.why and q.hint and q.citation.label.startswith("第")
        assert q.kind in ("boolean", "choice", "number")


def test_park_questions_speak_of_the_enterprises_in_it():
    assert "园区内企业" in question("dishonest_debtor", "park").text
    assert question("meets_national_standard", "park").citation.item == "（三）"


def test_number_questions_carry_their_unit():
    assert question("industrial_value_added_share", "park").unit == "%"
    assert question("longest_halt_months", "factory").unit == "个月"


def test_the_order_table_names_every_fact_once():
    assert len(QUESTION_ORDER) == len(set(QUESTION_ORDER)) == 23
