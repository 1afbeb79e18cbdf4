"""Retrieval and answer quality on a question file (JSON lines: {"q", "gold": [article numbers]}; an empty
gold list marks a question the regulation does not cover). Pure figures from an index and an answerer."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from intake.questions import EXCLUSIONS, STEPS, fields_for
from intake.rules import applicable_fields
from knowledge.index import HybridIndex
from reading import read

from .answering import Answerer


@dataclass
class Figures:
    questions: int
    recall_at_1: float
    recall_at_3: float
    mrr: float
    cited: float
    declined: int
    out_of_scope: int
    misses: list[tuple[str, list[int], list[int]]]

    def lines(self) -> list[str]:
        return [f"questions in scope: {self.questions}",
                f"recall@1: {self.recall_at_1:.2f}", f"recall@3: {self.recall_at_3:.2f}", f"MRR: {self.mrr:.2f}",
                f"chat answers citing a gold article: {self.cited:.2f}",
                f"out-of-scope declined: {self.declined}/{self.out_of_scope}"]


def load_questions(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(index: HybridIndex, answerer: Answerer, questions: list[dict]) -> Figures:
    inscope = [q for q in questions if q["gold"]]
    oos = [q for q in questions if not q["gold"]]
    r1 = r3 = rr = cited = 0.0
    misses = []
    for q in inscope:
        ranked = [h.article_no for h in index.search(q["q"], 10)]
        rank = next((i for i, a in enumerate(ranked, 1) if a in q["gold"]), None)
        r1 += rank == 1
        r3 += rank is not None and rank <= 3
        rr += 1 / rank if rank else 0
        got = [c.article_no for c in answerer.answer(q["q"]).citations]
        ok = any(g in got for g in q["gold"])
        cited += ok
        if rank != 1 or not ok:
            misses.append((q.get("id", q["q"]), ranked[:3], got))
    declined = sum(not answerer.answer(q["q"]).citations for q in oos)
    n = max(len(inscope), 1)
    return Figures(len(inscope), r1 / n, r3 / n, rr / n, cited / n, declined, len(oos), misses)


# ---------------------------------------------------------------- the blind banks, by half

HALVES = ("tune", "report")
BANKS = Path(__file__).resolve().parents[1] / "tests" / "data" / "banks"


def shows_what_was_asked(q: dict, answer: str) -> bool:
    """Every requirement of the question's ``must`` (alternatives of the regulation's phrases) is in the answer's
    text, whitespace aside; an English question's may also be met by its ``must_en`` words."""
    flat = "".join(answer.split()).lower()
    english = q.get("must_en") or [[] for _ in q["must"]]
    return all(any("".join(p.split()).lower() in flat for p in (*zh, *en)) for zh, en in zip(q["must"], english))


def english_served(question: str, answer: str, citations) -> bool:
    """An English question gets English prose (Chinese only inside quotes, titles and labels) and an English
    rendering of every quote."""
    import re

    from reading.text import is_english

    if not is_english(question):
        return True
    prose = re.sub(r"「[^」]*」|《[^》]*》|“[^”]*”|第[一二三四五六七八九十百零\d]+条|（[一二三四五六七八九十]+）", "", answer)
    cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in prose)
    latin = sum(ch.isascii() and ch.isalpha() for ch in prose)
    return cjk <= 0.1 * max(latin, 1) and all(getattr(c, "quote_en", None) for c in citations)


