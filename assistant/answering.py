"""Answers a question from the index: scope check, retrieval, extractive composition, optional LLM rewrite."""
from __future__ import annotations

import re

from langchain_core.language_models import BaseChatModel

from knowledge.index import HybridIndex
from knowledge.parse import defined_terms
from reading.text import is_english

from .compose import Answer, clarify, compose, decline, elsewhere_answer, no_such_article, no_such_item
from .llm import llm_answer
from .procedures import ProcedureMatcher
from .scope import Scope

SEARCH_K = 5
# A follow-up is retrieved both alone and with the question it continues. Its own share of the ranking: more
# when it names a subject of its own (那每年的动态管理表还要填吗？), less when it has none (那园区呢？ 不交会怎样？)
# (fitted on the tune half's follow-ups)
OWN_SUBJECT_SHARE = 0.5
BARE_SHARE = 0.3
SUPPORT_ARTICLE = 24  # 第二十四条 states the support listed units get (and no amounts)


def _favour(hits, prior: list[int]):
    """A follow-up keeps to the articles its question was answered from, unless retrieval clearly prefers another."""
    top = hits[0].score if hits else 0.0
    return sorted(hits, key=lambda h: -(h.score + (0.1 * top if h.doc_index == 0 and h.article_no in prior else 0)))


class Answerer:
    def __init__(self, index: HybridIndex, chat_model: BaseChatModel | None = None, cache_dir=None,
                 contact: str | None = None):
        self.index = index
        self.contact = contact  # where a declined question is sent (ASSISTANT_CONTACT)
        self.chat_model = chat_model
        regulation = index.documents[0]
        self.regulation = regulation
        self.definitions = {term: regulation.article(no) for term, no in defined_terms(regulation).items()}
        self.scope = Scope(index.embeddings, index.vectors, cache_dir=cache_dir)
        self.procedures = ProcedureMatcher.build(index.embeddings)

    def answer(self, reading, *, topic: str | None = None, prior: list[int] | None = None) -> Answer:
        """The answer to a message already read (``reading.Reading``; a plain string is read here). ``topic`` is
        the text to retrieve with when the message continues an earlier question (那园区呢？), ``prior`` the
        articles that question was answered from."""
        from reading import read

        if isinstance(reading, str):
            reading = read(reading)
        # the bounded question sentences (reading.text.query_text): a long message costs about a short one
        question = reading.query or reading.normalised
        missing = self._missing_articles(question)
        if missing:
            return no_such_article(question, missing, len(self.regulation.articles))
        if (lacking := self._missing_item(question)) is not None:
            return no_such_item(question, *lacking)
        if reading.task:  # 帮我起草一份…, 假装你是…: not a question the rules answer
            return self.decline(question)
        if reading.elsewhere:  # 浙江省绿色工厂怎么申报: another province's own policy
            return elsewhere_answer(question, reading.elsewhere)
        from reading.text import MAX_EMBEDDED_CHARS, query_text

        query = topic or question
        # the embedder sees a tighter bound than the lexical side (its cost grows with the text)
        dense = query_text(topic, MAX_EMBEDDED_CHARS) if topic else (reading.embedded or query)
        city = city_policy(reading.normalised)
        if city is not None and GREEN_WORDS.search(reading.normalised):
            return self._city_answer(question, city)  # 佛山市绿色工厂补贴标准: the city's own (第二十五条)
        vector = self.index.query_vector(dense)
        if not topic and _short(question) and (readings := self._readings(
                question, self.index.search(query, 3, dense_query=dense), vector)) is not None:
            return clarify(question, readings)  # 期限？ 审核: too short to tell which article it asks about
        scope = self.scope.judge(query, vector)
        # "how much money" with the regulation's words is answered: the answer is that it sets no amount
        if not scope.covered and not (reading.kind == "amount" and scope.domain_words) \
                and not self._passage_answers(question, query, dense, scope):
            return self.decline(question)
        if city is not None:
            return self._city_answer(question, city)
        if reading.kind == "amount":
            hits = self.index.search_with(query, SEARCH_K, must=(0, SUPPORT_ARTICLE), dense_query=dense)
        elif topic:
            from .scope import domain_words, strong

            own = OWN_SUBJECT_SHARE if strong(domain_words(question)) else BARE_SHARE
            hits = self.index.search_blend([(question, reading.embedded or question, own), (topic, dense, 1 - own)],
                                           SEARCH_K)
        else:
            hits = self.index.search(query, SEARCH_K, dense_query=dense)
        if prior:
            hits = _favour(hits, prior)
        articles = {(h.doc_index, h.article_no): self.index.article(h.doc_index, h.article_no) for h in hits}
        # the item asked, where the question asks what (not whether, how much, or a named article in full)
        asked = (self.procedures.best(hits[0].article_no, vector, reading.kind)
                 if hits and hits[0].doc_index == 0 and not hits[0].named and not topic
                 and reading.kind not in ("amount", "yesno", "where", "list") else None)
        extractive = compose(question, hits, articles, kind=reading.kind, amount_article=(0, SUPPORT_ARTICLE),
                             definitions=self.definitions, procedure=asked)
        if extractive.declined and extractive.kind == "declined":
            return self.decline(question)
        if self.chat_model is None or extractive.declined:
            return extractive
        return llm_answer(self.chat_model, question, [articles[(h.doc_index, h.article_no)] for h in hits[:SEARCH_K]],
                          extractive)

    def _readings(self, question: str, hits, vector) -> list[tuple[str, str]] | None:
        """A question of a few characters (有效期？ 期限) whose best two or three articles are about equally likely:
        the procedure each would answer, as readings to choose from; None when the question is clear enough."""
        if not _short(question) or len(hits) < 2 or hits[0].named or hits[0].doc_index:
            return None
        close = [h for h in hits[:3] if h.doc_index == 0 and h.score >= UNSURE_RATIO * hits[0].score]
        if len(close) < 2:
            return None
        english = is_english(question)
        out = []
        for h in close:
            p = self.procedures.nearest(h.article_no, vector)
            if p is None:
                return None
            asked = next((q for q in p.questions if is_english(q) == english), p.questions[0])
            out.append((asked.rstrip("？?"), asked))
        return out

    def decline(self, question: str) -> Answer:
        return decline(question, self.contact)

    def ranked(self, reading, k: int):
        """The articles that answer a message already read, best first, as the answer itself would rank them: a
        Guangdong city's own policy puts 第二十五条 first (the city's support is the city's)."""
        query = reading.query or reading.normalised
        if city_policy(reading.normalised) is None:
            return self.index.search(query, k, dense_query=reading.embedded or None)
        hits = self.index.search_with(query, max(k, SEARCH_K), must=(0, CITY_ARTICLE),
                                      dense_query=reading.embedded or None)
        return sorted(hits, key=lambda h: (h.doc_index, h.article_no) != (0, CITY_ARTICLE))[:k]

    def _passage_answers(self, question: str, query: str, dense: str, scope) -> bool:
        """Declined by nearness, but the best passage holds every word the question asks about: answered."""
        from .scope import RESCUE_MARGIN, passage_covers, strong

        if not strong(scope.domain_words) or scope.nearest_uncovered - scope.nearest_covered > RESCUE_MARGIN:
            return False
        hits = self.index.search(query, 1, dense_query=dense)  # the query's vector is cached: no second embedding
        article = self.index.article(hits[0].doc_index, hits[0].article_no) if hits else None
        return article is not None and passage_covers(question, article.text)

    def _missing_articles(self, question: str) -> list[int]:
        from knowledge.ranking import mentioned_articles

        return [n for n in mentioned_articles(question) if self.regulation.article(n) is None]

    def _missing_item(self, question: str):
        """第二十条第（三）项 where 第二十条 has two items: (the article, the item asked) or None."""
        from knowledge.ranking import mentioned_items

        for no, item in mentioned_items(question):
            article = self.regulation.article(no)
            if article is not None and item > len(article.items):
                return article, item
        return None

    def _city_answer(self, question: str, city: str) -> Answer:
        """A city's own policy is the city's: 第二十五条 lets cities set their own support; the province's
        support is not presented as the city's."""
        from knowledge.translation import english

        from .compose import city_answer

        article = self.regulation.article(CITY_ARTICLE)
        return city_answer(question, city, article, english(CITY_ARTICLE, article.text))


