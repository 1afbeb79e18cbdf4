"""The rules version: a hash of everything a verdict rests on — every rule as data (its fact, the article and item
for each applicant type, its predicate's code, its texts), the law's parameters (law.py), the checker's code and
the regulation's text.

An audit record keeps the version it was decided under; when the version changes, the console re-checks past
verdicts against today's rules and shows which ones would now differ."""
from __future__ import annotations

import dataclasses
import hashlib
import inspect
import json
from functools import lru_cache

from . import checker, law
from .rules import RULES

VERSION_CHARS = 16  # 64 bits of SHA-256: enough to tell versions apart, short enough to print on a record


def _rule_data(rule) -> dict:
    return {
        "fact": rule.id,
        "refs": {kind: [ref.article_no, ref.item] for kind, ref in rule.refs.items()},
        "holds": inspect.getsource(rule.holds),
        "texts": [dataclasses.asdict(t) for t in (rule.condition, rule.passed, rule.failed)],
        "by_value": {str(k): dataclasses.asdict(t) for k, t in rule.by_value.items()},
        "where_to_check": dataclasses.asdict(rule.where_to_check) if rule.where_to_check else None,
    }


def _law_data() -> dict:
    return {name: {"value": str(p.value), "ref": [p.ref.article_no, p.ref.item], "quote": p.quote}
            for name, p in vars(law).items() if isinstance(p, law.Parameter)}


def rules_data() -> dict:
    """What the version is a hash of, apart from the regulation's text: the checker's code decides too."""
    return {"rules": [_rule_data(r) for r in RULES], "law": _law_data(), "checker": inspect.getsource(checker)}


def version_of(data: dict, regulation_text: str) -> str:
    blob = json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n" + regulation_text
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:VERSION_CHARS]


@lru_cache(maxsize=1)
def rules_version() -> str:
    from knowledge.sources import regulation_text

    return version_of(rules_data(), regulation_text())
