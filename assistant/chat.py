"""A chat turn: route a message between questions and answers and the eligibility intake.

The conversation's state is a plain dict kept in the session store: {"intake": <intake state> | None}.
Every message is read once by ``reading.read`` (intent, language, facts); this module routes on that reading:
a message that asks whether the enterprise qualifies, or describes it, opens the intake with the facts it
states; while the intake is open, an answer (any facts, 上一题, 重新开始) goes to the intake, a question is
answered and the pending question asked again; 算了/退出 leaves it. The intake stays after its verdict, so a
correction gives the verdict again."""
from __future__ import annotations

from dataclasses import dataclass, field

from catalogue import calendar, procedures
from intake import dialogue
from intake.checker import STATUS_TEXT, judge
from intake.citations import cite
from intake.facts import Facts
from intake.questions import fact_in_words, label
from intake.rules import RULES_BY_ID
from knowledge import item_label
from knowledge.model import Citation, article_en
from knowledge.sources import load_regulation
from knowledge.translation import english
from reading import read

from .answering import Answerer
from .compose import Answer
from .scope import content_words, regulation_words


@dataclass
class ChatTurn:
    answer: str
    citations: list[Citation] = field(default_factory=list)
    intake: dict | None = None
    verdict: dict | None = None
    feedback: dict | None = None  # the intake's notice: {text, text_en, citation}
    hint: str | None = None
    conclusion: str | None = None  # "yes" / "no" from the rules on the facts the message states
    recorded: dict = field(default_factory=dict)
    recorded_text: str | None = None
    asked: bool = True  # a question (answered or declined), not an answer to the intake or a move within it
    suggestions: list[dict] = field(default_factory=list)  # buttons for the likely next message: {label, message}
    calendar: bool = False  # the answer is the year at a glance: the widget shows GET /api/calendar as a timeline


LEFT = ("好的，已退出资格自测。需要时说“帮我看看能否申报”即可重新开始。",
        "OK, the eligibility check is closed. Say “Am I eligible?” to start again.")
STILL_CHECKING = ("（资格自测仍在进行：回答下面的问题即可继续。）", "(The eligibility check goes on: answer the question below.)")
STARTED = ("好的，我们来逐项核对申报条件（依据细则第七至九条、第十七、十八条），请回答下面的问题。",
           "Let's check the conditions one by one (articles 7–9, 17 and 18). Please answer the question below.")


def _verdict_text(verdict: dict, lang: int) -> str:
    """The verdict in words: failures first with their reason and article, then what is unknown and where to
    find it out, then the first next step."""
    zh = lang == 0
    lines = [STATUS_TEXT[verdict["status"]][lang]]
    def where(f: dict) -> str:
        c = f["citation"]
        return c["label"] + (c.get("item") or "") if zh else article_en(c["article_no"], c.get("item"))

    failed = [f for f in verdict["findings"] if f["outcome"] == "fail"]
    unknown = [f for f in verdict["findings"] if f["outcome"] == "unknown"]
    for f in failed:
        lines.append(f"✗ {f['reason' if zh else 'reason_en']}（{where(f)}）" if zh else
                     f"✗ {f['reason_en']} ({where(f)})")
    for f in unknown:
        lines.append(f"？{f['reason']}" if zh else f"? {f['reason_en']}")
    if verdict["next_steps"]:
        step = verdict["next_steps"][0]
        lines.append(("下一步：" + step["text"]) if zh else ("Next: " + step["text_en"]))
    return "\n".join(lines)

