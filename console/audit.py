"""Audit records of verdicts, as data: the record's id, today's re-check, the CSV export. Pure: no database."""
from __future__ import annotations

import csv
import io
import json
import secrets
from datetime import datetime, timedelta, timezone
from typing import Any

from pydantic import BaseModel, ValidationError

from catalogue import catalogue
from intake.checker import Verdict, check
from intake.facts import Facts
from intake.questions import fact_in_words, label
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


BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")
BOM = "\ufeff"  # so that a spreadsheet opens the file as UTF-8, Chinese and all
# (heading in Chinese, in English) of each column before the facts
CSV_COLUMNS = (("记录编号", "record id"), ("判定时间（北京时间）", "decided at (Beijing time)"), ("结论", "verdict"),
               ("不符合的条款", "articles not met"), ("规则版本", "rules version"),
               ("按现行规则的结论", "verdict under today's rules"), ("结论是否已变", "changed"),
               ("更正了记录", "supersedes"), ("被更正为记录", "superseded by"))
STATUS_WORDS = {"eligible": ("符合", "eligible"), "ineligible": ("不符合", "ineligible"),
                "incomplete": ("信息不全", "incomplete"), "already_listed": ("已在国家级名单", "already listed")}


def beijing_time(at: datetime) -> str:
    """2026-12-08 10:15:00+08:00: the time as staff in Guangdong read it, with its offset."""
    at = at if at.tzinfo else at.replace(tzinfo=timezone.utc)
    return at.astimezone(BEIJING).isoformat(sep=" ", timespec="seconds")


def records_csv(records: list[AuditRecord], lang: str = "zh") -> str:
    """One line per record and one column per fact, headed by its label (Chinese, or English with
    ``lang="en"``), the values in words, times in Beijing time: the file opens in a spreadsheet as it is."""
    i = 0 if lang == "zh" else 1
    fields = list(catalogue().facts)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c[i] for c in CSV_COLUMNS] + [label(f, lang) for f in fields])
    yes_no = (("是", "否"), ("yes", "no"))[i]
    for r in records:
        writer.writerow([r.record_id, beijing_time(r.decided_at), STATUS_WORDS[r.verdict.status][i],
                         " ".join(map(str, failed_articles(r.verdict))), r.rules_version,
                         STATUS_WORDS[r.now.verdict.status][i] if r.now.verdict else "",
                         yes_no[0] if r.now.changed else yes_no[1], r.supersedes or "", r.superseded_by or ""]
                        + [_cell(fact_in_words(f, r.facts[f], lang)) if f in r.facts else "" for f in fields])
    return BOM + out.getvalue()
