"""Reading a message, once: its script and language, what it wants, and the facts it states.

``read`` is the only code that interprets a visitor's words; retrieval, composition, the intake dialogue and
the checker take its ``Reading`` and never look at the raw text for intent again (see the design note in the
README). Pure: no I/O, no model."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Iterable

from catalogue import catalogue

from .facts import SELF, FactReading, changes_type, read_facts
from .intent import (OBLIGATION, Intent, asks, asks_conditions, asks_task, asks_timeline, asks_whether, is_chitchat, item_asked, leans_on_previous,
                     movement, wants_check)
from .kinds import question_kind
from .places import jurisdiction_elsewhere
from .text import MAX_EMBEDDED_CHARS, Language, bounded, is_traditional, language, normalise, query_text
from .words import agreement

__all__ = ["Reading", "read", "agrees", "FactReading", "read_facts", "normalise", "language", "Intent"]


@dataclass(frozen=True)
class Reading:
    text: str  # as typed
    normalised: str  # simplified script, NFKC, Latin in lower case: what everything else reads
    language: Language
    traditional: bool
    intent: Intent
    asks: bool  # the message asks something (it may also state facts)
    facts: FactReading = field(default_factory=FactReading)
    describes: bool = False  # states facts about the speaker's own enterprise (not "an enterprise that…")
    follows_up: bool = False  # leans on the previous question (那园区呢？): retrieve with both
    item: int | None = None  # 第二项: the item of the previous answer's list that is asked about
    obligation: bool = False  # asks whether something must be done (还要申报吗), not whether it may
    kind: str = "general"  # what kind of answer it wants (reading.kinds): a date, a period, an address…
    query: str = ""  # what retrieval reads: its own question sentences, bounded (reading.text.query_text)
    embedded: str = ""  # what the embedder sees: the same, bounded more tightly (its cost grows with length)
    elsewhere: str | None = None  # a place outside Guangdong whose own policy is asked about (浙江省…怎么申报)
    task: bool = False  # asks for something other than an answer from the rules (帮我起草…, 假装你是…)
    # speaks of the speaker's own enterprise (我们, 我司, we) or says where it is (注册在, 位于): a place it names
    # is then where it is, not what it asks about
    own: bool = False
    conditions: bool = False  # asks what the conditions for applying are
    timeline: bool = False  # asks about timing in general: the year at a glance
    whether: bool = False  # asks whether (may, must, need, enough): the only question a conclusion answers


def read(message: str, *, pending: Iterable[str] = (), allowed: Iterable[str] | None = None,
         in_check: bool = False, previous: str | None = None, confirming: bool = False,
         today: date | None = None) -> Reading:
    """What ``message`` wants and states. ``pending`` are the facts of the intake question waiting for an answer
    (a clause naming no fact answers them); ``allowed`` the facts of the applicant type; ``in_check`` whether
    an intake is open in this conversation; ``confirming`` whether that question asks to confirm the facts read
    so far (``pending`` then lists them); ``today`` places the events said in time (default: the clock)."""
    whole = normalise(message).strip()
    t = bounded(whole)  # a long message is read up to a bound: its cost stays bounded
    lang = language(message)
    trad = is_traditional(message)
    question = asks(t)
    if confirming and agrees(t):  # 对，没错 / 确认无误 / yes, that's right: what was read stands
        return Reading(message, t, lang, trad, "confirm", False, kind=question_kind(t), query=query_text(whole),
                       embedded=query_text(whole, MAX_EMBEDDED_CHARS))
    if confirming:  # anything else is read as a correction of what was shown: a clause must name its fact
        pending = ()
    moved = movement(t)
    if moved is not None and (in_check or moved in ("restart",)) and not (moved == "back" and not in_check):
        return Reading(message, t, lang, trad, moved, question, kind=question_kind(t), query=query_text(whole),
                       embedded=query_text(whole, MAX_EMBEDDED_CHARS))
    pending = tuple(pending)
    if pending == ("applicant_type",) and (kind := _type_label(t)):  # 绿色工厂（制造企业）: the button's label
        facts = FactReading({"applicant_type": kind}).surely()
    else:
        facts = read_facts(t, pending=pending if in_check else (), allowed=allowed, today=today)
        if (in_check and "applicant_type" in facts.values and "applicant_type" not in pending and not changes_type(t)
                and not facts.restated):
            facts = replace(facts, values={k: v for k, v in facts.values.items() if k != "applicant_type"},
                            sure=facts.sure - {"applicant_type"})
    describes = bool(facts) and not facts.hypothetical
    if in_check:
        only_hedges = bool(facts) and all(v is None for v in facts.values.values())
        # 停了多久我得问问老陈 asks nobody: a hedge is an answer unless the message ends asking
        states = ((bool(facts) and not (question and only_hedges and _ends_asking(t))) or bool(facts.unsettled)
                  or facts.restated)
        intent: Intent = "answer" if (states or not question) else "question"
    elif (wants_check(t) and (_about_self(t) or not facts)) or (describes and _about_self(t) and not _ends_asking(t)):
        # a description of the enterprise starts the check; one that ends asking something else is a question
        # (有没有上过经营异常名单我不清楚 inside a description is a hedge, not a question). "Can one apply" said of
        # a case rather than of the speaker's enterprise (偷漏税的企业能报吗) is a question the rules answer
        intent = "check"
    elif is_chitchat(t):
        intent = "chitchat"
    else:
        intent = "question"
    follows = bool(previous) and intent == "question" and leans_on_previous(t)

    return Reading(message, t, lang, trad, intent, question, facts, describes, follows,
                   item_asked(t) if follows else None, bool(OBLIGATION.search(t)), question_kind(t), query_text(whole),
                   query_text(whole, MAX_EMBEDDED_CHARS), jurisdiction_elsewhere(t) if intent == "question" else None,
                   asks_task(t), _about_self(t) or bool(LOCATED.search(t)), asks_conditions(t) and question,
                   asks_timeline(t) and question,
                   asks_whether(t))


def agrees(t: str) -> bool:
    """Every clause of the message is a word of agreement (对，没错; 确认无误; Yes, that's right.)."""
    parts = [" ".join(p.split()).lower() for p in re.split(r"[，,。.!！;；~]+", t)]
    parts = [p for p in parts if p]
    return bool(parts) and all(agreement().fullmatch(p) is not None for p in parts)


def _ends_asking(t: str) -> bool:
    return bool(re.search(r"(?:[?？]|[吗么呢][。.!！]?)\s*$", t))


# Words that say where an enterprise is (注册在广州, 位于, based in)
LOCATED = re.compile(r"在|位于|落户|注册|设于|located|registered|based in|\bin\b", re.I)


def _about_self(t: str) -> bool:
    return bool(SELF.search(t))


def _type_label(t: str) -> str | None:
    said = t.strip(" 。.")
    return next((k for k, label in catalogue().applicant_types.items()
                 if said in (normalise(label.zh), normalise(label.en))), None)


def warm() -> None:
    """Load what reading needs (the converters, the numerals, the place table) before the first visitor."""
    read("我們停產了一年半，注册在东莞，工厂在惠州，占比六成", pending=("longest_halt_months",), in_check=True)
