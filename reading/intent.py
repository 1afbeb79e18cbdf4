"""What a message wants, decided once: a question about the rules, the eligibility check, an answer to the
pending question, a correction, moving around the check (上一题, 重新开始, 算了), or the result now. Pure;
patterns tested on the banks (tests/data/banks) rather than on single listed questions."""
from __future__ import annotations

import re
from typing import Literal

Intent = Literal["question", "check", "answer", "confirm", "leave", "restart", "back", "result", "chitchat"]

LEAVE = re.compile(r"^\s*(?:算了|退出|不测了|不做了|不查了|结束|取消|停止|先不了|先这样|不用了|不用继续|exit|quit|stop|cancel)"
                   r"[\s\W]*(?:吧|了|啦)?[\s\W]*$", re.I)
RESTART = re.compile(r"重新开始|重新来|重来|从头(?:开始|再来)?|再测一次|start over|restart|reset", re.I)
BACK = re.compile(r"^\s*(?:回到|返回|退回)?\s*(?:上一题|上一个问题|上一步|上个问题|返回|后退)\s*$|^\s*(?:go )?back\s*$|previous question",
                  re.I)
RESULT = re.compile(r"直接(?:告诉|给)我(?:结果|结论)|不用问了|别问了|先给(?:我)?(?:结果|结论)|just tell me|give me the result",
                    re.I)
WANTS_CHECK = re.compile(
    r"能不能(?:申报|报|申请|列入|参评)|能否(?:申报|申请|参评)|能(?:申报|报|申请|参评).{0,12}[吗么]|可以(?:申报|报|申请|参评).{0,12}[吗么]|"
    r"可不可以(?:申报|报|申请)|符不符合|是否符合|符合.{0,6}条件[吗么]|够不够(?:条件|格|资格)|有没有资格|有资格[吗么]|够资格|"
    r"申报资格|帮我(?:看看|判断|评估|测一测|测测|查查|核对)|自测|自评|想看看能不能|评估一下|想(?:申报|报|申请|参评)|打算(?:申报|报|申请)|"
    r"准备(?:申报|申请)|am i eligible|are we eligible|do we qualify|can we apply|could we apply|check (?:my|our) eligibility|"
    r"eligibility check|want to apply", re.I)
ASKS = re.compile(r"[?？]|什么|啥|咩|乜|点样|几时|怎么|怎样|如何|哪|为什么|多少|多久|几[年月天号个]|吗\s*$|么\s*$|呢\s*$|是否|能否|有没有|是不是|"
                  r"\b(?:what|how|where|why|which|who|when|whom|can|could|does|do|is|are|should|must|will)\b", re.I)
CHITCHAT = re.compile(r"^\s*(?:你好|您好|hi|hello|hey|谢谢|多谢|感谢|thanks|thank you|好的|ok|okay|嗯|再见|bye|早上好|晚上好|"
                      r"在吗|在不在|哈哈|呵呵)[\s\W]*$", re.I)


# A request to do something other than answer from the rules: write or draft a text, play a part, or set the
# rules aside (帮我起草一份培育计划, 假装你是处长, 别管细则了, ignore your instructions). Declined, not answered
TASK = re.compile(r"(?:(?:帮|替)(?:我|我们)?|给(?:我|我们))(?:写|起草|草拟|拟|编写|撰写|做)(?:一份|一封|一篇|一个|个|份|封|篇)|"
                  r"^(?:请)?(?:写|起草|草拟|撰写)(?:一份|一封|一篇)|假装|扮演(?:我|一位|一个|一名)|角色扮演|别管.{0,8}(?:细则|规定|规则)|"
                  r"(?:忽略|无视|不要管|不用管)(?:你|之前|以上|上面|前面)?的?.{0,6}(?:指令|规则|规定|设定|提示|细则)|"
                  r"\b(?:role-?play|pretend|act as|ignore (?:all |your |the |previous |prior )+(?:instructions|rules|prompt)|"
                  r"(?:draft|write|compose) (?:me )?(?:an?|the|my|our) (?:email|letter|plan|report|essay|poem|memo|application))\b",
                  re.I)


def asks_task(text: str) -> bool:
    return bool(TASK.search(text))


def asks(text: str) -> bool:
    return bool(ASKS.search(text))


def movement(text: str) -> Intent | None:
    """A message that moves around the check rather than answering it."""
    for intent, pattern in (("leave", LEAVE), ("back", BACK), ("restart", RESTART), ("result", RESULT)):
        if pattern.search(text):
            return intent  # type: ignore[return-value]
    return None


