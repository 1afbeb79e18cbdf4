"""A chat turn: route a message between questions and answers and the eligibility intake.

The conversation's state is a plain dict kept in the session store: {"intake": <intake state> | None}.
A message that asks whether the enterprise qualifies opens the intake (picking up the applicant type if the
message says it); while the intake is open, a message that answers the pending question goes to the intake,
anything else is answered as a question and the pending question is asked again; 算了/退出 leaves it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.model import Citation

from .answering import Answerer
from .compose import Answer

WANTS_INTAKE = re.compile(
    r"能不能申报|能否申报|能申报吗|可以申报吗|能不能报|能报吗|可以报吗|符不符合|是否符合|符合.{0,6}条件吗|够不够条件|"
    r"有没有资格|有资格吗|够资格|申报资格|帮我(看看|判断|评估|测一测|测测)|自测|自评|能不能(申请|列入)|可以申请吗|能申请吗|"
    r"想看看能不能|评估一下|am i eligible|are we eligible|do we qualify|can we apply|check (my|our) eligibility|"
    r"eligibility check", re.I)
LEAVES_INTAKE = re.compile(r"^\s*(算了|退出|不测了|不做了|结束|取消|停止|先不了|exit|quit|stop|cancel)\W*$", re.I)
# A message that clearly asks something is a question, even while a question of the intake is pending
ASKS_QUESTION = re.compile(r"[?？]|什么|怎么|如何|哪|为什么|多少|吗$|what|how|where|why|which", re.I)


@dataclass
class ChatTurn:
    answer: str
    citations: list[Citation] = field(default_factory=list)
    intake: dict | None = None
    verdict: dict | None = None
    feedback: dict | None = None  # the intake's notice: {text, text_en, citation}
    hint: str | None = None


def wants_intake(message: str) -> bool:
    return bool(WANTS_INTAKE.search(message))


def leaves_intake(message: str) -> bool:
    return bool(LEAVES_INTAKE.match(message))


STATUS_TEXT = {
    "eligible": ("初步判断：符合申报条件。", "Preliminary result: the conditions are met."),
    "ineligible": ("初步判断：目前不符合申报条件。", "Preliminary result: the conditions are not met."),
    "incomplete": ("初步判断：还缺少信息，暂时无法判断。", "Preliminary result: some facts are still unknown."),
    "already_listed": ("已在国家级绿色制造名单中，同时列为省级名单（第十七条）。",
                       "Already on the national list, which counts as the provincial list (article 17)."),
}
LEFT = ("好的，已退出资格自测。需要时说“帮我看看能否申报”即可重新开始。",
        "OK, the eligibility check is closed. Say “Am I eligible?” to start again.")
STARTED = ("好的，我们来逐项核对申报条件（依据细则第七至九条、第十七、十八条），请回答下面的问题。",
           "Let's check the conditions one by one (articles 7–9, 17 and 18). Please answer the question below.")


def _lang(message: str) -> int:
    from .questions import is_english

    return 1 if is_english(message) else 0


def _verdict_text(verdict: dict, lang: int) -> str:
    text = STATUS_TEXT[verdict["status"]][lang]
    failed = [f for f in verdict["findings"] if f["outcome"] == "fail"]
    if failed:
        where = "、".join(dict.fromkeys(f["citation"]["label"] + (f["citation"].get("item") or "") for f in failed))
        text += f" 不符合：{where}。" if lang == 0 else f" Not met: {where}."
    return text


def _intake_reply(turn, answer_prefix: str, lang: int) -> tuple[str, dict | None, dict | None, str | None, str | None]:
    """The texts and payloads of an intake step: (answer, question, verdict, feedback, hint)."""
    reply = turn.reply()
    feedback = reply["feedback"]
    notice = feedback["text" if lang == 0 else "text_en"] if feedback else None
    parts = [p for p in (answer_prefix, notice) if p]
    if reply["verdict"]:
        parts.append(_verdict_text(reply["verdict"], lang))
    elif reply["question"]:
        parts.append(reply["question"]["text"])
    return "\n".join(parts), reply["question"], reply["verdict"], feedback, reply["hint"]


def _qa(answerer: Answerer, message: str) -> Answer:
    return answerer.answer(message)


CONDITIONS_ARTICLE = {"factory": 7, "park": 8, "supply_chain": 9}
EXCLUSIONS_ARTICLE = 18


def conditions_citations(applicant_type: str | None) -> list[Citation]:
    """What "can we apply" rests on: the conditions for the applicant type (the lead-in of each of the three
    while the type is unknown) and the exclusions' lead-in, each quoted from its article."""
    from intake.citations import cite

    if applicant_type:
        conditions = [cite(CONDITIONS_ARTICLE[applicant_type])]
    else:
        conditions = [cite(no, containing="应当符合下列条件") for no in CONDITIONS_ARTICLE.values()]
    return conditions + [cite(EXCLUSIONS_ARTICLE, containing="不得申请")]


def run_turn(answerer: Answerer, state: dict, message: str) -> tuple[dict, ChatTurn]:
    """One message of a conversation: returns the conversation's new state and the reply. Pure apart from the
    answerer's retrieval, so a store may run it again when a concurrent write wins."""
    from intake import dialogue
    from intake.understand import detect_applicant_type

    lang = _lang(message)
    intake_state = state.get("intake")
    if intake_state is not None and leaves_intake(message):
        return {**state, "intake": None}, ChatTurn(answer=LEFT[lang])

    if intake_state is None and wants_intake(message):
        kind = detect_applicant_type(message)
        intake_state = dialogue.start(kind)
        # What the message asks beyond "can we apply" (停产一年多还能报吗) is answered too, when the regulation
        # answers it directly; the conditions the intake checks are cited either way.
        qa = _qa(answerer, message)
        asked = qa.citations if qa.direct else []
        citations = asked + [c for c in conditions_citations(kind)
                             if c.article_no not in {a.article_no for a in asked}]
        prefix = (qa.text + "\n\n" if asked else "") + STARTED[lang]
        turn = dialogue.current(intake_state)
        text, question, verdict, feedback, hint = _intake_reply(turn, prefix, lang)
        return {**state, "intake": turn.state}, ChatTurn(text, citations, question, verdict, feedback, hint)

    if intake_state is None:
        qa = _qa(answerer, message)
        return state, ChatTurn(answer=qa.text, citations=qa.citations)

    # The intake is open: an answer to its pending question, or a question in between
    looks_like_question = bool(ASKS_QUESTION.search(message))
    turn = None if looks_like_question else dialogue.answer_text(intake_state, message)
    if turn is not None and turn.understood:
        text, question, verdict, feedback, hint = _intake_reply(turn, "", lang)
        new_intake = None if turn.done else turn.state
        return {**state, "intake": new_intake}, ChatTurn(text, [], question, verdict, feedback, hint)
    qa = _qa(answerer, message)
    pending = dialogue.current(intake_state)
    if qa.citations:
        text, question, _, _, _ = _intake_reply(pending, qa.text + "\n\n" + ("回到刚才的问题：" if lang == 0 else
                                                                         "Back to the question:"), lang)
        return state, ChatTurn(text, qa.citations, question)
    hint = turn.hint if turn is not None else None
    text, question, _, _, _ = _intake_reply(pending, hint or qa.text, lang)
    return state, ChatTurn(text, [], question, hint=hint)
