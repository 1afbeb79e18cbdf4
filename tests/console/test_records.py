"""The console's pure parts: record ids, today's re-check, the rules version, the CSV export, an intake's progress,
the grouping of declined questions, the printable record."""
from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

import numpy as np
import pytest

from console.audit import AuditRecord, _cell, failed_articles, is_record_id, new_record_id, recheck, records_csv
from intake.questions import fact_in_words, label
from console.grouping import group
from console.progress import progress
from console.record_page import render
from intake import dialogue
from intake.checker import check
from intake.facts import Facts
from intake.version import rules_data, rules_version, version_of

ELIGIBLE = {"applicant_type": "factory", "already_national_listed": False, "registered_in_guangdong": True,
            "operates_in_guangdong": True, "independent_legal_entity": True, "manufacturing_enterprise": True,
            "meets_national_standard": True, "longest_halt_months": 0, "deregistered": False,
            "abnormal_operation_listed": False, "accident_or_violation": False, "removed_from_list": False,
            "inspection_serious_issue": False, "energy_rectification_pending": False, "dishonest_debtor": False}
HALTED = {**ELIGIBLE, "longest_halt_months": 14}


def record(facts: dict, verdict=None) -> AuditRecord:
    verdict = verdict or check(Facts.model_validate(facts))
    return AuditRecord(record_id=new_record_id(), session_id="s" * 32, facts=facts, verdict=verdict,
                       rules_version=rules_version(), decided_at=datetime(2026, 6, 1, 2, 30, tzinfo=timezone.utc),
                       now=recheck(facts, verdict))


@pytest.mark.parametrize("value, ok", [
    ("GF-7K3MQ-9XA2B", True), ("gf-7k3mq-9xa2b", True), ("GF-7K3MQ-9XA2", False), ("GF-7K3MQ-9XAIB", False),
    ("XX-7K3MQ-9XA2B", False), ("A" * 32, False), ("", False),
])
def test_record_ids(value, ok):
    assert is_record_id(value) is ok


def test_new_record_ids_are_well_formed_and_differ():
    ids = {new_record_id() for _ in range(200)}
    assert len(ids) == 200 and all(is_record_id(i) for i in ids)


RECHECKS = {
    "the same facts under the same rules": (ELIGIBLE, None, False),
    "a verdict the rules would now give otherwise": (HALTED, check(Facts.model_validate(ELIGIBLE)), True),
    "facts today's model refuses": ({**ELIGIBLE, "longest_halt_months": "14"}, check(Facts.model_validate(ELIGIBLE)),
                                    True),
}


@pytest.mark.parametrize("name", RECHECKS)
def test_todays_recheck(name):
    facts, given, changed = RECHECKS[name]
    given = given or check(Facts.model_validate(facts))
    now = recheck(facts, given)
    assert now.changed is changed and now.rules_version == rules_version()


def test_the_rules_version_changes_with_a_number_of_the_law_or_the_regulations_text():
    data = rules_data()
    base = version_of(data, "text")
    assert version_of(rules_data(), "text") == base
    changed_law = {**data, "law": {**data["law"], "HALT_MONTHS_EXCLUDED_FROM": {**data["law"][
        "HALT_MONTHS_EXCLUDED_FROM"], "value": "6"}}}
    assert version_of(changed_law, "text") != base
    assert version_of(data, "text 2") != base
    predicate = data["rules"][0]["holds"]
    stricter = {**data, "rules": [{**data["rules"][0], "holds": predicate.replace("is True", "is not False")},
                                  *data["rules"][1:]]}
    assert "is True" in predicate and version_of(stricter, "text") != base  # a predicate's code counts too
    assert len(rules_version()) == 16


def rows_of(text: str) -> list[dict]:
    assert text.startswith("\ufeff")  # the BOM: a spreadsheet opens the file as UTF-8
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_a_value_a_spreadsheet_would_run_as_a_formula_is_kept_as_text():
    assert _cell("-" + "s" * 31) == "'-" + "s" * 31 and _cell("GF-7K3MQ-9XA2B") == "GF-7K3MQ-9XA2B"


