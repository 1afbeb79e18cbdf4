"""Extractive answers: a lead sentence that answers the question (the date for 什么时候, the period for 多久,
yes/no and why for 能不能), then verbatim quotes, each with its citation. Pure: hits and articles in, answer out.
Every quote is a slice of its article's text, so a legal reader can find it word for word."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from catalogue import Procedure
from knowledge.model import Article, Citation
from knowledge.translation import NOTE as TRANSLATION_NOTE
from knowledge.translation import english as english_of
from knowledge.ranking import ASKS_DURATION, ArticleHit
from knowledge.units import Unit, sentences

from reading.kinds import Kind, question_kind
from reading.text import is_english

MAX_CITATIONS = 3
SECOND_ARTICLE_RATIO = 0.85  # a further article is cited when it scores this close to the best
MAX_QUOTE_CHARS = 160
MAX_LIST_CHARS = 420  # a list question quotes its whole article up to this length
# The best article (one without items) is quoted whole up to this length: what was asked is then shown with its
# subject and the sentence beside it that gives its deadline or consequence (on the tune half, a single best
# sentence left out what was asked in one answer in six)
WHOLE_ARTICLE_CHARS = 260
DEPARTMENT = "广东省工业和信息化厅"

DATE = re.compile(r"(?:每年|当年)?\d{1,2}月\d{1,2}日前|\d{4}年\d{1,2}月\d{1,2}日起")
PERIOD = re.compile(r"有效期(?:为)?\s*(?:[一二三四五六七八九十\d]+)\s*(?:年|个月)")
URL = re.compile(r"https?://[^\s，。）)]+")
KIND_SIGNAL: dict[Kind, re.Pattern] = {
    "when": DATE,
    "duration": PERIOD,
    "where": re.compile(r"https?://|管理平台"),
    "definition": re.compile(r"是指"),
    "amount": re.compile(r"专项资金|支持"),
}


@dataclass
class Answer:
    text: str
    citations: list[Citation] = field(default_factory=list)
    kind: str = "general"
    declined: bool = False
    direct: bool = False  # the lead states the answer itself (a date, a period, an address, yes/no), not only "根据…"
    suggestions: list[dict] = field(default_factory=list)  # the readings of a question too short to tell


def clarify(question: str, readings: list[tuple[str, str]]) -> Answer:
    """A question too short to tell between two or three articles: asked back, with a button per reading
    ((label, the question it sends)); nothing is quoted that is not sure."""
    english = is_english(question)
    labels = " / ".join(label for label, _ in readings)
    text = (f"Do you mean: {labels}? Choose one, or ask again in a few more words." if english else
            f"您是想问：{labels}？请选一个，或者把问题说得具体一些。")
    return Answer(text=text, kind="clarify", suggestions=[{"label": label, "message": message}
                                                          for label, message in readings])


def decline(question: str, contact: str | None = None) -> Answer:
    """Not a question the regulation answers: said so, with where to ask (``ASSISTANT_CONTACT``, else the city's
    department of industry and information technology)."""
    if is_english(question):
        where = contact or "the department of industry and information technology of your city"
        text = ("Sorry, this question is outside the Guangdong Green Factory Gradient Cultivation Rules "
                "(《广东省绿色工厂梯度培育管理实施细则》). I can answer questions about the conditions, application "
                "procedure, dynamic management and support for green factories, green industrial parks and green "
                f"supply-chain management enterprises, and check whether your enterprise may apply. For this question "
                f"please ask: {where}.")
    else:
        where = contact or "所在地级以上市工业和信息化主管部门"
        text = ("抱歉，这个问题不在《广东省绿色工厂梯度培育管理实施细则》的范围内，我无法依据细则回答。"
                "我可以解答绿色工厂、绿色工业园区、绿色供应链管理企业的培育条件、申报程序、动态管理和支持政策等问题，"
                f"也可以帮您初步判断能否申报。这个问题请咨询：{where}。")
    return Answer(text=text, kind="declined", declined=True)


def no_such_article(question: str, missing: list[int], count: int) -> Answer:
    """第三十一条 / 第99条: the regulation does not have it; nothing is cited."""
    from knowledge import article_label

    try:
        names = "、".join(article_label(n) for n in missing)
    except ValueError:
        names = "、".join(f"第{n}条" for n in missing)
    if is_english(question):
        text = (f"The rules (《广东省绿色工厂梯度培育管理实施细则》) have {count} articles; there is no article "
                f"{', '.join(str(n) for n in missing)}. Ask about any of articles 1–{count}.")
    else:
        text = f"《广东省绿色工厂梯度培育管理实施细则》共{count}条，没有{names}。可以问我第一条至第{count}条中的任何一条。"
    return Answer(text=text, kind="no_such_article", declined=True)


def no_such_item(question: str, article: Article, item: int) -> Answer:
    """第二十条第（三）项 where 第二十条 has two items: told so; nothing is cited."""
    from knowledge import item_label

    n = len(article.items)
    if is_english(question):
        text = (f"Article {article.no} of the rules (《广东省绿色工厂梯度培育管理实施细则》, {article.label}) has "
                f"{n} item{'s' if n != 1 else ''}" + (f"; there is no item {item}." if n else "; it has no numbered items."))
    else:
        try:
            label = item_label(item)
        except ValueError:
            label = f"（{item}）"
        text = (f"《广东省绿色工厂梯度培育管理实施细则》{article.label}" +
                (f"只有{n}项，没有第{label}项。" if n else "没有分项。") + f"可以问我{article.label}的内容。")
    return Answer(text=text, kind="no_such_article", declined=True)


def elsewhere_answer(question: str, place: str) -> Answer:
    """浙江省绿色工厂怎么申报: the rules are Guangdong's; another province's policy is its own department's."""
    if is_english(question):
        text = (f"The rules (《广东省绿色工厂梯度培育管理实施细则》) apply only in Guangdong Province and say nothing about "
                f"{place.title()}'s own policy. Please ask {place.title()}'s department of industry and information "
                f"technology. I can answer questions about Guangdong's rules.")
    else:
        text = (f"《广东省绿色工厂梯度培育管理实施细则》只适用于广东省，没有规定{place}的政策。{place}的申报条件、程序和支持政策，"
                f"请咨询{place}工业和信息化主管部门。我可以解答广东省细则的问题。")
    return Answer(text=text, kind="declined", declined=True)


