"""The hybrid index: BM25 over jieba tokens and dense vectors from the configured embedder (kept in Chroma),
fused per unit and ranked per article."""
from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from functools import cached_property
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings
from rank_bm25 import BM25Okapi

from .examples import ExampleEvidence, load_examples
from .model import Article, Document
from .ranking import ArticleHit, fuse, mentioned_articles, minmax, prior, rank_articles
from .segment import english_tokens, expand, mostly_latin, tokens
from .sources import documents_fingerprint
from .units import Unit, document_units
from .vectorstore import UnitVectors, chroma_client, index_fingerprint, release

log = logging.getLogger("assistant.index")


class QueryVectorCache:
    """Repeated questions skip the embedder. Bounded; thread-safe."""

    def __init__(self, size: int = 1024):
        self._data: OrderedDict[str, np.ndarray] = OrderedDict()
        self._size, self._lock = size, threading.Lock()

    def get(self, key: str) -> np.ndarray | None:
        with self._lock:
            v = self._data.get(key)
            if v is not None:
                self._data.move_to_end(key)
            return v

    def put(self, key: str, value: np.ndarray) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self._size:
                self._data.popitem(last=False)


class HybridIndex:
    def __init__(self, documents: list[Document], embeddings: Embeddings, vectors: np.ndarray,
                 units: list[Unit], built: bool = False, build_seconds: float = 0.0):
        self.documents = documents
        self.embeddings = embeddings
        self.units = units
        self.vectors = vectors
        self.built, self.build_seconds = built, build_seconds
        self.bm25 = BM25Okapi([tokens(u.searchable) for u in units])
        self.query_cache = QueryVectorCache()
        self.examples: ExampleEvidence | None = None  # questions people ask, per article (use_examples)
        self.example_weight = 0.0
        self._regulation_units = np.asarray([u.doc_index == 0 for u in units])
        self._unit_articles = np.asarray([u.article_no for u in units])

    def use_examples(self, examples: ExampleEvidence, weight: float) -> None:
        """Rank with the example questions' evidence too, ``weight`` times its share (fitted on the tune half)."""
        self.examples, self.example_weight = examples, weight

    @classmethod
    def open(cls, documents: list[Document], embeddings: Embeddings, data_dir: Path, model: str,
             chroma_url: str | None = None) -> "HybridIndex":
        """Load the index for these documents and this model, building it first if it is missing or stale."""
        units = document_units(documents)
        fingerprint = index_fingerprint(documents_fingerprint(documents), model)
        t0 = time.perf_counter()
        client = chroma_client(data_dir, chroma_url)
        try:
            vectors, built = UnitVectors(client, fingerprint).load_or_build(units, embeddings, data_dir)
        finally:
            release(client)
        return cls(documents, embeddings, vectors, units, built, time.perf_counter() - t0)

    @classmethod
    def configured(cls, settings) -> "HybridIndex":
        """The index of the documents in the settings' data folder, with the configured model and Chroma
        (``settings`` has ``data_dir``, ``embedding_model`` and ``chroma_url``)."""
        from .embeddings import make_embeddings
        from .sources import load_documents

        Path(settings.data_dir).mkdir(parents=True, exist_ok=True)
        index = cls.open(load_documents(settings.data_dir), make_embeddings(settings.embedding_model),
                         settings.data_dir, settings.embedding_model, settings.chroma_url)
        weight = getattr(settings, "example_weight", 0.0)
        if weight:
            index.use_examples(ExampleEvidence.build(index.embeddings, load_examples()), weight)
        return index

    def article(self, doc_index: int, no: int) -> Article | None:
        return self.documents[doc_index].article(no) if 0 <= doc_index < len(self.documents) else None

    def query_vector(self, query: str) -> np.ndarray:
        v = self.query_cache.get(query)
        if v is None:
            v = np.asarray(self.embeddings.embed_query(query), dtype=np.float32)
            self.query_cache.put(query, v)
        return v

    def unit_scores(self, query: str, dense_query: str | None = None) -> np.ndarray:
        """Fused unit scores. ``dense_query`` is what the embedder sees when it must be shorter than the query
        (its cost grows with the text; the lexical side is cheap at any length)."""
        lexical = np.asarray(self.bm25.get_scores(expand(query)), dtype=np.float32)
        if mostly_latin(query):  # an English question also meets the English rendering, word for word
            rendered = np.asarray(self.english_bm25.get_scores(english_tokens(query)), dtype=np.float32)
            lexical = minmax(lexical) + minmax(rendered)
        vector = self.query_vector(dense_query or query)
        dense = self.vectors @ vector
        scores = fuse(lexical, dense) + prior(query, self.units)
        if self.examples is not None and self.example_weight:
            by_article = self.examples.scores(vector)
            # relative to the article the examples prefer (0 for it, down to -1): the evidence re-ranks the
            # regulation's articles without lifting the regulation above another document
            evidence = np.asarray([by_article.get(int(a), 0.0) - 1.0 for a in self._unit_articles], dtype=np.float32)
            scores = scores + self.example_weight * evidence * self._regulation_units
        return scores

    @cached_property
    def english_bm25(self) -> BM25Okapi:
        """BM25 over the units' English rendering (the regulation's; other documents have none)."""
        from .translation import english

        texts = [english_tokens(english(u.article_no, u.text, u.doc_index) or "") for u in self.units]
        return BM25Okapi([t or ["_"] for t in texts])

    def search(self, query: str, k: int = 5, dense_query: str | None = None) -> list[ArticleHit]:
        return rank_articles(self.units, self.unit_scores(query, dense_query), mentioned_articles(query), k)

    def search_blend(self, parts: list[tuple[str, str, float]], k: int = 5,
                     named_in: str | None = None) -> list[ArticleHit]:
        """Articles ranked by a weighted sum of several queries' fused unit scores: ``parts`` are (query, dense
        query, weight), e.g. a follow-up read alone and read with the question it continues. Articles named in
        ``named_in`` (the first query by default) come first."""
        scores = sum(w * self.unit_scores(q, d) for q, d, w in parts)
        return rank_articles(self.units, scores, mentioned_articles(named_in or parts[0][0]), k)

    def search_with(self, query: str, k: int, must: tuple[int, int],
                    dense_query: str | None = None) -> list[ArticleHit]:
        """The top k, plus the article ``must`` (doc_index, article_no) wherever it ranks."""
        ranked = rank_articles(self.units, self.unit_scores(query, dense_query), mentioned_articles(query),
                               len(self.units))
        top = ranked[:k]
        extra = [h for h in ranked[k:] if (h.doc_index, h.article_no) == must]
        return top + extra
