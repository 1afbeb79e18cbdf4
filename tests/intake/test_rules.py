import pytest

from intake.citations import cite
from intake.facts import APPLICANT_TYPES, FACT_NAMES
from intake.law import ALL_PARAMETERS
from intake.rules import RULES, needed_facts, rules_for
from knowledge import article_label, load_regulation


def _all_refs():
    return [(r.id, t, ref) for r in RULES for t, ref in r.refs.items()]


@pytest.mark.parametrize("rule_id, kind, ref", _all_refs(), ids=[f"{i}-{t}" for i, t, _ in _all_refs()])
def test_every_rule_cites_an_article_and_item_that_exist(rule_id, kind, ref):
    article = load_regulation().article(ref.article_no)
    assert article is not None
    if ref.item is not None:
        assert ref.item in [i.label for i in article.items]
    c = cite(ref.article_no, ref.item)
    assert c.label == article_label(ref.article_no) and c.quote in article.text


@pytest.mark.parametrize("name", sorted(ALL_PARAMETERS))
def test_every_law_parameter_quotes_its_article_verbatim(name):
    p = ALL_PARAMETERS[name]
    article = load_regulation().article(p.ref.article_no)
    text = next(i.text for i in article.items if i.label == p.ref.item) if p.ref.item else article.text
    assert p.quote in text


def test_every_fact_but_the_type_has_exactly_one_rule():
    assert sorted(r.id for r in RULES) == sorted(f for f in FACT_NAMES if f != "applicant_type")


WHERE = [
    ("a factory's location rests on 第七条（一）", "factory", "operates_in_guangdong", 7, "（一）"),
    ("a supply-chain enterprise's location rests on 第九条（一）", "supply_chain", "operates_in_guangdong", 9, "（一）"),
    ("a park's share rests on 第八条（一）", "park", "industrial_value_added_share", 8, "（一）"),
    ("a park's plan rests on 第八条（二）", "park", "park_cultivation_plan", 8, "（二）"),
    ("a supplier plan rests on 第九条（二）", "supply_chain", "supplier_cultivation_plan", 9, "（二）"),
    ("a factory's standard rests on 第七条（二）", "factory", "meets_national_standard", 7, "（二）"),
    ("a park's standard rests on 第八条（三）", "park", "meets_national_standard", 8, "（三）"),
    ("a supply-chain standard rests on 第九条（三）", "supply_chain", "meets_national_standard", 9, "（三）"),
    ("dishonest debtors are 第十八条（六） for a park too", "park", "dishonest_debtor", 18, "（六）"),
    ("the national list is 第十七条", "factory", "already_national_listed", 17, None),
]


@pytest.mark.parametrize("name, kind, rule_id, article, item", WHERE, ids=[w[0] for w in WHERE])
def test_rules_cite_the_article_for_the_applicant_type(name, kind, rule_id, article, item):
    rule = next(r for r in rules_for(kind) if r.id == rule_id)
    assert (rule.ref(kind).article_no, rule.ref(kind).item) == (article, item)


@pytest.mark.parametrize("kind", APPLICANT_TYPES)
def test_needed_facts_include_the_national_list_and_every_exclusion(kind):
    needed = needed_facts(kind)
    assert "already_national_listed" in needed and "dishonest_debtor" in needed
    assert "applicant_type" not in needed


def test_with_the_type_unknown_only_common_rules_apply():
    assert {r.ref(None).article_no for r in rules_for(None)} == {17, 18}
    assert needed_facts(None)[0] == "applicant_type"