def _intake_reply(turn, answer_prefix: str, lang: int) -> tuple[str, dict | None, dict | None, str | None, str | None]:
    """The texts and payloads of an intake step: (answer, question, verdict, feedback, hint)."""
    reply = turn.reply()
    feedback = reply["feedback"]
    notice = feedback["text" if lang == 0 else "text_en"] if feedback else None
    parts = [p for p in (answer_prefix, notice) if p]
    if reply["verdict"]:
        parts.append(_verdict_text(reply["verdict"], lang))
    elif reply["question"]:
        q = reply["question"]
        if reply["hint"] and not reply["understood"]:
            parts.append(reply["hint"])
        parts.append(q["text"])
        if q["kind"] == "checklist":
            parts.append("\n".join(f"{i}. {c['label']}" for i, c in enumerate(q["choices"], 1)))
        if q["kind"] == "confirm":
            parts.append("\n".join(f"{i}. {c['label']}{'：' if lang == 0 else ': '}"
                                   f"{fact_in_words(c['field'], c['value'], 'zh' if lang == 0 else 'en')}"
                                   for i, c in enumerate(q["choices"], 1)))
    return "\n".join(parts), reply["question"], reply["verdict"], feedback, reply["hint"]


def _qa(answerer: Answerer, reading, last: dict | None = None) -> Answer:
    """The answer to a question; a follow-up is retrieved with the question it continues, keeps to that
    question's articles, and 第二项 is looked up in the list the previous answer quoted."""
    if not last:
        return answerer.answer(reading)
    if not reading.follows_up:
        alone = answerer.answer(reading)
        if not (alone.declined and alone.kind == "declined") or _own_subject_elsewhere(reading):
            return alone
        # declined alone but asked right after a question it may lean on (谁来审？): read with that question
        leaning = answerer.answer(reading, topic=f"{last['q']} {reading.normalised}", prior=last.get("articles") or [])
        return alone if leaning.declined else leaning
    topic = f"{last['q']} {reading.normalised}"
    if reading.item and last.get("list"):
        article = load_regulation().article(last["list"])
        label = item_label(reading.item)
        item = next((i for i in article.items if i.label == label), None) if article else None
        if item is not None:
            topic = f"{article.label}{item.text}"
    return answerer.answer(reading, topic=topic, prior=last.get("articles") or [])


def _own_subject_elsewhere(reading) -> bool:
    """碳排放配额怎么分配？ right after an answered question names its own subject, which the regulation does not
    have (two words or more it never uses): it does not lean on the question before it, whatever its nearness."""
    vocabulary = regulation_words()
    return sum(w not in vocabulary for w in content_words(reading.query or reading.normalised)) >= 2


def _remember(context: dict, reading, citations: list[Citation]) -> dict:
    """What a follow-up leans on: the question (as retrieved) and the articles it was answered from."""
    if not citations:
        return context
    last = context.get("last") or {}
    q = f"{last.get('q', '')} {reading.normalised}" if reading.follows_up and last else reading.normalised
    regulation = load_regulation()
    listed = next((c.article_no for c in citations
                   if regulation.article(c.article_no) and regulation.article(c.article_no).items), None)
    return {**context, "last": {"q": q[-200:], "articles": [c.article_no for c in citations][:3], "list": listed}}


CONDITIONS_ARTICLE = {"factory": 7, "park": 8, "supply_chain": 9}
EXCLUSIONS_ARTICLE = 18


def conditions_citations(applicant_type: str | None) -> list[Citation]:
    """What "can we apply" rests on: the conditions for the applicant type (the lead-in of each of the three
    while the type is unknown) and the exclusions' lead-in, each quoted from its article."""
    if applicant_type:
        conditions = [cite(CONDITIONS_ARTICLE[applicant_type])]
    else:
        conditions = [cite(no, containing="应当符合下列条件") for no in CONDITIONS_ARTICLE.values()]
    return conditions + [cite(EXCLUSIONS_ARTICLE, containing="不得申请")]


# Words that name what applies (the three kinds), not another subject: 绿色工厂申报条件 is about these rules' conditions
TYPE_NAMES = frozenset("绿色工厂 工厂 绿色工业园区 工业园区 园区 绿色园区 绿色供应链 供应链 绿色供应链管理企业 管理企业 绿色 "
                       "培育对象 省级 市级 国家级 绿色制造 名单 资格".split())

