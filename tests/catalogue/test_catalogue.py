"""The catalogue of the facts: every quote verbatim in the regulation, every text in both languages, and
everything that is derived from it agrees with it."""
import json
import re

import pytest

from catalogue import catalogue, facts_document
from intake.facts import FACT_NAMES, Facts
from intake.questions import CHECK_LABELS, STEPS, questions_for
from intake.rules import RULES_BY_ID
from knowledge import load_regulation

CAT = catalogue()
FACTS = list(CAT.facts.values())
REFS = [(f.name, t, r) for f in FACTS for t, r in f.refs.items()]


def _text(article_no: int, item: str | None) -> str:
    article = load_regulation().article(article_no)
    assert article is not None, f"no article {article_no}"
    if item is None:
        return article.text
    return next(i.text for i in article.items if i.label == item)


@pytest.mark.parametrize("name, kind, ref", REFS, ids=[f"{n}-{t}" for n, t, _ in REFS])
def test_every_reference_quotes_its_article_or_item_verbatim(name, kind, ref):
    assert ref.quote and ref.quote in _text(ref.article, ref.item)


def test_the_look_back_is_quoted_from_its_article():
    assert CAT.lookback_years.quote in _text(CAT.lookback_years.article, None)


@pytest.mark.parametrize("fact", FACTS, ids=[f.name for f in FACTS])
def test_every_fact_speaks_both_languages_and_has_words_to_be_read_by(fact):
    for words in (fact.label, fact.question, fact.vocabulary.short):
        assert words.zh and words.en and not re.search(r"[\u4e00-\u9fff]", words.en)
    assert set(fact.applicant_types) <= set(CAT.applicant_types) and fact.refs
    assert fact.step in {s.name for s in CAT.steps}
    if fact.name != "applicant_type":
        assert fact.vocabulary.names and fact.rule is not None
    if fact.type == "number":
        assert fact.line is not None and fact.unit is not None


def test_the_facts_model_the_rules_and_the_steps_are_the_catalogue_s():
    assert FACT_NAMES == tuple(CAT.facts)
    assert set(RULES_BY_ID) == {f.name for f in FACTS if f.rule is not None}
    assert sorted(f for step in STEPS for f in step) == sorted(CAT.facts)
    assert [s[0] for s in STEPS][:2] == ["applicant_type", "already_national_listed"]
    assert all(RULES_BY_ID[n].refs.keys() == CAT.facts[n].refs.keys() for n in RULES_BY_ID)
    assert CHECK_LABELS["dishonest_debtor"] == CAT.facts["dishonest_debtor"].label.zh
    assert Facts.model_json_schema()["properties"].keys() == CAT.facts.keys()


@pytest.mark.parametrize("kind", list(CAT.applicant_types))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_questions_are_in_one_language_and_name_no_fact(kind, lang):
    for q in questions_for(kind, lang):
        texts = [q.text, q.why, q.hint, *[c.label for c in q.choices or []]]
        assert not any(re.search(r"\b[a-z]+_[a-z_]+\b", t) for t in texts)
        if lang == "en":
            assert not any(re.search(r"[\u4e00-\u9fff]", t) for t in texts), q.text


def test_the_document_served_lists_every_fact_with_its_labels():
    doc = facts_document()
    assert [a["value"] for a in doc["applicant_types"]] == list(CAT.applicant_types)
    assert [f["name"] for f in doc["facts"]] == list(CAT.facts)
    for f in doc["facts"]:
        assert f["label"]["zh"] and f["label"]["en"] and f["question"]["zh"] and f["citation"]["quote"]
        assert "{" not in f["question"]["zh"] + f["question"]["en"]
    json.dumps(doc, ensure_ascii=False)
