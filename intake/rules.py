"""The conditions of the regulation as data: one rule per fact, so that every finding names one condition.

A rule says which applicant types it applies to and, for each, which article and item set it (the same fact
can rest on 第七条 for a factory and 第九条 for a supply-chain enterprise); its predicate is a small pure
function of the fact's value (True = the condition holds). Reason texts are templates filled from
``CONTEXT`` (who the subject is for the applicant type) and the law's parameters (``law.py``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Callable, Mapping

from knowledge import int_to_cn

from .facts import APPLICANT_TYPES
from .law import HALT_MONTHS_EXCLUDED_FROM, INDUSTRIAL_SHARE_ABOVE, LOOKBACK_YEARS, LawRef


@dataclass(frozen=True)
class Text:
    zh: str
    en: str

    def format(self, **values: Any) -> "Text":
        return Text(self.zh.format(**values), self.en.format(**values))


@dataclass(frozen=True)
class Rule:
    id: str  # the fact it reads, as named in the contract
    refs: Mapping[str, LawRef]  # applicant type → the article (and item) that sets the condition for that type
    holds: Callable[[Any], bool]  # pure: the fact's known value → the condition is met
    condition: Text  # what must be true, for "unknown" findings and for questions' "why"
    passed: Text
    failed: Text
    # texts that depend on the value rather than the outcome (第十七条 is met either way, but says different things)
    by_value: Mapping[Any, Text] = field(default_factory=dict)
    where_to_check: Text | None = None  # where an applicant finds the fact out, for an unknown finding

    @property
    def facts(self) -> tuple[str, ...]:
        return (self.id,)

    def applies_to(self, applicant_type: str | None) -> bool:
        """With the type unknown, only the rules common to every type can be judged."""
        return self.common if applicant_type is None else applicant_type in self.refs

    @property
    def common(self) -> bool:
        return set(self.refs) == set(APPLICANT_TYPES) and len(set(self.refs.values())) == 1

    def ref(self, applicant_type: str | None) -> LawRef:
        return self.refs[applicant_type] if applicant_type is not None else next(iter(self.refs.values()))


def is_true(v: Any) -> bool:
    return v is True


def is_false(v: Any) -> bool:
    return v is False


def share_above_limit(v: float) -> bool:
    return v > INDUSTRIAL_SHARE_ABOVE.value


def halt_below_limit(v: float) -> bool:
    return v < HALT_MONTHS_EXCLUDED_FROM.value


def always(v: Any) -> bool:
    return True


def _refs(**by_type: LawRef) -> Mapping[str, LawRef]:
    return MappingProxyType(by_type)


def _all(ref: LawRef) -> Mapping[str, LawRef]:
    return MappingProxyType({t: ref for t in APPLICANT_TYPES})


# Who a reason talks about, by applicant type; 第十八条 covers a park and the enterprises in it.
CONTEXT: dict[str | None, dict[str, str]] = {
    "factory": {"subject": "企业", "subject_en": "the enterprise", "clause": "第一款", "clause_en": "paragraph 1",
                "article": "第七条"},
    "park": {"subject": "园区（含园区内企业）", "subject_en": "the park (including the enterprises in it)",
             "clause": "第二款", "clause_en": "paragraph 2", "article": "第八条"},
    "supply_chain": {"subject": "企业", "subject_en": "the enterprise", "clause": "第三款", "clause_en": "paragraph 3",
                     "article": "第九条"},
    None: {"subject": "申请单位", "subject_en": "the applicant", "clause": "相应款", "clause_en": "the relevant paragraph",
           "article": "第七、八、九条"},
}

LAW_VALUES = {
    "share_limit": INDUSTRIAL_SHARE_ABOVE.value,
    "halt_limit": HALT_MONTHS_EXCLUDED_FROM.value,
    "years": LOOKBACK_YEARS.value,
    "years_zh": int_to_cn(LOOKBACK_YEARS.value),
}

FACTORY_1, FACTORY_2 = LawRef(7, "（一）"), LawRef(7, "（二）")
PARK_1, PARK_2, PARK_3 = LawRef(8, "（一）"), LawRef(8, "（二）"), LawRef(8, "（三）")
CHAIN_1, CHAIN_2, CHAIN_3 = LawRef(9, "（一）"), LawRef(9, "（二）"), LawRef(9, "（三）")

RULES: tuple[Rule, ...] = (
    # 第七条（一）/ 第九条（一）: where the applicant is and what it is
    Rule("registered_in_guangdong", _refs(factory=FACTORY_1, supply_chain=CHAIN_1), is_true,
         Text("注册地在广东省行政区域范围内", "the registered address is in Guangdong Province"),
         Text("注册地在广东省行政区域范围内，符合。", "Registered in Guangdong Province: met."),
         Text("注册地须在广东省行政区域范围内；按所填信息不符合。",
              "The registered address must be in Guangdong Province; by the facts given it is not.")),
    Rule("operates_in_guangdong", _refs(factory=FACTORY_1, supply_chain=CHAIN_1), is_true,
         Text("实际生产（经营）场所在广东省行政区域范围内", "the actual production (business) site is in Guangdong"),
         Text("实际生产（经营）场所在广东省行政区域范围内，符合。", "Production (business) site in Guangdong: met."),
         Text("实际生产（经营）场所须在广东省行政区域范围内；按所填信息不符合。",
              "The actual production (business) site must be in Guangdong Province; by the facts given it is not.")),
    Rule("independent_legal_entity", _refs(factory=FACTORY_1, supply_chain=CHAIN_1), is_true,
         Text("{subject}依法设立并具有独立法人资格或者是视同法人的独立核算单位",
              "{subject_en} is a lawfully established independent legal person, or an independent accounting unit "
              "treated as one"),
         Text("依法设立并具有独立法人资格（或视同法人的独立核算单位），符合。", "Independent legal entity: met."),
         Text("须依法设立并具有独立法人资格或者是视同法人的独立核算单位；按所填信息不符合。",
              "The applicant must be a lawfully established independent legal person or an independent accounting "
              "unit treated as one; by the facts given it is not.")),
    Rule("manufacturing_enterprise", _refs(factory=FACTORY_1), is_true,
         Text("{subject}是从事实际生产的制造型企业", "{subject_en} is a manufacturing enterprise with actual production"),
         Text("从事实际生产的制造型企业，符合。", "Manufacturing enterprise with actual production: met."),
         Text("绿色工厂培育对象须是从事实际生产的制造型企业；按所填信息不符合。",
              "A green-factory candidate must be a manufacturing enterprise with actual production; by the facts "
              "given it is not.")),
    # 第八条: what a park must be and do
    Rule("legal_boundary", _refs(park=PARK_1), is_true,
         Text("园区具有法定边界和范围", "the park has a legally defined boundary and area"),
         Text("园区具有法定边界和范围，符合。", "Legal boundary and area: met."),
         Text("工业园区须具有法定边界和范围；按所填信息不符合。",
              "The park must have a legally defined boundary and area; by the facts given it has not.")),
    Rule("unified_management", _refs(park=PARK_1), is_true,
         Text("园区具备统一管理机构", "the park has a single management body"),
         Text("园区具备统一管理机构，符合。", "Single management body: met."),
         Text("工业园区须具备统一管理机构；按所填信息不符合。",
              "The park must have a single management body; by the facts given it has not.")),
    Rule("manufacturing_energy_function", _refs(park=PARK_1), is_true,
         Text("园区以产品制造和能源供给为主要功能", "the park's main functions are manufacturing and energy supply"),
         Text("园区以产品制造和能源供给为主要功能，符合。", "Manufacturing and energy supply as main functions: met."),
         Text("工业园区须以产品制造和能源供给为主要功能；按所填信息不符合。",
              "The park's main functions must be manufacturing and energy supply; by the facts given they are not.")),
    Rule("industrial_value_added_share", _refs(park=PARK_1), share_above_limit,
         Text("工业增加值占比超过{share_limit}%", "the industrial value-added share is more than {share_limit}%"),
         Text("工业增加值占比{value}%，超过{share_limit}%，符合。",
              "Industrial value-added share {value}% is more than {share_limit}%: met."),
         Text("工业增加值占比须超过{share_limit}%（恰好{share_limit}%也不符合）；所填为{value}%，不符合。",
              "The industrial value-added share must be more than {share_limit}% ({share_limit}% itself is not "
              "enough); {value}% does not meet it.")),
    Rule("park_cultivation_plan", _refs(park=PARK_2), is_true,
         Text("已发布园区绿色工厂培育计划并组织园区内企业开展绿色工厂创建",
              "the park has published a green-factory cultivation plan and organises its enterprises to apply"),
         Text("已发布园区绿色工厂培育计划并组织企业创建，符合。", "Park green-factory cultivation plan: met."),
         Text("园区须发布绿色工厂培育计划，组织园区内企业开展绿色工厂创建；按所填信息不符合。",
              "The park must publish a green-factory cultivation plan and organise its enterprises to apply; by "
              "the facts given it has not.")),
    # 第九条: what a supply-chain lead enterprise must be and do
    Rule("industry_leading", _refs(supply_chain=CHAIN_1), is_true,
         Text("{subject}行业影响力大、经营实力雄厚、产业链完整、绿色供应链管理基础好、在产业链发挥主导作用",
              "{subject_en} is an influential, strong enterprise with a complete industrial chain and good green supply-chain "
              "management that leads its chain"),
         Text("在产业链发挥主导作用的行业领先企业，符合。", "Leading enterprise of its industrial chain: met."),
         Text("绿色供应链管理企业须行业影响力大、经营实力雄厚、产业链完整、绿色供应链管理基础好、在产业链发挥主导"
              "作用；按所填信息不符合。",
              "A green supply-chain enterprise must be influential and strong, with a complete chain and good green "
              "supply-chain management, and lead its chain; by the facts given it does not.")),
    Rule("creating_green_factory", _refs(supply_chain=CHAIN_1), is_true,
         Text("企业自身积极创建绿色工厂", "the enterprise is itself working to become a green factory"),
         Text("企业积极创建绿色工厂，符合。", "Working to become a green factory itself: met."),
         Text("绿色供应链管理企业须积极创建绿色工厂；按所填信息不符合。",
              "A green supply-chain enterprise must itself work to become a green factory; by the facts given it "
              "does not.")),
    Rule("supplier_cultivation_plan", _refs(supply_chain=CHAIN_2), is_true,
         Text("已制定供应商绿色工厂培育计划并推动供应商开展绿色工厂创建",
              "a green-factory cultivation plan for suppliers exists and suppliers are pushed to apply"),
         Text("已制定供应商绿色工厂培育计划，符合。", "Supplier green-factory cultivation plan: met."),
         Text("须制定供应商绿色工厂培育计划，推动供应商开展绿色工厂创建；按所填信息不符合。",
              "The enterprise must have a green-factory cultivation plan for its suppliers and push them to apply; "
              "by the facts given it has not.")),
    # 第七条（二）/ 第八条（三）/ 第九条（三）: the national standard, paragraph by applicant type
    Rule("meets_national_standard", _refs(factory=FACTORY_2, park=PARK_3, supply_chain=CHAIN_3), is_true,
         Text("符合《绿色工厂梯度培育及管理暂行办法》第十四条{clause}相关标准要求",
              "{subject_en} meets the standards of article 14, {clause_en}, of the national interim measures"),
         Text("符合《绿色工厂梯度培育及管理暂行办法》第十四条{clause}相关标准要求。",
              "Meets the standards of article 14, {clause_en}, of the national interim measures: met."),
         Text("须符合《绿色工厂梯度培育及管理暂行办法》第十四条{clause}相关标准要求；按所填信息不符合。",
              "The applicant must meet the standards of article 14, {clause_en}, of the national interim measures; "
              "by the facts given it does not.")),
    # 第十七条: the national list counts as the provincial list
    Rule("already_national_listed", _all(LawRef(17)), always,
         Text("是否已列入工业和信息化部公布的国家级绿色制造名单", "{subject_en} is already on the MIIT national green manufacturing list"),
         Text("未列入国家级绿色制造名单。", "Not on the national green manufacturing list."),
         Text("", ""),
         by_value=MappingProxyType({
             True: Text("已列入国家级绿色制造名单，同时列为省级绿色制造名单，无需再申请培育，转入动态管理。",
                        "Already on the national list, which counts as the provincial list: no application is "
                        "needed; the unit is under dynamic management."),
             False: Text("尚未列入国家级绿色制造名单，按培育程序申报。",
                         "Not on the national list yet: the cultivation procedure applies."),
         })),
    # 第十八条: what bars anyone for three years; for a park it covers the enterprises in it
    Rule("deregistered", _all(LawRef(18, "（一）")), is_false,
         Text("{subject}近{years_zh}年未被工商注销", "{subject_en} was not deregistered in the last {years} years"),
         Text("{subject}近{years_zh}年未工商注销，符合。", "Not deregistered in the last {years} years: met."),
         Text("近{years_zh}年工商注销属于未正常经营生产，不得申请、推荐和列入绿色制造名单。",
              "Deregistration in the last {years} years counts as not operating normally and bars the application.")),
    Rule("longest_halt_months", _all(LawRef(18, "（一）")), halt_below_limit,
         Text("{subject}近{years_zh}年连续停产不满{halt_limit}个月",
              "{subject_en} halted production for less than {halt_limit} months in a row in the last {years} years"),
         Text("{subject}近{years_zh}年最长连续停产{value}个月，不满{halt_limit}个月，符合。",
              "Longest halt {value} months, less than {halt_limit}: met."),
         Text("近{years_zh}年连续停产{halt_limit}个月以上（含{halt_limit}个月）属于未正常经营生产；所填最长连续停产"
              "{value}个月，不得申请。",
              "A halt of {halt_limit} months or more in a row in the last {years} years counts as not operating "
              "normally; the longest halt given is {value} months, which bars the application.")),
    Rule("abnormal_operation_listed", _all(LawRef(18, "（一）")), is_false,
         Text("{subject}未被列入经营异常名单（或已被移出）",
              "{subject_en} is not on the abnormal-operation list (or has been removed from it)"),
         Text("{subject}未被列入经营异常名单（或已移出），符合。", "Not on the abnormal-operation list: met."),
         Text("被市场监督管理部门列入经营异常名单且未被移出，属于未正常经营生产，不得申请。",
              "Being on the market regulator's abnormal-operation list and not removed bars the application.")),
    Rule("accident_or_violation", _all(LawRef(18, "（二）")), is_false,
         Text("{subject}近{years_zh}年未发生安全、质量、环境污染等事故或偷漏税等违法违规行为",
              "{subject_en} had no safety, quality or pollution accident and no tax evasion or other violation in "
              "the last {years} years"),
         Text("{subject}近{years_zh}年未发生事故或违法违规行为，符合。", "No accident or violation: met."),
         Text("近{years_zh}年发生安全（含网络安全、数据安全）、质量、环境污染等事故或偷漏税等违法违规行为的，不得申请。",
              "A safety (including cyber and data security), quality or pollution accident, or tax evasion or "
              "another violation, in the last {years} years bars the application.")),
    Rule("removed_from_list", _all(LawRef(18, "（三）")), is_false,
         Text("{subject}近{years_zh}年未被动态调整出绿色制造名单",
              "{subject_en} was not removed from a green manufacturing list in the last {years} years"),
         Text("{subject}近{years_zh}年未被调整出绿色制造名单，符合。", "Not removed from a list: met."),
         Text("近{years_zh}年被动态调整出绿色制造名单的，不得申请。",
              "Removal from a green manufacturing list in the last {years} years bars the application.")),
    Rule("inspection_serious_issue", _all(LawRef(18, "（四）")), is_false,
         Text("{subject}近{years_zh}年未在国务院及有关部委督查中被发现存在严重问题",
              "{subject_en} had no serious problem found by State Council or ministry inspections"),
         Text("{subject}近{years_zh}年督查中未发现严重问题，符合。", "No serious problem found in inspections: met."),
         Text("近{years_zh}年在国务院及有关部委相关督查工作中被发现存在严重问题的，不得申请。",
              "A serious problem found by State Council or ministry inspections in the last {years} years bars the "
              "application.")),
    Rule("energy_rectification_pending", _all(LawRef(18, "（五）")), is_false,
         Text("{subject}不存在被列入工业节能监察整改名单且未按要求完成整改的情况",
              "{subject_en} has no unfinished rectification from an industrial energy-saving inspection"),
         Text("{subject}无未完成的工业节能监察整改，符合。", "No pending energy-saving rectification: met."),
         Text("被列入工业节能监察整改名单且未按要求完成整改的，不得申请。",
              "Being on the energy-saving inspection rectification list without finishing the rectification bars "
              "the application.")),
    Rule("dishonest_debtor", _all(LawRef(18, "（六）")), is_false,
         Text("{subject}未被列为失信被执行人", "{subject_en} is not listed as a dishonest judgment debtor"),
         Text("{subject}未被列为失信被执行人，符合。", "Not a dishonest judgment debtor: met."),
         Text("被列为失信被执行人的，不得申请。", "Being listed as a dishonest judgment debtor bars the application.")),
)

RULES_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}

# Where an applicant finds an unknown fact out. 第十八条（二）itself names 信用中国 and 国家企业信用信息公示系统; the
# national standard is in another document (第七、八、九条 refer to the interim measures' 第十四条).
_CREDIT_CHINA = Text("可在“信用中国”网站查询（第十八条（二）所列参照）。",
                     "Check it on the Credit China website (named in article 18(2)).")
_GSXT = Text("可在“国家企业信用信息公示系统”查询（第十八条（二）所列参照）。",
             "Check it on the National Enterprise Credit Information Publicity System (named in article 18(2)).")
WHERE_TO_CHECK: dict[str, Text] = {
    "dishonest_debtor": _CREDIT_CHINA,
    "accident_or_violation": Text("可在“信用中国”和“国家企业信用信息公示系统”查询（第十八条（二））。",
                                  "Check Credit China and the National Enterprise Credit Information Publicity "
                                  "System (article 18(2))."),
    "abnormal_operation_listed": _GSXT,
    "deregistered": _GSXT,
    "meets_national_standard": Text("这项标准在工业和信息化部《绿色工厂梯度培育及管理暂行办法》第十四条，不在本细则中；"
                                    "可对照该办法或请第三方机构评价后再确认。",
                                    "The standard is in article 14 of the MIIT Interim Measures, not in these rules; "
                                    "check against them (or with a third-party evaluation)."),
}
ALREADY_LISTED = "already_national_listed"


# Pure functions of the applicant type (four values), asked several times per answer: worked out once
@lru_cache(maxsize=8)
def rules_for(applicant_type: str | None) -> tuple[Rule, ...]:
    """The rules that can be judged for the applicant type, in the regulation's order."""
    return tuple(r for r in RULES if r.applies_to(applicant_type))