CHECK_OFFER = ({"label": "帮我看看能否申报", "message": "帮我看看我们能不能申报"},
               {"label": "Check whether we qualify", "message": "Can we apply? Please check with me."})


def conditions_turn(applicant_type: str | None, lang: int) -> ChatTurn:
    """申报条件是什么？: the conditions of the type asked (of all three, briefly, when none is named) and the
    exclusions of 第十八条, each from its article, with the check offered, not started in their place."""
    kinds = [applicant_type] if applicant_type else list(CONDITIONS_ARTICLE)
    code = "zh" if lang == 0 else "en"
    lines, cites = [], []
    for kind in kinds:
        no = CONDITIONS_ARTICLE[kind]
        items = [p for p in procedures() if p.article == no and p.asks == "conditions"]
        lines.append(f"• {fact_in_words('applicant_type', kind, code)}：" if lang == 0 else
                     f"• {fact_in_words('applicant_type', kind, code)}: ")
        lines[-1] += ("" if lang == 0 else " ").join(p.answer[code] for p in items)
        cites.append(cite(no))
    cites.append(cite(EXCLUSIONS_ARTICLE, containing="不得申请"))
    head = ("申报条件按培育对象分三类（第七、八、九条），此外近三年有第十八条所列情形的不得申请：" if lang == 0 and len(kinds) > 1
            else f"{cites[0].label}规定的条件如下，此外近三年有第十八条所列情形的不得申请：" if lang == 0
            else "The conditions depend on what applies (articles 7, 8 and 9); in addition, any circumstance of "
                 "article 18 in the last three years bars the application:" if len(kinds) > 1
            else f"The conditions of article {cites[0].article_no}; in addition, any circumstance of article 18 in the "
                 f"last three years bars the application:")
    offer = ("需要的话，我可以逐项帮您核对能否申报。" if lang == 0 else "If you like, I can check with you, one condition at a time, "
             "whether your enterprise qualifies.")
    return ChatTurn(answer="\n".join([head, *lines, offer]), citations=cites, suggestions=[CHECK_OFFER[lang]])


def calendar_turn(lang: int) -> ChatTurn:
    """申报流程是怎样的？一年里要做哪些事？: every date the regulation sets, who does what by then, in calendar
    order, each quoted from its article (the widget shows them as a timeline)."""
    code = "zh" if lang == 0 else "en"
    entries = calendar()
    head = ("细则规定的每年关键时间节点如下（按日期先后）：" if lang == 0 else
            "The dates the rules set each year, in calendar order:")
    lines = [f"• {p.when[0]}月{p.when[1]}日前：{p.answer.zh}" if lang == 0 else
             f"• By {p.when[1]} {MONTHS_EN[p.when[0] - 1]}: {p.answer.en}" for p in entries]
    cites = [cite(p.article, p.item) if p.item else cite(p.article) for p in entries]
    cites = [c.model_copy(update={"quote": p.quote}) for c, p in zip(cites, entries)]
    tail = ("评价报告的提交、审核和推荐按第十一至十六条办理；需要的话可以问我其中任何一步。" if lang == 0 else
            "Evaluation reports are submitted, reviewed and recommended under articles 11–16; ask me about any step.")
    return ChatTurn(answer="\n".join([head, *lines, tail]), citations=_merge([], cites), calendar=True)


MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


CHITCHAT = ("您好！我可以解答《广东省绿色工厂梯度培育管理实施细则》的问题（申报条件、程序、动态管理、支持政策等），"
            "也可以帮您初步判断能否申报，比如问我“我们能申报绿色工厂吗？”。",
            "Hello! I answer questions about the Guangdong green factory cultivation rules and can check whether "
            "your enterprise may apply: try “Can we apply as a green factory?”.")


def run_turn(answerer: Answerer, state: dict, message: str) -> tuple[dict, ChatTurn]:
    """One message of a conversation: returns the conversation's new state and the reply. The message is read
    once (``reading.read``); this function only routes. Pure apart from the answerer's retrieval, so a store may
    run it again when a concurrent write wins."""
    new_state, turn = _route(answerer, state, message)
    turn.citations = [_rendered(c) for c in turn.citations]
    return new_state, turn


