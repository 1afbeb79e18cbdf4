"""Is a question about the regulation at all? Decided by evidence, not by a list of words.

Retrieval always returns *some* article, so it cannot decide this alone. The question's embedding is compared
with the regulation's own passages and with examples of questions people asked, each marked covered or not
(``data/scope_examples.jsonl``: the tune half of the blind question bank, written and labelled by people who
never saw this code). A question nearer to the uncovered examples than to anything the regulation says or
covers is declined. A question that names an article is always in scope (the reply says whether it exists)."""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from importlib.resources import files

import numpy as np

from knowledge.ranking import mentioned_articles

EXAMPLES = "scope_examples.jsonl"
NEIGHBOURS = 2  # examples averaged on each side
MARGIN = 0.0  # declined when the uncovered side is nearer by more than this (calibrated on the tune half)


@dataclass(frozen=True)
class ScopeVerdict:
    covered: bool
    nearest_covered: float
    nearest_uncovered: float


def load_examples() -> list[tuple[str, bool]]:
    text = files("assistant").joinpath("data").joinpath(EXAMPLES).read_text(encoding="utf-8")
    return [(d["q"], d["covered"]) for d in map(json.loads, filter(None, text.splitlines()))]


class Scope:
    """Scope by nearest evidence. The examples are embedded once per embedder, on first use."""

    def __init__(self, embeddings, unit_vectors: np.ndarray, examples: list[tuple[str, bool]] | None = None):
        self.embeddings = embeddings
        self.unit_vectors = unit_vectors
        self._examples = examples
        self._vectors: np.ndarray | None = None
        self._covered: np.ndarray | None = None
        self._lock = threading.Lock()

    def _ready(self) -> tuple[np.ndarray, np.ndarray]:
        with self._lock:
            if self._vectors is None:
                from reading.text import normalise

                examples = self._examples if self._examples is not None else load_examples()
                self._vectors = np.asarray([self.embeddings.embed_query(normalise(q)) for q, _ in examples],
                                           dtype=np.float32)
                self._covered = np.asarray([c for _, c in examples], dtype=bool)
        return self._vectors, self._covered

    def judge(self, question: str, vector: np.ndarray) -> ScopeVerdict:
        if mentioned_articles(question):
            return ScopeVerdict(True, 1.0, 0.0)
        vectors, covered = self._ready()
        sims = vectors @ vector
        near_in = float(np.sort(sims[covered])[-NEIGHBOURS:].mean()) if covered.any() else -1.0
        if self.unit_vectors.size:
            near_in = max(near_in, float((self.unit_vectors @ vector).max()))
        near_out = float(np.sort(sims[~covered])[-NEIGHBOURS:].mean()) if (~covered).any() else -1.0
        return ScopeVerdict(near_out - near_in <= MARGIN, near_in, near_out)