def city_answer(question: str, city: str, article: Article, article_en: str | None) -> Answer:
    """A city's own policy: the regulation only says that cities may add their own support (第二十五条)."""
    cite = Citation(doc=article.doc, article_no=article.no, label=article.label, quote=article.text,
                    quote_en=article_en)
    if is_english(question):
        text = (f"The provincial rules do not set {city}'s own policy. {article.label} only encourages localities to "
                f"make their own supporting policies for green manufacturing; ask {city}'s department of industry and information "
                f"technology for its current measures.\n{article.label}: “{article_en or ''}”\n「{_flat(article.text)}」"
                f"\n({TRANSLATION_NOTE})")
    else:
        text = (f"细则没有规定{city}本地的政策。{article.label}只规定鼓励各地制定对绿色制造的扶持和指导政策；{city}的具体奖励、"
                f"补贴和申报安排，请咨询{city}工业和信息化主管部门或查看其发布的通知。\n"
                f"「{_flat(article.text)}」——{article.doc}{article.label}")
    return Answer(text=text, citations=[cite], kind="city", direct=True)


def _quote_units(hit: ArticleHit, article: Article, kind: Kind, whole: bool) -> list[Unit]:
    """The passages of an article to quote: the whole article when the question named it or asks for a list
    (and the article is short enough), otherwise its best unit, preferring one that carries what the kind of
    question asks for (a date, a period, a URL). A lead-in that only announces items brings its items."""
    ranked = [u for u, _ in hit.units]
    article_unit = next(u for u in ranked if u.kind == "article")
    if whole or (kind == "list" and len(article_unit.text) <= MAX_LIST_CHARS):
        return [article_unit]
    signal = KIND_SIGNAL.get(kind)
    if signal is not None:
        for u in ranked:
            if u.kind != "article" and signal.search(u.text):
                return [u]
        for u in ranked:
            if signal.search(u.text):
                return [_shorten(u, signal)]
    best = ranked[0]
    if best.text.endswith("：") and article.items:
        return [article_unit]
    if best.kind == "article" and len(best.text) > MAX_QUOTE_CHARS:
        parts = [u for u in ranked if u.kind != "article"]
        if parts:
            return [parts[0]]
    return [best]


def _shorten(unit: Unit, signal: re.Pattern | None = None) -> Unit:
    """A long article unit cut to the sentence that carries the signal (or its first sentence)."""
    if len(unit.text) <= MAX_QUOTE_CHARS:
        return unit
    parts = sentences(unit.text.replace("\n", ""))
    chosen = next((s for s in parts if signal and signal.search(s)), parts[0] if parts else unit.text)
    return replace(unit, kind="sentence", text=chosen, item=None, context="")


def _citation(article: Article, unit: Unit) -> Citation:
    return Citation(doc=article.doc, article_no=article.no, label=article.label, item=unit.item, quote=unit.text)


def _flat(text: str) -> str:
    return text.replace("\n", "")


