"""Declined questions grouped by similar wording, so staff see what the regulation (or a further document) should
cover. Pure: vectors in, groups out; the embedder that makes the vectors is the one the answers use."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Query embeddings of multilingual-e5: two questions about one matter (碳排放权交易的配额怎么申请 / 碳排放配额是
# 怎么分配的) at 0.94–0.96; pairs of the bank's out-of-scope questions at a median of 0.83, 99% below 0.91
# (scripts/group_threshold.py prints both)
SAME_MATTER = 0.92


@dataclass
class Group:
    example: str
    texts: list[str]

    @property
    def count(self) -> int:
        return len(self.texts)


def group(texts: list[str], vectors: np.ndarray, threshold: float = SAME_MATTER) -> list[Group]:
    """Each text joins the group whose first text (its example) is nearest, if near enough, else starts one; texts
    come newest first, so a group's example is its newest wording. Biggest group first, ties newest first."""
    if not texts:
        return []
    v = np.asarray(vectors, dtype=np.float32)
    v = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    heads: list[int] = []
    groups: list[Group] = []
    for i, text in enumerate(texts):
        if heads:
            sims = v[heads] @ v[i]
            best = int(np.argmax(sims))
            if sims[best] >= threshold:
                groups[best].texts.append(text)
                continue
        heads.append(i)
        groups.append(Group(example=text, texts=[text]))
    order = sorted(range(len(groups)), key=lambda g: (-groups[g].count, g))
    return [groups[g] for g in order]
