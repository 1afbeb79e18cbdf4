"""Which of an article's procedures a question asks about (who does what, by when, through what, for how
long, with what consequence, on what condition): matched by the procedures' own example questions (their vectors
shipped with the index's) and by the kind of answer the question wants. The answer then leads with that item in
one sentence of its own and quotes the sentence that says it."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from catalogue import Procedure, procedures
from knowledge.shipped import embed

# the kind of answer a question wants → the item of a procedure that gives it
ASKS_FOR_KIND = {"when": "when", "duration": "how_long", "who": "who", "consequence": "consequence", "where": "where",
                 "definition": "what", "list": "conditions"}
KIND_BONUS = 0.03  # a procedure item of the kind asked is preferred by this much of cosine
NEAR_ENOUGH = 0.86  # below this, no item is led with: the article is quoted as it stands (fitted on the tune half)


@dataclass
class ProcedureMatcher:
    entries: tuple[Procedure, ...]
    owners: np.ndarray  # for each example question, the index of its entry
    vectors: np.ndarray  # the example questions' vectors, unit length

    @classmethod
    def build(cls, embeddings) -> "ProcedureMatcher":
        entries = procedures()
        questions = [(i, q) for i, p in enumerate(entries) for q in p.questions]
        vectors = embed(embeddings, [q for _, q in questions], "q")
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
        return cls(entries, np.asarray([i for i, _ in questions]), vectors)

    def _scores(self, query_vector: np.ndarray) -> np.ndarray:
        """For each procedure, the cosine of its nearest example question to the question."""
        q = query_vector / (np.linalg.norm(query_vector) + 1e-9)
        cos = self.vectors @ q
        scores = np.full(len(self.entries), -1.0)
        np.maximum.at(scores, self.owners, cos)
        return scores

    def best(self, article: int, query_vector: np.ndarray, kind: str) -> Procedure | None:
        """The procedure of ``article`` the question asks about, or None when none is near enough, or when the
        nearest of all the procedures belongs to another article (then the question is not plainly this one's)."""
        wanted = ASKS_FOR_KIND.get(kind)
        scores = self._scores(query_vector) + np.asarray([KIND_BONUS if p.asks == wanted else 0.0
                                                         for p in self.entries])
        top = int(np.argmax(scores))
        if self.entries[top].article != article or scores[top] < NEAR_ENOUGH:
            return None
        return self.entries[top]

    def nearest(self, article: int, query_vector: np.ndarray) -> Procedure | None:
        """The procedure of ``article`` nearest to the question, however near."""
        scores = self._scores(query_vector)
        mine = [i for i, p in enumerate(self.entries) if p.article == article and scores[i] > -1.0]
        return self.entries[max(mine, key=lambda i: scores[i])] if mine else None