def bank_figures(index: HybridIndex, answerer: Answerer, half: str, banks: Path = BANKS) -> dict[str, str]:
    """Every figure the issue asks for, on one half of the banks: retrieval, citing, scope, conclusions,
    follow-ups, English, and the reading of facts from words."""
    from .chat import run_turn

    def chat(turns):
        state, out = {"intake": None}, []
        for t in turns:
            state, turn = run_turn(answerer, state, t)
            out.append(turn)
        return out

    qs = [q for q in load_questions(banks / "questions.jsonl") if q["half"] == half]
    inscope, oos = [q for q in qs if q["gold"]], [q for q in qs if not q["gold"]]
    r1 = r3 = cited = declined_wrongly = english = n_en = shown = musts = 0
    for q in inscope:
        r = read(q["q"])
        ranked = [h.article_no for h in answerer.ranked(r, 3)]
        r1 += bool(ranked) and ranked[0] in q["gold"]
        r3 += any(g in ranked for g in q["gold"])
        turn = chat([q["q"]])[0]
        got = {c.article_no for c in turn.citations}
        cited += bool(got & set(q["gold"]))
        declined_wrongly += not turn.citations
        if q.get("must"):
            musts += 1
            shown += shows_what_was_asked(q, turn.answer)
    declined = 0
    for q in qs:
        from reading.text import is_english

        turn = chat([q["q"]])[0] if not q["gold"] or is_english(q["q"]) else None
        if not q["gold"]:
            declined += not turn.citations
        if turn is not None and is_english(q["q"]):
            n_en += 1
            english += english_served(q["q"], turn.answer, turn.citations)
    cons = [c for c in load_questions(banks / "conclusions.jsonl") if c["half"] == half]
    cons_right = sum(chat([c["q"]])[0].conclusion == c["conclusion"] for c in cons)
    fus = [f for f in load_questions(banks / "followups.jsonl") if f["half"] == half]
    fus_right = sum(all({c.article_no for c in t.citations} & set(g) for t, g in zip(chat(f["turns"]), f["gold"]))
                    for f in fus)
    n = max(len(inscope), 1)
    reading = {**phrase_figures(half, banks), **exact_figures(half, banks), **answer_figures(half, banks)}
    return {
        "questions in scope": str(len(inscope)),
        "recall@1 / @3": f"{r1 / n:.2f} / {r3 / n:.2f}",
        "answers citing a gold article": f"{cited / n:.2f}",
        "answers showing what was asked (must)": f"{shown}/{musts}",
        "in-scope questions declined": f"{declined_wrongly}/{len(inscope)}",
        "out-of-scope declined": f"{declined}/{len(oos)}",
        "conclusions right": f"{cons_right}/{len(cons)}",
        "follow-ups answered in context": f"{fus_right}/{len(fus)}",
        "English questions served in English": f"{english}/{n_en}",
        **reading,
    }


def phrase_figures(half: str, banks: Path = BANKS) -> dict[str, str]:
    """Facts read from words on the phrase bank, as the intake reads them: a single answer is typed to the
    question that asks its fact (a checklist where the fact is in one); right, wrong (a definite value that is
    not the one meant), not read."""
    pending_for = _pending_for
    tally: dict[str, dict[str, int]] = {}
    for it in load_questions(banks / "phrases.jsonl"):
        if it["half"] != half:
            continue
        if it["kind"] == "single":
            r = read(it["text"], pending=pending_for(it["type"], it["field"]), allowed=applicable_fields(it["type"]),
                     in_check=True)
            pairs = [(it["field"], it["expect"])]
        else:
            checklist = it["kind"] == "checklist"
            r = read(it["text"], pending=EXCLUSIONS if checklist else (), allowed=applicable_fields(it["type"]),
                     in_check=checklist)
            # our exclusions checklist does not ask the halt (it is its own number question)
            pairs = [(f, v) for f, v in it["expect"].items() if not (checklist and f == "longest_halt_months")]
        for field, expect in pairs:
            kind = "hedge" if expect is None else it["kind"]
            row = tally.setdefault(kind, {"right": 0, "wrong": 0, "not read": 0})
            row[judge_fact(expect, r.facts.values.get(field, MISSING))] += 1
    out = {}
    for kind, row in sorted(tally.items()):
        total = sum(row.values())
        out[f"facts read ({kind})"] = (f"{row['right']}/{total} right, {row['wrong']} wrong, "
                                       f"{row['not read']} not read")
    return out