def _rendered(c: Citation) -> Citation:
    """Every quote of the regulation carries its English rendering (the widget marks it unofficial)."""
    if c.quote and c.quote_en is None:
        return c.model_copy(update={"quote_en": english(c.article_no, c.quote)})
    return c


def _route(answerer: Answerer, state: dict, message: str) -> tuple[dict, ChatTurn]:
    intake_state = state.get("intake")
    in_check = intake_state is not None
    last = state.get("last") or {}
    pending, allowed, confirming = dialogue.expecting(intake_state) if in_check else ((), None, False)
    reading = read(message, in_check=in_check, previous=last.get("q"), pending=pending, allowed=allowed,
                   confirming=confirming)
    lang = 1 if reading.language == "en" else 0
    context = dict(state)

    if in_check and reading.intent == "leave":
        return {**context, "intake": None}, ChatTurn(answer=LEFT[lang], asked=False)
    if reading.intent == "chitchat":  # 你好, 谢谢: not a question; 今天天气怎么样 is one, and declined
        return context, ChatTurn(answer=CHITCHAT[lang], asked=reading.asks)

    if not in_check and reading.task:  # 帮我写一份申报材料，我们是做五金的: a task, not the check
        return context, ChatTurn(answer=answerer.decline(reading.normalised).text)
    if not in_check and reading.intent == "question" and reading.timeline and not reading.whether:
        return context, calendar_turn(lang)
    if (not in_check and reading.intent == "question" and reading.conditions and not reading.facts.values.keys() - {
            "applicant_type"} and not set(content_words(reading.normalised)) - TYPE_NAMES):
        return context, conditions_turn(reading.facts.values.get("applicant_type"), lang)
    if not in_check and reading.intent in ("check", "restart"):
        return _start_check(answerer, context, reading, lang)
    if not in_check:
        qa = _qa(answerer, reading, last)
        context = _remember(context, reading, qa.citations)
        # a question the regulation does not cover gets no conclusion either, whatever facts it states; nor does
        # one answered from articles other than those the rules rest on (what to report after a merger is not
        # whether the merged enterprise may apply)
        conclusion, lead, cites = judge_situation(reading) if qa.citations else (None, "", [])
        if conclusion is not None and not _rests_on_asked(cites, qa, answerer, reading):
            conclusion = None
        if conclusion is not None:
            return context, ChatTurn(answer=_joined(lead, cites, qa), citations=_merge(cites, qa.citations),
                                     conclusion=conclusion, suggestions=[CHECK_OFFER[lang]])
        return context, ChatTurn(answer=qa.text, citations=qa.citations, suggestions=qa.suggestions)

    # The intake is open: an answer (facts, moves), or a question in between
    if reading.intent in ("answer", "back", "restart", "confirm"):
        turn = dialogue.answer_reading(intake_state, reading)
        if turn.understood or reading.intent != "answer":
            return _intake_turn(answerer, context, turn, reading, lang)
    if reading.intent == "result":
        turn = dialogue.current(intake_state)
        verdict = dialogue.assess(intake_state)
        text, question, _, _, _ = _intake_reply(turn, _verdict_text(verdict.model_dump(), lang) + "\n" +
                                                ("还需要回答以下问题才能给出完整结论：" if lang == 0 else
                                                 "To complete the check, please answer:"), lang)
        return context, ChatTurn(text, [], question, None, asked=False)
    # an answer to the check that was not understood (嗯这个嘛) leans on no earlier question
    qa = _qa(answerer, reading, last if reading.intent == "question" else None)
    context = _remember(context, reading, qa.citations)
    pending = dialogue.current(intake_state)
    if qa.citations:
        # the pending question travels as the reply's intake (the widget shows it below); its text is not
        # repeated inside the answer
        return context, ChatTurn(qa.text + "\n\n" + STILL_CHECKING[lang], qa.citations, pending.reply()["question"])
    hint = dialogue.answer_reading(intake_state, reading).hint if reading.intent == "answer" else None
    text, question, _, _, _ = _intake_reply(pending, hint or qa.text, lang)
    return context, ChatTurn(text, [], question, hint=hint, asked=hint is None)  # an answer not read is no question


