"""The intake's questions, generated from the rules: which facts to ask about comes from the rules that apply
to the applicant type, the citation from the rule; this module adds only the wording and the order.

Order: the applicant type first (it decides which rules apply), then the knock-out conditions (location,
legal entity, what the applicant is), then the rest, then 第十八条's exclusions."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel

from knowledge import Citation

from .citations import cite, cite_ref
from .facts import APPLICANT_TYPES
from .rules import CONTEXT, LAW_VALUES, RULES_BY_ID, applicable_fields

Kind = Literal["boolean", "choice", "number", "checklist"]


class Choice(BaseModel):
    """An answer button: the value it sends (null = 不清楚)."""

    value: Any
    label: str


class CheckItem(BaseModel):
    """One tick box of a checklist: the fact it settles."""

    field: str
    label: str


class Question(BaseModel):
    """One question of the intake (contract section 3): one fact, or a checklist of several facts of one kind,
    with why it is asked and how to answer."""

    field: str | None
    fields: list[str]
    text: str
    kind: Kind
    choices: list[Choice] | list[CheckItem] | None = None
    citation: Citation
    why: str
    hint: str
    unit: str | None = None  # for number questions: "%" or "个月"


@dataclass(frozen=True)
class Wording:
    text: str  # may use {subject}, {clause} and the law's values
    kind: Kind = "boolean"
    why: str | None = None  # default: the rule's condition with its article
    hint: str | None = None
    unit: str | None = None
    choices: tuple[Choice, ...] | None = None  # buttons other than 是 / 否 / 不清楚


APPLICANT_LABELS: dict[str, str] = {
    "factory": "绿色工厂（制造企业）",
    "park": "绿色工业园区",
    "supply_chain": "绿色供应链管理企业",
}

BOOLEAN_HINT = "请回答“是”或“否”；不清楚的话可以回答“不清楚”。"
BOOLEAN_CHOICES = [Choice(value=True, label="是"), Choice(value=False, label="否"),
                   Choice(value=None, label="不清楚")]

# The order of the intake, as a table: every fact of the contract appears once.
WORDINGS: dict[str, Wording] = {
    "applicant_type": Wording(
        "您想按哪一类申报？绿色工厂（制造企业）、绿色工业园区，还是绿色供应链管理企业？", "choice",
        why="三类培育对象的条件不同（第七、八、九条），先确定类型才能逐项核对。",
        hint="请选择或回答其中一类：" + "、".join(APPLICANT_LABELS.values()) + "。"),
    "registered_in_guangdong": Wording("{subject}的注册地在广东省行政区域内吗？"),
    "operates_in_guangdong": Wording("{subject}的实际生产（经营）场所在广东省行政区域内吗？"),
    "independent_legal_entity": Wording("{subject}是依法设立、具有独立法人资格的企业（或视同法人的独立核算单位）吗？"),
    "legal_boundary": Wording("园区有法定的边界和范围吗？"),
    "unified_management": Wording("园区有统一的管理机构吗？"),
    "manufacturing_enterprise": Wording("{subject}是从事实际生产的制造型企业吗？"),
    "manufacturing_energy_function": Wording("园区的主要功能是产品制造和能源供给吗？"),
    "industrial_value_added_share": Wording(
        "园区的工业增加值占比是多少（百分比）？", "number",
        hint="请回答 0 到 100 之间的一个数字，例如“62”或“62%”；不清楚的话可以回答“不清楚”。", unit="%"),
    "industry_leading": Wording("{subject}在行业内影响力大、经营实力雄厚、产业链完整、绿色供应链管理基础好，"
                                "并在产业链中发挥主导作用吗？"),
    "creating_green_factory": Wording("{subject}自身在积极创建绿色工厂吗？"),
    "park_cultivation_plan": Wording("园区是否已发布绿色工厂培育计划，并组织园区内企业开展绿色工厂创建？"),
    "supplier_cultivation_plan": Wording("{subject}是否已制定供应商绿色工厂培育计划，并推动供应商开展绿色工厂创建？"),
    "meets_national_standard": Wording(
        "{subject}是否符合工业和信息化部《绿色工厂梯度培育及管理暂行办法》第十四条{clause}的相关标准要求？"
        "（这项标准在工业和信息化部的暂行办法里，不在本细则中；还没对照过的，选“不清楚”即可。）",
        why="第七、八、九条要求符合《绿色工厂梯度培育及管理暂行办法》第十四条相应款的标准；标准的具体内容在该暂行办法中，"
            "本细则没有列出。",
        hint="还没对照过标准的，回答“不清楚”即可，结果会列为待补充；" + BOOLEAN_HINT,
        choices=(Choice(value=None, label="不清楚，还没对照过"), Choice(value=True, label="已对照，符合"),
                 Choice(value=False, label="不符合"))),
    "already_national_listed": Wording(
        "{subject}是否已列入工业和信息化部公布的国家级绿色制造名单？",
        why="已列入国家级名单的，同时列为省级绿色制造名单（第十七条），无需再申请培育。"),
    "deregistered": Wording("近{years_zh}年，{subject}是否有被工商注销的情况？"),
    "longest_halt_months": Wording(
        "近{years_zh}年，{subject}最长一次连续停产了几个月？", "number",
        hint="请回答月数，例如“3个月”“一年半”；没有停过产请回答“0”或“没有停过产”；不清楚的话可以回答“不清楚”。",
        unit="个月"),
    "abnormal_operation_listed": Wording("{subject}是否被市场监督管理部门列入经营异常名单且尚未移出？",
                                         ),
    "accident_or_violation": Wording(
        "近{years_zh}年，{subject}是否发生过安全（含网络安全、数据安全）、质量、环境污染等事故，或偷漏税等违法违规行为？",
        hint="可查询“信用中国”和“国家企业信用信息公示系统”。" + BOOLEAN_HINT),
    "removed_from_list": Wording("近{years_zh}年，{subject}是否被动态调整出绿色制造名单？"),
    "inspection_serious_issue": Wording("近{years_zh}年，{subject}是否在国务院及有关部委的督查中被发现存在严重问题？"),
    "energy_rectification_pending": Wording("{subject}是否被列入工业节能监察整改名单且尚未按要求完成整改？"),
    "dishonest_debtor": Wording("{subject}是否被列为失信被执行人？"),
}
QUESTION_ORDER: tuple[str, ...] = tuple(WORDINGS)

# The intake asks in steps: the type; the national list (it decides the status, 第十七条); the conditions of
# 第七/八/九条 as one checklist; the park's share and the national standard on their own; the halt in months;
# the other circumstances of 第十八条 as one checklist. A step asks only its facts that apply and are not yet
# answered; a checklist with one fact left is asked as that fact's own question.
CONDITIONS = ("registered_in_guangdong", "operates_in_guangdong", "independent_legal_entity",
              "manufacturing_enterprise", "legal_boundary", "unified_management", "manufacturing_energy_function",
              "park_cultivation_plan", "industry_leading", "creating_green_factory", "supplier_cultivation_plan")
EXCLUSIONS = ("deregistered", "abnormal_operation_listed", "accident_or_violation", "removed_from_list",
              "inspection_serious_issue", "energy_rectification_pending", "dishonest_debtor")
STEPS: tuple[tuple[str, ...], ...] = (
    ("applicant_type",), ("already_national_listed",), CONDITIONS, ("industrial_value_added_share",),
    ("meets_national_standard",), ("longest_halt_months",), EXCLUSIONS,
)
# The tick box of each fact in a checklist, as the regulation words the condition
CHECK_LABELS: dict[str, str] = {
    "registered_in_guangdong": "注册地在广东省行政区域内",
    "operates_in_guangdong": "实际生产（经营）场所在广东省行政区域内",
    "independent_legal_entity": "依法设立并具有独立法人资格（或视同法人的独立核算单位）",
    "manufacturing_enterprise": "从事实际生产的制造型企业",
    "legal_boundary": "园区具有法定边界和范围",
    "unified_management": "园区具备统一管理机构",
    "manufacturing_energy_function": "园区以产品制造和能源供给为主要功能",
    "park_cultivation_plan": "已发布园区绿色工厂培育计划并组织园区内企业开展创建",
    "industry_leading": "行业影响力大、经营实力雄厚、产业链完整、绿色供应链管理基础好、在产业链中发挥主导作用",
    "creating_green_factory": "自身积极创建绿色工厂",
    "supplier_cultivation_plan": "已制定供应商绿色工厂培育计划并推动供应商开展绿色工厂创建",
    "deregistered": "被工商注销",
    "abnormal_operation_listed": "被市场监督管理部门列入经营异常名单且未被移出",
    "accident_or_violation": "发生安全（含网络安全、数据安全）、质量、环境污染等事故或偷漏税等违法违规行为",
    "removed_from_list": "被动态调整出绿色制造名单",
    "inspection_serious_issue": "在国务院及有关部委督查工作中被发现存在严重问题",
    "energy_rectification_pending": "被列入工业节能监察整改名单且未按要求完成整改",
    "dishonest_debtor": "被列为失信被执行人",
}
# Every fact in a few words, for what an answer recorded (已记下：…) and for the enterprise's printed record
FACT_LABELS: dict[str, str] = {
    "applicant_type": "申报类型",
    "already_national_listed": "已列入国家级绿色制造名单",
    "meets_national_standard": "符合暂行办法第十四条相应标准",
    "longest_halt_months": "近三年最长连续停产",
    "industrial_value_added_share": "工业增加值占比",
    **CHECK_LABELS,
}


def fact_in_words(field: str, value: Any) -> str:
    """A fact's value as an enterprise reads it back: 是 / 否 / 不清楚, 14个月, 绿色工厂（制造企业）."""
    if field == "applicant_type":
        return APPLICANT_LABELS.get(value, "未确定")
    if value is None:
        return "不清楚"
    if isinstance(value, bool):
        return "是" if value else "否"
    unit = WORDINGS[field].unit if field in WORDINGS else ""
    return f"{value:g}{unit or ''}"