def _verbatim(article: Article, sentence: str) -> str:
    """The sentence as the article has it (the procedures' data may differ in its spaces)."""
    flat = _flat(article.text)
    if sentence in flat:
        return sentence
    squashed = "".join(sentence.split())
    # walk the article, skipping its whitespace, to find where the sentence starts and ends
    chars = [(i, ch) for i, ch in enumerate(flat) if not ch.isspace()]
    text = "".join(ch for _, ch in chars)
    at = text.find(squashed)
    if at < 0:
        return sentence
    return flat[chars[at][0]:chars[at + len(squashed) - 1][0] + 1]


def _plain_lead(where: str, english: bool) -> str:
    """The lead when the quotes answer by themselves (no date, period, address or yes/no to pull out)."""
    return f"According to {where}:" if english else f"根据{where}的规定："


SPECIFIC_ARTICLES = 3  # a word of the regulation found in at most this many articles names a subject


@lru_cache(maxsize=1)
def _article_frequency() -> dict[str, int]:
    """In how many of the regulation's articles each of its words occurs."""
    from collections import Counter

    from knowledge import load_regulation
    from knowledge.segment import tokens

    return Counter(w for a in load_regulation().articles for w in set(tokens(a.text)))


def _subject_words(question: str) -> set[str]:
    """What a question asks about, in the regulation's words: those of its own words that few articles use
    (动态管理表, 移出, 现场指导; not 名单, 绿色, 省级). Not expanded by synonyms: 多久 would bring 有效期."""
    from knowledge.segment import tokens

    freq = _article_frequency()
    return {w for w in tokens(question) if 0 < freq.get(w, 0) <= SPECIFIC_ARTICLES and len(w) > 1 and not w.isascii()}


def about_subject(question: str, quote: str, found: re.Match) -> bool:
    """The sentence that states a date, period or address speaks of what the question asks about (or the
    question names nothing specific): only then is that date, period or address the answer's lead."""
    from knowledge.segment import tokens

    subject = {w for w in _subject_words(question) if w not in found.group(0)}  # 有效期, 每年: the asking itself
    if not subject:
        return True
    sentence = next((s for s in sentences(quote) if found.group(0) in s), quote)
    return bool(subject & set(tokens(sentence)))


def _lead(question: str, kind: Kind, cites: list[Citation], english: bool) -> str:
    first = cites[0]
    quote = _flat(first.quote or "")
    where = first.where(english)
    # (the one address, the platform, is where everything is done (第六条): an address lead needs no such check)
    stated = {"when": DATE, "duration": PERIOD}.get(kind)
    if stated is not None and (m := stated.search(quote)) and not about_subject(question, quote, m):
        return _plain_lead(where, english)  # the date is there, but of something else: quote without a lead
    if kind == "when" and (m := DATE.search(quote)):
        period = PERIOD.search(quote) if ASKS_DURATION.search(question) else None
        tail = f"，{period.group(0)}" if period else ""
        return (f"The date is {m.group(0)}{tail} ({where})." if english
                else f"时间是{m.group(0)}{tail}（{where}）。")
    if kind == "duration" and (m := PERIOD.search(quote)):
        return f"{m.group(0)} ({where})." if english else f"{m.group(0)}（{where}）。"
    if kind == "where" and (m := URL.search(quote)):
        return (f"Through the management platform {m.group(0)} ({where})." if english
                else f"通过工业节能与绿色发展管理平台（{m.group(0)}）办理（{where}）。")
    if kind == "amount":
        return (f"The rules do not set any amount of money. {where} only says which kinds of support listed units "
                f"receive (e.g. special funds); ask the department or your city's authority for amounts."
                if english else
                f"细则没有规定具体的补贴或资金金额。{where}只规定了对绿色制造名单单位在专项资金申请等方面提供支持，"
                f"具体金额请咨询{DEPARTMENT}或所在地级以上市工业和信息化主管部门。")
    return _plain_lead(where, english)


def _definition_citation(cites: list[Citation], definitions: dict[str, Article], want_url: bool) -> Citation | None:
    """Where a quote uses a short name the regulation defines elsewhere (管理平台), the defining sentence; for a
    "where" question only a definition that gives an address."""
    cited = {c.article_no for c in cites}
    for term, article in definitions.items():
        if article.no not in cited and any(term in (c.quote or "") for c in cites):
            sentence = next((s for s in sentences(_flat(article.text)) if "以下简称" in s and term in s), None)
            if sentence and (URL.search(sentence) or not want_url):
                return Citation(doc=article.doc, article_no=article.no, label=article.label, quote=sentence)
    return None


