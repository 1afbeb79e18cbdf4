"""Answers a question from the index: scope check, retrieval, extractive composition, optional LLM rewrite."""
from __future__ import annotations

from langchain_core.language_models import BaseChatModel

from knowledge.index import HybridIndex
from knowledge.parse import defined_terms

from .compose import Answer, compose, decline
from .llm import llm_answer
from .questions import question_kind
from .scope import in_scope

SEARCH_K = 5
SUPPORT_ARTICLE = 24  # 第二十四条 states the support listed units get (and no amounts)


class Answerer:
    def __init__(self, index: HybridIndex, chat_model: BaseChatModel | None = None):
        self.index = index
        self.chat_model = chat_model
        regulation = index.documents[0]
        self.definitions = {term: regulation.article(no) for term, no in defined_terms(regulation).items()}

    def answer(self, reading) -> Answer:
        """The answer to a message already read (``reading.Reading``; a plain string is read here)."""
        from reading import read

        if isinstance(reading, str):
            reading = read(reading)
        question = reading.normalised if reading.language == "zh" else reading.text
        if not in_scope(question):
            return decline(question)
        if question_kind(question) == "amount":
            hits = self.index.search_with(question, SEARCH_K, must=(0, SUPPORT_ARTICLE))
        else:
            hits = self.index.search(question, SEARCH_K)
        articles = {(h.doc_index, h.article_no): self.index.article(h.doc_index, h.article_no) for h in hits}
        extractive = compose(question, hits, articles, amount_article=(0, SUPPORT_ARTICLE),
                             definitions=self.definitions)
        if self.chat_model is None or extractive.declined:
            return extractive
        return llm_answer(self.chat_model, question, [articles[(h.doc_index, h.article_no)] for h in hits[:SEARCH_K]],
                          extractive)