CITY_ARTICLE = 25  # 第二十五条: cities introduce their own supporting policies
SHORT_QUESTION = 6  # characters: a question this short may be too short to tell which article it asks about
UNSURE_RATIO = 0.9  # for such a question, articles scoring this close to the best are about equally likely
GREEN_WORDS = re.compile(r"绿色(?:工厂|制造|园区|工业园区|供应链)|green (?:factor|manufactur|park|supply)", re.I)


def _short(question: str) -> bool:
    return len("".join(question.split())) <= SHORT_QUESTION


def city_policy(question: str) -> str | None:
    """The Guangdong city whose own policy a question asks about (深圳市对绿色工厂有什么奖励), or None."""
    import re

    from reading.places import places

    if not re.search(r"奖励|补贴|资金|政策|扶持|支持|资助|优惠|截止|申报时间|什么时候|通知|细则|办法|市级|区级|条件|"
                     r"reward|subsid|polic|support|deadline|grant|incentive", question, re.I):
        return None
    if re.search(r"我们|我司|本公司|我厂|our\b|\bwe\b", question, re.I):
        return None  # 我们在东莞…: where the speaker is, not a city's policy
    found = [p for p in places(question) if p.in_guangdong and p.name not in ("广东", "广东省", "guangdong", "canton")]
    return found[0].name if found else None