def _start_check(answerer: Answerer, context: dict, reading, lang: int) -> tuple[dict, ChatTurn]:
    """我们能申报吗 / 我们是茂名的石化企业，注册和生产都在茂名: the check starts with every stated fact recorded;
    what the message asks beyond "can we" is answered too, and a stated fact that fails a rule is said at once."""
    intake_state = dialogue.start(lang="en" if lang == 1 else "zh")
    turn = dialogue.current(intake_state)
    if reading.facts.values:
        turn = dialogue.record_facts(intake_state, dict(reading.facts.values), reading.facts.sure)
    kind = dialogue.applicant_type(turn.state)
    conclusion, lead, cites = judge_situation(reading)
    qa = _qa(answerer, reading)
    # what the message asks besides "can we" (有啥要求, 按啥标准写) is answered before the check's first question
    asked = qa.citations if qa.direct or reading.asks else []
    citations = _merge(cites, asked)
    citations += [c for c in conditions_citations(kind) if c.article_no not in {a.article_no for a in citations}]
    parts = [_joined(lead, cites, qa if asked else None)] if lead or asked else []
    parts.append(STARTED[lang])
    text, question, verdict, feedback, hint = _intake_reply(turn, "\n\n".join(parts), lang)
    recorded = turn.recorded
    context = _remember(context, reading, asked)  # 这个要参照哪里的记录？ leans on what the opening asked
    return ({**context, "intake": turn.state},
            ChatTurn(text, citations, question, verdict, feedback, hint, conclusion, recorded, recorded_words(recorded)))


def _intake_turn(answerer: Answerer, context: dict, turn, reading, lang: int) -> tuple[dict, ChatTurn]:
    prefix = recorded_words(turn.recorded, lang) or ""
    conclusion, lead, cites = judge_situation(reading) if reading.asks else (None, "", [])
    if lead:
        prefix = lead + ("\n" + prefix if prefix else "")
    text, question, verdict, feedback, hint = _intake_reply(turn, prefix, lang)
    return ({**context, "intake": turn.state},
            ChatTurn(text, cites, question, verdict, feedback, hint, conclusion, turn.recorded,
                     recorded_words(turn.recorded, lang), asked=bool(reading.asks)))


def _rests_on_asked(cites: list[Citation], qa: Answer, answerer: Answerer, reading) -> bool:
    """The rules' articles are among those the answer cites, or else among the question's three best (searched
    again only then)."""
    rules = {c.article_no for c in cites}
    return bool(rules & {c.article_no for c in qa.citations}) or bool(
        rules & {h.article_no for h in answerer.ranked(reading, 3)})


def _joined(lead: str, cites: list[Citation], qa: Answer | None) -> str:
    """A conclusion's lead, then the answer to the question unless it only quotes what the lead already did."""
    if qa is None or not qa.citations:
        return lead
    if lead and {(c.article_no, c.item) for c in qa.citations} <= {(c.article_no, c.item) for c in cites}:
        return lead
    return f"{lead}\n\n{qa.text}" if lead else qa.text


def _merge(first: list[Citation], then: list[Citation]) -> list[Citation]:
    seen = {(c.article_no, c.item) for c in first}
    return list(first) + [c for c in then if (c.article_no, c.item) not in seen]


def recorded_words(recorded: dict, lang: int = 0) -> str | None:
    """What an answer recorded, in words and in the person's language (never a fact's name), so a misreading is
    seen and fixed: 已记下：注册地在广东省行政区域内：是；…"""
    if not recorded:
        return None
    code = "zh" if lang == 0 else "en"
    parts = [f"{label(f, code)}{'：' if lang == 0 else ': '}{fact_in_words(f, v, code)}" for f, v in recorded.items()]
    return ("已记下：" if lang == 0 else "Noted: ") + ("；".join(parts) if lang == 0 else "; ".join(parts))