CHECKLIST_TEXT = {
    CONDITIONS: ("{subject}是否符合以下各项条件？请勾选符合的项；也可以直接回复，例如“都符合”“第二项不符合”“独立法人不清楚”。",
                 "条件"),
    EXCLUSIONS: ("近{years_zh}年，{subject}是否有以下情况？请勾选有的项；都没有请回答“都没有”，不清楚的可以说明哪项不清楚。",
                 "情况"),
}
CHECKLIST_HINT = ("可以回答“都符合”“都没有”，或逐项说明，例如“注册地在东莞，工厂在惠州，其他都符合”“有过一次安全事故，其他没有”；"
                  "不清楚的项可以说“某某不清楚”。")

# How questions address the applicant, by type.
ADDRESS: dict[str | None, str] = {
    "factory": "贵企业", "park": "贵园区（含园区内企业）", "supply_chain": "贵企业", None: "贵单位",
}


@lru_cache(maxsize=8)
def fields_for(applicant_type: str | None) -> tuple[str, ...]:
    """The facts to ask an applicant of this type about, in asking order (the type itself first)."""
    if applicant_type is None:  # type unknown: only what every type is asked
        return ("applicant_type",) + tuple(f for step in STEPS for f in step
                                           if f in RULES_BY_ID and RULES_BY_ID[f].common)
    allowed = applicable_fields(applicant_type)
    return tuple(f for step in STEPS for f in step if f in allowed)


