import json
from pathlib import Path

import pytest

DEV_CASES = Path(__file__).resolve().parents[1] / "data" / "dev" / "eligibility_dev.jsonl"


def load_dev_cases() -> list[dict]:
    if not DEV_CASES.exists():
        return []
    return [json.loads(line) for line in DEV_CASES.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def dev_cases() -> list[dict]:
    cases = load_dev_cases()
    if not cases:
        pytest.skip("the shared development cases are not on this machine")
    return cases


def failed_articles(verdict) -> list[int]:
    return sorted({f.citation.article_no for f in verdict.findings if f.outcome == "fail"})


# Complete facts that pass every rule, by applicant type: cases change one fact at a time.
CLEAN_COMMON = {
    "already_national_listed": False, "meets_national_standard": True, "deregistered": False,
    "longest_halt_months": 0, "abnormal_operation_listed": False, "accident_or_violation": False,
    "removed_from_list": False, "inspection_serious_issue": False, "energy_rectification_pending": False,
    "dishonest_debtor": False,
}
CLEAN = {
    "factory": {"applicant_type": "factory", "registered_in_guangdong": True, "operates_in_guangdong": True,
                "independent_legal_entity": True, "manufacturing_enterprise": True, **CLEAN_COMMON},
    "park": {"applicant_type": "park", "legal_boundary": True, "unified_management": True,
             "manufacturing_energy_function": True, "industrial_value_added_share": 62,
             "park_cultivation_plan": True, **CLEAN_COMMON},
    "supply_chain": {"applicant_type": "supply_chain", "registered_in_guangdong": True, "operates_in_guangdong": True,
                     "independent_legal_entity": True, "industry_leading": True, "creating_green_factory": True,
                     "supplier_cultivation_plan": True, **CLEAN_COMMON},
}