@pytest.mark.parametrize("lang, record_id, when, status, failed, halt", [
    ("zh", "记录编号", "判定时间（北京时间）", "结论", "不符合的条款", "近三年最长连续停产"),
    ("en", "record id", "decided at (Beijing time)", "verdict", "articles not met", None),
])
def test_the_csv_export_has_one_line_per_record_and_one_column_per_fact(lang, record_id, when, status, failed, halt):
    halted = record(HALTED).model_copy(update={"decided_at": datetime(2026, 12, 8, 2, 15, tzinfo=timezone.utc)})
    rows = rows_of(records_csv([record(ELIGIBLE), halted], lang))
    assert [r[status] for r in rows] == (["符合", "不符合"] if lang == "zh" else ["eligible", "ineligible"])
    assert rows[1][failed] == "18" and rows[1][when] == "2026-12-08 10:15:00+08:00"
    assert rows[1][record_id] == halted.record_id and "session_id" not in rows[1]
    halt = halt or label("longest_halt_months", "en")
    assert rows[1][halt] == fact_in_words("longest_halt_months", 14, lang) and "14" in rows[1][halt]
    assert set(rows[0]) >= {label(f, lang) for f in ELIGIBLE}


def started(facts: dict) -> dict:
    return dialogue.answer_values(dialogue.start(), facts).state  # given by value: no confirmation waits


PROGRESS = {
    # name: (before, after, started, new verdict)
    "an intake opens": (None, dialogue.start("factory"), True, False),
    "an answer on the way": (dialogue.start("factory"), started({"applicant_type": "factory",
                                                                 "registered_in_guangdong": True}), False, False),
    "the last answer gives the verdict": (started({k: v for k, v in ELIGIBLE.items() if k != "dishonest_debtor"}),
                                          started(ELIGIBLE), False, True),
    "a correction after the verdict gives a new one": (started(ELIGIBLE), started(HALTED), False, True),
    "looking again at a verdict records nothing": (started(ELIGIBLE), started(ELIGIBLE), False, False),
}


@pytest.mark.parametrize("name", PROGRESS)
def test_progress(name):
    before, after, is_start, new = PROGRESS[name]
    p = progress(before, after)
    assert p.started is is_start and p.new_verdict is new
    assert set(p.reached) == set(dialogue.answers(after))


def test_no_intake_no_progress():
    assert progress(None, None) is None and progress(started(ELIGIBLE), None) is None


def unit(*xs):
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


GROUPS = {
    "near wordings join the newest one": (["碳排放配额怎么分配", "今天天气", "碳排放权配额怎么申请"],
                                          [unit(1, 0.1, 0), unit(0, 1, 0), unit(1, 0.15, 0)],
                                          [("碳排放配额怎么分配", 2), ("今天天气", 1)]),
    "far wordings stay apart": (["a", "b"], [unit(1, 0, 0), unit(0.8, 0.6, 0)], [("a", 1), ("b", 1)]),
    "nothing declined": ([], np.zeros((0, 3)), []),
}


@pytest.mark.parametrize("name", GROUPS)
def test_grouping(name):
    texts, vectors, expected = GROUPS[name]
    got = group(texts, np.array(vectors))
    assert [(g.example, g.count) for g in got] == expected


def test_the_printed_record_holds_the_id_the_findings_articles_and_the_rules_version_and_escapes_what_was_typed():
    r = record(HALTED)
    page = render(r)
    assert r.record_id in page and r.rules_version in page and "第十八条（一）" in page
    assert "2026-06-01 10:30" in page  # Beijing time
    assert failed_articles(r.verdict) == [18]
    assert page.index("✗") < page.index("✓")  # failures first
    hostile = r.model_copy(update={"record_id": "<script>x</script>"})
    assert "<script>x</script>" not in render(hostile)