@lru_cache(maxsize=8)
def needed_facts(applicant_type: str | None) -> tuple[str, ...]:
    """Every fact that applies to the type (already_national_listed included); the type itself when unknown."""
    facts = tuple(f for r in rules_for(applicant_type) for f in r.facts)
    return (("applicant_type",) if applicant_type is None else ()) + facts


@lru_cache(maxsize=8)
def applicable_fields(applicant_type: str | None) -> frozenset[str]:
    """The facts an applicant of this type may state: its rules' facts plus the type itself."""
    if applicant_type is None:
        return frozenset({"applicant_type"} | {f for r in RULES for f in r.facts})
    return frozenset(needed_facts(applicant_type)) | {"applicant_type"}


def format_number(v: float) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def explain(rule: Rule, outcome: str, value: Any, applicant_type: str | None) -> Text:
    """The reason of a finding, filled in for the applicant type and the value."""
    values = {**CONTEXT[applicant_type], **LAW_VALUES,
              "value": format_number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value}
    if outcome == "unknown":
        cond = rule.condition.format(**values)
        where = WHERE_TO_CHECK.get(rule.id)
        return Text(f"尚不清楚：{cond.zh}。" + (where.zh if where else "请补充此项。"),
                    f"Unknown whether {cond.en}. " + (where.en if where else "Please provide this fact."))
    if isinstance(value, bool) and value in rule.by_value:
        text = rule.by_value[value].format(**values)
    else:
        text = (rule.passed if outcome == "pass" else rule.failed).format(**values)
    return Text(text.zh, text.en[:1].upper() + text.en[1:])
