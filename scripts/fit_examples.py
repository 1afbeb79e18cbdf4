"""Fits the weight of the example questions' evidence in the index on the tune half of the question bank and
prints recall@1 and @3 per weight for both halves (the report half is printed, never fitted on):
python scripts/fit_examples.py"""
import json
from pathlib import Path

from assistant.settings import Settings
from knowledge.examples import ExampleEvidence, load_examples
from knowledge.index import HybridIndex
from reading import read

BANK = Path(__file__).resolve().parent.parent / "tests" / "data" / "banks" / "questions.jsonl"
WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0)


def recall(index: HybridIndex, questions: list[dict]) -> tuple[float, float]:
    r1 = r3 = 0
    for q in questions:
        reading = read(q["q"])
        got = [h.article_no for h in index.search(reading.query or reading.normalised, 3,
                                                  dense_query=reading.embedded or None)]
        r1 += bool(got) and got[0] in q["gold"]
        r3 += any(g in got for g in q["gold"])
    n = max(len(questions), 1)
    return r1 / n, r3 / n


def main() -> None:
    settings = Settings()
    index = HybridIndex.configured(settings)
    examples = ExampleEvidence.build(index.embeddings, load_examples())
    rows = [json.loads(line) for line in BANK.read_text(encoding="utf-8").splitlines() if line.strip()]
    halves = {h: [r for r in rows if r["half"] == h and r["gold"]] for h in ("tune", "report")}
    for w in WEIGHTS:
        index.use_examples(examples, w)
        figures = {h: recall(index, qs) for h, qs in halves.items()}
        print(f"weight {w:4.2f}: " + "  ".join(f"{h} R@1 {r1:.3f} R@3 {r3:.3f}" for h, (r1, r3) in figures.items()))


if __name__ == "__main__":
    main()
