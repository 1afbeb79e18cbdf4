"""Audit records of verdicts, as data: the record's id, today's re-check, the CSV export. Pure: no database."""
from __future__ import annotations

import csv
import io
import json
import secrets
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from intake.checker import Verdict, check
from intake.facts import Facts
from intake.version import rules_version

# Crockford's base32: no I, L, O, U, so a record id read off paper and typed back is not mistaken
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECORD_PREFIX = "GF"


def new_record_id() -> str:
    """GF-7K3MQ-9XA2B: 50 random bits, short enough to read out on the telephone."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(10))
    return f"{RECORD_PREFIX}-{chars[:5]}-{chars[5:]}"


def is_record_id(value: str) -> bool:
    parts = value.upper().split("-")
    return (len(parts) == 3 and parts[0] == RECORD_PREFIX and all(len(p) == 5 for p in parts[1:])
            and all(c in ALPHABET for c in parts[1] + parts[2]))


class Recheck(BaseModel):
    """What today's rules decide on the record's facts, and whether that differs from the verdict given."""

    rules_version: str
    verdict: Verdict | None  # None: the facts no longer fit today's facts model
    changed: bool


class AuditRecord(BaseModel):
    """One verdict as it was given: the facts, the verdict, the rules version, the time (contract section 5)."""

    record_id: str
    session_id: str
    facts: dict[str, Any]
    verdict: Verdict
    rules_version: str
    decided_at: datetime
    now: Recheck
    supersedes: str | None = None  # the record of the verdict this one corrected
    superseded_by: str | None = None  # the record of the verdict that corrected this one


def decisive(verdict: Verdict) -> tuple:
    """What makes two verdicts the same decision: the status and each condition's outcome (not the wording)."""
    return verdict.status, tuple(sorted((f.rule, f.outcome) for f in verdict.findings))


def recheck(facts: dict[str, Any], given: Verdict) -> Recheck:
    try:
        today = check(Facts.model_validate(facts))
    except ValidationError:
        return Recheck(rules_version=rules_version(), verdict=None, changed=True)
    return Recheck(rules_version=rules_version(), verdict=today, changed=decisive(today) != decisive(given))


def failed_articles(verdict: Verdict) -> list[int]:
    return sorted({f.citation.article_no for f in verdict.findings if f.outcome == "fail"})


def _cell(text: str) -> str:
    """A value a spreadsheet would run as a formula (=, +, -, @ first) is kept as text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


CSV_COLUMNS = ("record_id", "session_id", "decided_at", "status", "failed_articles", "rules_version",
               "now_status", "changed", "facts")


def records_csv(records: list[AuditRecord]) -> str:
    """One line per record; the facts as JSON in one column, so the file opens in a spreadsheet as it is."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in records:
        writer.writerow([r.record_id, _cell(r.session_id), r.decided_at.isoformat(), r.verdict.status,
                         " ".join(map(str, failed_articles(r.verdict))), r.rules_version,
                         r.now.verdict.status if r.now.verdict else "", str(r.now.changed).lower(),
                         json.dumps(r.facts, ensure_ascii=False, sort_keys=True)])
    return out.getvalue()
