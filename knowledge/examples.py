"""Questions matched by examples: for each article of the regulation, questions people ask that it answers
(``sources/examples.jsonl``, written by helpers who saw only the regulation, each label agreed by a second
labeller). A question's example evidence for an article is the mean cosine of that article's nearest examples,
min-max normalised across articles; the index adds it, weighted, to the passages' own evidence."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import numpy as np

from .shipped import embed

NEAREST = 3  # examples averaged per article
FILE = "examples.jsonl"


@lru_cache(maxsize=1)
def load_examples() -> tuple[tuple[int, str], ...]:
    """(article, question) of every example shipped, in file order."""
    resource = files("knowledge").joinpath("sources").joinpath(FILE)
    if not resource.is_file():
        return ()
    rows = [json.loads(line) for line in resource.read_text(encoding="utf-8").splitlines() if line.strip()]
    return tuple((r["article"], r["q"]) for r in rows)


@dataclass
class ExampleEvidence:
    articles: np.ndarray  # the article of each example
    vectors: np.ndarray  # one row per example, unit length

    def __post_init__(self) -> None:
        # each article's rows, worked out once: the evidence is asked for on every search
        self._groups = {int(a): np.flatnonzero(self.articles == a) for a in np.unique(self.articles)}

    @classmethod
    def build(cls, embeddings, examples: tuple[tuple[int, str], ...]) -> "ExampleEvidence":
        if not examples:
            return cls(np.zeros(0, dtype=np.int32), np.zeros((0, 1), dtype=np.float32))
        vectors = embed(embeddings, [q for _, q in examples], "q")
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
        return cls(np.asarray([a for a, _ in examples], dtype=np.int32), vectors)

    def scores(self, query_vector: np.ndarray) -> dict[int, float]:
        """article → evidence in [0, 1]: how near the question lies to the article's own examples."""
        if not len(self.articles):
            return {}
        q = query_vector / (np.linalg.norm(query_vector) + 1e-9)
        cos = self.vectors @ q
        per = {article: float(np.sort(cos[rows])[-NEAREST:].mean()) for article, rows in self._groups.items()}
        values = np.asarray(list(per.values()))
        low, high = values.min(), values.max()
        span = high - low if high > low else 1.0
        return {a: (v - low) / span for a, v in per.items()}
