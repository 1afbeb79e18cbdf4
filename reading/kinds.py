"""What kind of answer a question wants (a date, a period, an address, an amount, a list…). Pure; declarative
patterns, decided once in ``reading.read`` and passed down to retrieval and composition."""
from __future__ import annotations

import re
from typing import Literal

from knowledge.ranking import ASKS_DURATION, ASKS_WHEN

Kind = Literal["amount", "when", "duration", "who", "consequence", "where", "definition", "yesno", "list", "general"]

# Checked in order: the first that matches decides
KIND_PATTERNS: tuple[tuple[Kind, re.Pattern], ...] = (
    ("amount", re.compile(r"多少钱|多少资金|多少万|金额|补贴多少|奖励多少|给多少|how much|amount|"
                          # an amount said (拿200万补贴吧？): the rules set none, which is the answer
                          r"(?:补贴|奖励|资金|奖金|扶持|subsid|reward|grant)[^，。？?]{0,10}\d+(?:\.\d+)?\s*(?:万|千|亿|yuan|rmb)|"
                          r"\d+(?:\.\d+)?\s*(?:万|千|亿)元?[^，。？?]{0,10}(?:补贴|奖励|资金|奖金|扶持)", re.I)),
    ("when", ASKS_WHEN),
    ("duration", ASKS_DURATION),
    ("who", re.compile(r"谁|哪个部门|哪些部门|什么部门|哪个单位|哪一级|由哪|边个|\bwho\b|which (?:department|authority|body|agency)",
                       re.I)),
    ("consequence", re.compile(r"会怎样|会怎么样|怎么办|怎么处理|如何处理|有什么后果|什么后果|后果|会被|点算|"
                               r"what happens|consequence|what if", re.I)),
    ("where", re.compile(r"网址|哪个平台|什么平台|哪里提交|在哪提交|在哪里|哪儿|网站|\bwhere\b|website|url", re.I)),
    ("definition", re.compile(r"是什么意思|什么是|是指什么|啥意思|定义|含义|指的是|what is|what does .* mean|define", re.I)),
    ("yesno", re.compile(r"能不能|能否|可不可以|可以吗|还能|能.{0,12}吗|可以.{0,12}吗|需不需要|要不要|需要.{0,16}吗|"
                         r"是否|会不会|会.{0,12}吗|算不算|(?:^|[.?!]\s*)(can|could|do|does|is|are|must|should|will)\b",
                         re.I)),
    ("list", re.compile(r"哪些|什么条件|哪几|几种|什么情况|什么情形|条件是|怎么规定|如何规定|规定了什么|"
                        r"what conditions|which|what are the|requirements", re.I)),
)


def question_kind(question: str) -> Kind:
    for kind, pattern in KIND_PATTERNS:
        if pattern.search(question):
            return kind
    return "general"