def compose(question: str, hits: list[ArticleHit], articles: dict[tuple[int, int], Article],
            kind: Kind | None = None, amount_article: tuple[int, int] | None = None,
            definitions: dict[str, Article] | None = None, procedure: Procedure | None = None) -> Answer:
    """The extractive answer from ranked hits. ``articles`` maps (doc_index, article_no) to the article;
    ``definitions`` maps the regulation's defined short names to their defining article; ``procedure`` is the
    item of the best article that the question asks about (who, by when, how long…): the answer leads with it."""
    kind = kind or question_kind(question)  # decided by reading.read; worked out here only for direct callers
    english = is_english(question)
    if not hits:
        return decline(question)
    if kind == "amount" and amount_article and amount_article in articles:
        # the article that states what support there is, even where retrieval ranked it lower
        hits = sorted(hits, key=lambda h: (h.doc_index, h.article_no) != amount_article)
    top = hits[0].score
    chosen = [h for h in hits if h.named] or [hits[0]]
    for h in hits[1:]:
        if len(chosen) >= MAX_CITATIONS:
            break
        if h not in chosen and not any(c.named for c in chosen) and h.score >= SECOND_ARTICLE_RATIO * top:
            chosen.append(h)
    cites: list[Citation] = []
    lead_ins: dict[int, str] = {}  # an item is quoted with the words that make it one (近三年…不得申请)
    doc_of: dict[int, int] = {}
    for i, h in enumerate(chosen[:MAX_CITATIONS]):
        article = articles[(h.doc_index, h.article_no)]
        # (an article of items quotes the item asked with the words that introduce the list instead)
        whole = h.named or (i == 0 and not article.items and len(_flat(article.text)) <= WHOLE_ARTICLE_CHARS)
        for unit in _quote_units(h, article, kind, whole=whole):
            cites.append(_citation(article, unit))
            doc_of[id(cites[-1])] = h.doc_index
            # the paragraph that introduces the list, whether it ends in "：" (第十八条) or states the deadline or
            # consequence of every item in a sentence of its own (第二十、二十三条)
            if unit.item and article.items and not article.paragraphs[0].startswith("（"):
                lead_ins[id(cites[-1])] = article.paragraphs[0]
    if kind in ("where", "definition") and definitions:
        defining = _definition_citation(cites, definitions, want_url=kind == "where")
        if defining is not None and kind == "where":
            cites.insert(0, defining)  # the address is what was asked: lead with it
        elif defining is not None:
            cites.append(defining)
    leads_with_procedure = False
    if procedure is not None and (0, procedure.article) in articles:
        # the item asked, first: its own sentence (with the words that introduce its list), then the rest; an
        # article quoted whole already holds it
        article = articles[(0, procedure.article)]
        quoted_whole = next((c for c in cites if doc_of.get(id(c), 0) == 0 and c.article_no == article.no
                             and _flat(c.quote or "") == _flat(article.text)), None)
        if quoted_whole is not None:
            first = quoted_whole
        else:
            first = Citation(doc=article.doc, article_no=article.no, label=article.label, item=procedure.item,
                             quote=_verbatim(article, procedure.quote))
            lead_ins[id(first)] = _verbatim(article, procedure.lead_in) if procedure.lead_in else None
            doc_of[id(first)] = 0
        rest = [c for c in cites if c is not first and (not (c.article_no == first.article_no and _flat(
            first.quote or "") in _flat(c.quote or "")) or doc_of.get(id(c), 0) != 0)]
        cites = [first, *rest][:MAX_CITATIONS]
        leads_with_procedure = True
    lead_of = [lead_ins.get(id(c)) for c in cites]
    cites = [c.model_copy(update={"quote_en": english_of(c.article_no, c.quote or "", doc_of.get(id(c), 0))})
             for c in cites]
    if leads_with_procedure and cites[0].article_no == procedure.article and doc_of.get(id(cites[0]), 0) == 0:
        asked = cites[0].model_copy(update={"item": procedure.item})  # the item asked, though the quote be whole
        lead = (f"{procedure.answer.en} ({asked.where(True)})" if english
                else f"{procedure.answer.zh.rstrip('。')}（{asked.article_and_item}）。")
        direct = True
    else:
        lead = _lead(question, kind, cites, english)
        direct = lead != _plain_lead(cites[0].where(english), english)
    if english:
        body = "\n".join(f"{c.article_and_item}: “{c.quote_en or ''}”\n「{_flat(c.quote or '')}」" for c in cites)
        body += f"\n({TRANSLATION_NOTE})"
    else:
        body = "\n".join(f"「{_flat(lead) + '……' if lead else ''}{_flat(c.quote or '')}」——{c.doc}{c.article_and_item}"
                         for c, lead in zip(cites, lead_of))
    return Answer(text=f"{lead}\n{body}", citations=cites, kind=kind, direct=direct)
