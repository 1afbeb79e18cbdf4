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
    r"有没有资格|有资格吗|资格|帮我(看看|判断|评估|测一测|测测)|自测|自评|能不能(申请|列入)|可以申请吗|能申请吗|"
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
    feedback: str | None = None
    hint: str | None = None


def wants_intake(message: str) -> bool:
    return bool(WANTS_INTAKE.search(message))


def leaves_intake(message: str) -> bool:
    return bool(LEAVES_INTAKE.match(message))
