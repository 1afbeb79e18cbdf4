"""Retrieval and answer quality on a question file (JSON lines: {"q", "gold": [article numbers]}; an empty
gold list marks a question the regulation does not cover). Pure figures from an index and an answerer."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from knowledge.index import HybridIndex

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
