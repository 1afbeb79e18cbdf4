"""Prints in-process figures: index build time, ready time from a built index, cold start to the first answer,
retrieval and chat latency p50/p95 on distinct questions, the query embedding alone (the floor), peak RSS.

    python scripts/benchmark.py [--questions tests/data/dev/qa_dev.jsonl] [--n 100]
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def pct(xs, f):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(f * (len(xs) - 1) + 0.5))]


def timed(fn, items):
    out = []
    for x in items:
        t = time.perf_counter()
        fn(x)
        out.append((time.perf_counter() - t) * 1000)
    return out


def row(name, ms):
    return f"{name:<28} p50 {statistics.median(ms):7.1f} ms   p95 {pct(ms, .95):7.1f} ms   (n={len(ms)})"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", type=Path, default=ROOT / "tests/data/dev/qa_dev.jsonl")
    ap.add_argument("--n", type=int, default=100)
    args = ap.parse_args()
    base = [json.loads(l)["q"] for l in args.questions.read_text(encoding="utf-8").splitlines() if l.strip()]
    distinct = [f"{base[i % len(base)]}（{i}）" for i in range(args.n)]  # no cache can serve these

    from fastapi.testclient import TestClient

    from api.app import create_app
    from assistant.settings import Settings
    from knowledge.embeddings import make_embeddings

    data = Path(tempfile.mkdtemp(prefix="bench-"))
    t0 = time.perf_counter()
    app = create_app(Settings(data_dir=data, rate_limit=0))
    with TestClient(app) as client:
        client.post("/api/chat", json={"message": base[0]})
        first_cold = time.perf_counter() - t0
        build = app.state.services.index.build_seconds
    t0 = time.perf_counter()
    app = create_app(Settings(data_dir=data, rate_limit=0))
    with TestClient(app) as client:
        ready = time.perf_counter() - t0
        client.post("/api/chat", json={"message": base[1]})
        first_warm = time.perf_counter() - t0
        services = app.state.services
        embedder = make_embeddings(services.settings.embedding_model)
        embed = timed(embedder.embed_query, [f"{q}#" for q in distinct])
        search = timed(lambda q: services.index.search(q + "~", 5), distinct)
        chat = timed(lambda q: client.post("/api/chat", json={"message": q}), distinct)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"index build (embed + store):  {build:.1f} s  ({len(services.index.units)} units, "
          f"model {services.settings.embedding_model})")
    print(f"cold start to first answer:   {first_cold:.1f} s  (building the index)")
    print(f"ready from a built index:     {ready:.1f} s;  first answer {first_warm:.1f} s")
    print(row("query embedding alone", embed))
    print(row("retrieval (search, k=5)", search))
    print(row("chat (HTTP, in-process)", chat))
    print(f"chat p95 / embedding p95:     {pct(chat, .95) / pct(embed, .95):.2f}  (target <= 1.5)")
    print(f"peak RSS:                     {peak_mb:.0f} MB  (target < 1024)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