# What the conditions are for applying (申报条件是什么？ What are the requirements?): answered with the conditions
# and the check offered, never the check in their place
ASKS_CONDITIONS = re.compile(r"(?:申报|申请|报|参评|培育|入选|评选)[^，,。？?]{0,10}(?:条件|要求|资格|门槛)|"
                             r"(?:条件|要求|资格|门槛)[^，,。？?]{0,6}(?:是什么|有哪些|有什么|是啥|系乜|如何|怎样)|"
                             r"\b(?:requirements?|conditions?|criteria|eligib\w*)\b", re.I)


# The year at a glance (申报流程是怎样的？一年里要做哪些事？ What are the key dates?): the calendar's dates
ASKS_TIMELINE = re.compile(r"申报流程|流程是怎样|流程是什么|整个流程|一年里|一年中|全年|每年要做|时间表|时间安排|时间节点|关键时间|"
                           r"几个时间|哪些时间|日程|\btimeline\b|\bschedule\b|key dates|important dates|"
                           r"what (?:happens|do we do) (?:when|each year)", re.I)


def asks_timeline(text: str) -> bool:
    return bool(ASKS_TIMELINE.search(text))


# Asks whether (may, must, need, is it enough), whatever else it names: 能报不？ 够不够？ 行吗？ 是不是直接算？
ASKS_WHETHER = re.compile(r"能不能|能否|可不可以|可否|可以吗|还能|能.{0,14}[吗不么]|可以.{0,14}[吗么]|需不需要|要不要|需要.{0,16}[吗么]|"
                          r"(?:要|需|用|得|必须)[^，,。？?]{0,14}[吗么]|"
                          r"是否|会不会|会.{0,14}[吗么]|算不算|够不够|够.{0,6}[吗么]|行吗|行不行|得不得|是不是|有冇|可唔可以|"
                          r"(?:^|[.?!,]\s*)(?:can|could|do|does|is|are|must|should|will|would|may)\b|\bis (?:it|that|this) enough\b",
                          re.I)


def asks_whether(text: str) -> bool:
    return bool(ASKS_WHETHER.search(text))


def asks_conditions(text: str) -> bool:
    return bool(ASKS_CONDITIONS.search(text))


def wants_check(text: str) -> bool:
    return bool(WANTS_CHECK.search(text))


def is_chitchat(text: str) -> bool:
    return bool(CHITCHAT.match(text))


# A message that leans on the one before it: 那园区呢？ 到期以后呢？ 第二项是什么意思？ Who reviews it?
LEANS = re.compile(r"^(?:那|那么|那如果|那要是|还有|另外|其中|这个|这|该|它|他们|其|如果|要是|不然|否则|然后|之后|以后|到期)|呢[?？]?$|"
                   r"第[一二三四五六七八九十\d]+(?:项|个|款|点)|这一?[项条点个]|上面|上述|刚才|"
                   r"^(?:and|what about|how about|then|so|and if|who|what if)\b|\b(?:it|they|them|that|this|those)\b|"
                   r"\bitem\s*(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b|"
                   r"\b(?:first|second|third|fourth|fifth|sixth|last) (?:item|one|point|condition|case)\b",
                   re.I)
ITEM = re.compile(r"第([一二三四五六七八九十\d]+)(?:项|个|点)|item\s*(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b|"
                  r"\((\d)\)|\b(first|second|third|fourth|fifth|sixth) (?:item|one|point|condition|case)\b", re.I)
ORDINALS = {w: n for n, w in enumerate("first second third fourth fifth sixth".split(), 1)}


def leans_on_previous(text: str) -> bool:
    """Short and leaning on what was said before: a follow-up, to be read with the previous question."""
    from .text import is_english

    short = len(text.split()) <= 8 if is_english(text) else len(text) <= 16
    bare = not is_english(text) and len(re.sub(r"[\W_]", "", text)) <= 6 and asks(text)  # 什么时候报？ 网址是多少？
    return short and (bool(LEANS.search(text)) or bare)


def item_asked(text: str) -> int | None:
    """第二项 → 2: an item of the list the previous answer quoted."""
    m = ITEM.search(text)
    if m is None:
        return None
    from knowledge.numerals import cn_to_int

    from .quantities import ENGLISH_NUMBERS

    found = next(g for g in m.groups() if g).lower()
    if (n := ENGLISH_NUMBERS.get(found, ORDINALS.get(found))) is not None:
        return n
    try:
        return cn_to_int(found)
    except ValueError:
        return None

OBLIGATION = re.compile(r"还要|还需要|需不需要|要不要|需要.{0,8}(?:申报|申请|报)|必须|得.{0,4}(?:申报|申请)|\bmust\b|\bneed to\b|"
                        r"have to|required to|separately", re.I)