PLACE_FACTS = ("registered_in_guangdong", "operates_in_guangdong")


def judge_situation(reading) -> tuple[str | None, str, list[Citation]]:
    """The conclusion the rules give on the facts a question states (停产了十个月还能报吗 → yes, 第十八条（一）).
    "no" where a stated fact fails a rule, "yes" where every stated fact passes (the other conditions still
    apply), None where the message states no fact a rule reads. The checker's own rules and citations."""
    if not reading.asks or not reading.whether:
        return None, "", []  # a question what, which or when (上海市的申报条件有哪些？) concludes nothing
    values = {k: v for k, v in reading.facts.values.items() if v is not None}
    if not reading.own:
        # a place named with no word of the asker's own, nor said to be where it is, is what is asked about
        values = {k: v for k, v in values.items() if k not in PLACE_FACTS}
    kind = values.get("applicant_type")
    # a fact of another applicant type (a park's share stated by a factory) is not judged for this one
    judged = {k: v for k, v in values.items() if k in RULES_BY_ID and (kind is None or kind in RULES_BY_ID[k].refs)}
    if not judged:
        return None, "", []
    try:
        facts = Facts.model_validate(values)
    except Exception:  # a value out of range: no conclusion rather than an error
        return None, "", []
    english = reading.language == "en"
    findings = [judge(RULES_BY_ID[k], facts) for k in judged]
    failed = [f for f in findings if f.outcome == "fail"]
    listed = values.get("already_national_listed") is True
    cites = [f.citation for f in (failed or findings)]
    if listed:
        # 第十七条: the national list counts as the provincial one. "Must we apply too?" — no; "are we on it
        # already?" — yes
        f = next(f for f in findings if f.rule == "already_national_listed")
        if reading.obligation:
            text = (f"No separate application is needed: {f.reason_en}" if english else f"不需要另外申请。{f.reason}")
            return "no", text, [f.citation]
        text = (f"Yes: {f.reason_en}" if english else f"是的。{f.reason}")
        return "yes", text, [f.citation]
    if failed:
        reasons = ("；".join(f.reason for f in failed) if not english else " ".join(f.reason_en for f in failed))
        where = "、".join(dict.fromkeys(f.citation.where(english) for f in failed))
        text = (f"No. By what you describe, {where} is not met: {reasons}" if english else
                f"不能。按您所说的情况，不符合{where}：{reasons}")
        return "no", text + _quoted(failed, english), cites
    where = (", " if english else "、").join(dict.fromkeys(f.citation.where(english) for f in findings))
    text = (f"Yes, as far as this goes: what you describe does not bar the application under {where}. The other "
            f"conditions (articles 7–9, 17 and 18) still apply; I can check them with you one by one."
            if english else
            f"就您说的这一情况而言，可以：它不构成{where}规定的不得申请情形。但仍需满足其他条件（第七至九条、第十八条等），"
            f"可以帮您逐项核对。")
    return "yes", text + _quoted(findings, english), cites


def _quoted(findings, english: bool) -> str:
    """The rules a conclusion rests on, in their own words; an item of 第十八条 with what makes it one:
    近三年…不得申请."""
    lines = []
    if any(f.citation.article_no == EXCLUSIONS_ARTICLE and f.citation.item for f in findings):
        lead = cite(EXCLUSIONS_ARTICLE, containing="不得申请").quote
        lines.append(f"Article 18 applies to the last three years: 「{lead}」" if english else f"第十八条：「{lead}」")
    cited = {(f.citation.article_no, f.citation.item): f.citation for f in findings if f.citation.quote}
    for c in cited.values():
        lines.append(f"{c.where(True)}: 「{c.quote}」" if english else f"{c.article_and_item}：「{c.quote}」")
    return "".join("\n" + line for line in lines)