def next_fields(applicant_type: str | None, answered: set[str] | frozenset[str]) -> tuple[str, ...]:
    """The facts of the next question: the first step with facts that apply and are not yet answered."""
    allowed = set(fields_for(applicant_type))
    for step in STEPS:
        left = tuple(f for f in step if f in allowed and f not in answered)
        if left:
            return left
    return ()


def ask(fields: tuple[str, ...], applicant_type: str | None = None) -> Question:
    """The question that asks for these facts: one fact's own question, or a checklist of several."""
    if len(fields) == 1:
        return question(fields[0], applicant_type)
    step = next(s for s in STEPS if set(fields) <= set(s))
    template, _ = CHECKLIST_TEXT[step]
    values = {**CONTEXT[applicant_type], **LAW_VALUES}
    text = template.format(**{**values, "subject": ADDRESS[applicant_type]})
    refs = [RULES_BY_ID[f].ref(applicant_type if applicant_type in RULES_BY_ID[f].refs else None) for f in fields]
    article = refs[0].article_no
    citation = cite(article) if article != 18 else cite(18, containing="不得申请")
    why = (f"{citation.label}：{CONTEXT[applicant_type]['subject']}应当符合这些条件。" if step is CONDITIONS else
           f"{citation.label}：近{values['years_zh']}年有所列情况的，不得申请、推荐和列入绿色制造名单。")
    return Question(field=None, fields=list(fields), text=text, kind="checklist", why=why, hint=CHECKLIST_HINT,
                    choices=[CheckItem(field=f, label=CHECK_LABELS[f]) for f in fields], citation=citation)


def question(field: str, applicant_type: str | None = None) -> Question:
    """The question that asks for one fact, worded for the applicant type."""
    w = WORDINGS[field]
    values = {**CONTEXT[applicant_type], **LAW_VALUES}
    text = w.text.format(**{**values, "subject": ADDRESS[applicant_type]})
    if field == "applicant_type":
        return Question(field=field, fields=[field], text=text, kind="choice", why=w.why or "", hint=w.hint or "",
                        choices=[Choice(value=t, label=APPLICANT_LABELS[t]) for t in APPLICANT_TYPES],
                        citation=cite(3, containing="绿色工厂梯度培育是指"))
    rule = RULES_BY_ID[field]
    ref = rule.ref(applicant_type if applicant_type in rule.refs else None)
    citation = cite_ref(ref)
    why = w.why or f"{citation.label}{ref.item or ''}：{rule.condition.format(**values).zh}。"
    hint = w.hint or BOOLEAN_HINT
    return Question(field=field, fields=[field], text=text, kind=w.kind, why=why, hint=hint, unit=w.unit,
                    choices=list(w.choices or BOOLEAN_CHOICES) if w.kind == "boolean" else None, citation=citation)


def questions_for(applicant_type: str | None) -> list[Question]:
    """Every question an applicant of this type is asked when nothing is known beforehand."""
    out, answered = [], set()
    while fields := next_fields(applicant_type, answered):
        out.append(ask(fields, applicant_type))
        answered |= set(fields)
    return out
