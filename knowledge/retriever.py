"""The index as a langchain retriever: one Document per article, best first, its citation in the metadata."""
from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from .index import HybridIndex


class RegulationRetriever(BaseRetriever):
    """Hybrid (lexical + dense) retrieval over the regulation's articles."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    index: HybridIndex
    k: int = 4

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun,
                                **kwargs) -> list[LCDocument]:
        k = int(kwargs.get("k", self.k))
        out = []
        for hit in self.index.search(query, k):
            article = self.index.article(hit.doc_index, hit.article_no)
            out.append(LCDocument(page_content=article.text, metadata={
                "doc": hit.doc, "article_no": hit.article_no, "label": article.label,
                "chapter": article.chapter, "score": hit.score}))
        return out
