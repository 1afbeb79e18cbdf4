"""Unit vectors kept in a Chroma collection (embedded under the data folder, or a Chroma server by setting).

The collection's name carries a fingerprint of the sources, the units' cut and the embedding model, so a change
to any of them builds a new collection; an unchanged one loads without re-embedding. A build writes a new
collection and marks it complete last: a crash mid-build leaves the previous complete one in place. Builders
on one machine take a file lock, so workers sharing a data folder build once and the rest load."""
from __future__ import annotations

import fcntl
import hashlib
import logging
import os
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from .units import UNITS_VERSION, Unit

log = logging.getLogger("assistant.index")
PREFIX = "units-"


def index_fingerprint(sources_fp: str, model: str) -> str:
    return hashlib.sha256(f"{sources_fp}|{model}|{UNITS_VERSION}".encode()).hexdigest()[:16]


def chroma_client(data_dir: Path, chroma_url: str | None):
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if chroma_url:
        from urllib.parse import urlparse

        u = urlparse(chroma_url)
        return chromadb.HttpClient(host=u.hostname or "127.0.0.1", port=u.port or 8000,
                                   ssl=u.scheme == "https", settings=settings)
    return chromadb.PersistentClient(path=str(Path(data_dir) / "chroma"), settings=settings)


def release(client) -> None:
    """Drop chroma's process-wide cache of embedded clients. The index reads its vectors once at start; a cached
    client would keep serving a folder's old state after the folder is replaced on disk (a restore, a copy)."""
    clear = getattr(client, "clear_system_cache", None)
    if clear is not None:
        clear()


@contextmanager
def build_lock(data_dir: Path):
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    with open(Path(data_dir) / "index.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


class UnitVectors:
    """Loads (or builds, then loads) the vectors of the given units for one fingerprint."""

    def __init__(self, client, fingerprint: str):
        self.client = client
        self.name = PREFIX + fingerprint

    def _complete(self):
        try:
            col = self.client.get_collection(self.name, embedding_function=None)
        except Exception:  # chroma raises different types for "does not exist" across versions
            return None
        return col if (col.metadata or {}).get("complete") else None

    def load(self, units: list[Unit]) -> np.ndarray | None:
        col = self._complete()
        if col is None:
            return None
        got = col.get(ids=[u.id for u in units], include=["embeddings"])
        by_id = dict(zip(got["ids"], got["embeddings"]))
        if len(by_id) != len(units):
            return None
        return np.asarray([by_id[u.id] for u in units], dtype=np.float32)

    def build(self, units: list[Unit], embeddings: Embeddings) -> np.ndarray:
        try:
            self.client.delete_collection(self.name)  # a partial build of this fingerprint
        except Exception:
            pass
        col = self.client.create_collection(self.name, embedding_function=None,
                                            metadata={"complete": False, "hnsw:space": "cosine"})
        from .shipped import embed

        vectors = embed(embeddings, [u.searchable for u in units], "p")  # the regulation's come with the package
        col.add(ids=[u.id for u in units], embeddings=vectors.tolist(), documents=[u.text for u in units],
                metadatas=[{"doc": u.doc, "article_no": u.article_no, "kind": u.kind, "item": u.item or ""}
                           for u in units])
        col.modify(metadata={"complete": True, "units": len(units)})
        self._drop_others()
        return vectors

    def _drop_others(self):
        for c in self.client.list_collections():
            name = getattr(c, "name", c)
            if name.startswith(PREFIX) and name != self.name:
                try:
                    self.client.delete_collection(name)
                except Exception:
                    log.warning("could not drop old collection %s", name)

    def load_or_build(self, units: list[Unit], embeddings: Embeddings, data_dir: Path) -> tuple[np.ndarray, bool]:
        """Returns the vectors and whether they were built now."""
        vectors = self.load(units)
        if vectors is not None:
            return vectors, False
        with build_lock(data_dir):
            vectors = self.load(units)  # another worker may have built it while we waited
            if vectors is not None:
                return vectors, False
            log.info("building index %s (%d units)", self.name, len(units))
            return self.build(units, embeddings), True