def exact_figures(half: str, banks: Path = BANKS) -> dict[str, str]:
    """The bank of answers whose every stated fact is labelled (``phrases_exact.jsonl``: answers to one question,
    many of them speaking of another fact, asking back, hedging or correcting themselves), each typed to the one
    question it answered: the facts it states read right, wrong or not at all, and the facts recorded that it
    did not state (a guess the single-fact bank cannot see)."""
    row = {"right": 0, "wrong": 0, "not read": 0}
    unstated = 0
    for it in load_questions(banks / "phrases_exact.jsonl"):
        if it["half"] != half:
            continue
        values = read(it["text"], pending=(it["pending"],), allowed=applicable_fields(it["type"]),
                      in_check=True).facts.values
        for field, expect in it["expect"].items():
            row[judge_fact(expect, values.get(field, MISSING))] += 1
        unstated += sum(1 for f, v in values.items() if f not in it["expect"] and v is not None)
    total = sum(row.values())
    return {"facts read (exact bank)": f"{row['right']}/{total} right, {row['wrong']} wrong, {row['not read']} not read, "
                                       f"{unstated} recorded that the answer did not state"}


# The persona bank was labelled with this date: its 去年 and 2023年 are placed against the look-back from it
BANK_TODAY = date(2026, 12, 7)


def answer_results(half: str, banks: Path = BANKS) -> list[tuple[dict, str, object]]:
    """The blind personas' answers (``answers.jsonl``), each typed to the question that asks its fact (as a
    checklist's part where the fact is in one): (item, right / wrong / not read, the value read)."""
    out = []
    for it in load_questions(banks / "answers.jsonl"):
        if it["half"] != half:
            continue
        pending = (it["field"],) if it["field"] == "applicant_type" else _pending_for(it["type"], it["field"])
        r = read(it["text"], pending=pending, allowed=applicable_fields(it["type"]), in_check=True, today=BANK_TODAY)
        got = r.facts.values.get(it["field"], MISSING)
        out.append((it, judge_fact(it["expect"], got), got))
    return out


def answer_figures(half: str, banks: Path = BANKS) -> dict[str, str]:
    """The personas' answers read: the totals, and per fact where any was read wrong or not read."""
    results = answer_results(half, banks)
    row = {"right": 0, "wrong": 0, "not read": 0}
    by_fact: dict[str, dict[str, int]] = {}
    for it, verdict, _ in results:
        row[verdict] += 1
        by_fact.setdefault(it["field"], {"right": 0, "wrong": 0, "not read": 0})[verdict] += 1
    total = max(sum(row.values()), 1)
    definite = [r for r in results if r[0]["expect"] is not None]
    read_share = sum(v == "right" for _, v, _ in definite) / max(len(definite), 1)
    out = {"facts read (persona answers)": f"{row['right']}/{total} right, {row['wrong']} wrong "
                                            f"({row['wrong'] / total:.1%}), {row['not read']} not read; "
                                            f"{read_share:.0%} of the definite ones read right"}
    for fact, r in sorted(by_fact.items()):
        if r["wrong"] or r["not read"]:
            out[f"  {fact}"] = f"{r['right']} right, {r['wrong']} wrong, {r['not read']} not read"
    return out


def _pending_for(kind: str, field: str) -> tuple[str, ...]:
    allowed = set(fields_for(kind))
    return next(tuple(f for f in st if f in allowed) for st in STEPS if field in st)


def judge_fact(expect, got) -> str:
    """right / wrong (a definite value that is not the one meant) / not read, for one fact read from words;
    ``expect`` may be a side of the law's line (">50", "<12")."""
    if expect is None:
        return "wrong" if got not in (None, MISSING) else "right"
    if got in (None, MISSING):
        return "not read"
    if isinstance(expect, str) and (m := re.fullmatch(r"(<=|>=|<|>)(\d+(?:\.\d+)?)", expect)):
        if isinstance(got, bool) or not isinstance(got, (int, float)):
            return "wrong"
        x = float(m.group(2))
        return "right" if {"<": got < x, "<=": got <= x, ">": got > x, ">=": got >= x}[m.group(1)] else "wrong"
    return "right" if got == expect and type(got) is type(expect) or (
        not isinstance(got, bool) and not isinstance(expect, bool) and got == expect) else "wrong"


MISSING = object()
