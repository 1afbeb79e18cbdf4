"""The eligibility verdict: facts in, verdict out. Pure and deterministic (same facts, same verdict).

Status (contract section 2): ``already_listed`` when the unit is on the national list (第十七条), whatever else
holds; otherwise ``ineligible`` when any rule fails; otherwise ``incomplete`` when a needed fact is unknown;
otherwise ``eligible``. Every failing condition is listed, and unknown facts stay in ``missing`` even when the
applicant is already ineligible, so that one answer shows everything there is to fix."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from knowledge import Citation

from .citations import cite, cite_ref
from .facts import ApplicantType, Facts
from .law import (ANNUAL_REPORT_DEADLINE, CITY_RECOMMENDATION_DEADLINE, CULTIVATION_YEARS,
                  EVALUATION_REPORT_DEADLINE, LOOKBACK_YEARS)
from .rules import ALREADY_LISTED, CONTEXT, LAW_VALUES, RULES_BY_ID, Rule, Text, explain, needed_facts, rules_for

Outcome = Literal["pass", "fail", "unknown"]
Status = Literal["eligible", "ineligible", "incomplete", "already_listed"]


class Finding(BaseModel):
    """One condition judged against one fact."""

    rule: str
    outcome: Outcome
    reason: str
    reason_en: str
    citation: Citation


class NextStep(BaseModel):
    """What the applicant does next, and the article that says so."""

    text: str
    text_en: str
    citation: Citation


class Verdict(BaseModel):
    """The checker's answer (contract section 2)."""

    status: Status
    applicant_type: ApplicantType | None
    findings: list[Finding]
    missing: list[str]
    next_steps: list[NextStep]
    disclaimer: str
    disclaimer_en: str
    # the audit record of this verdict and its printable, read-only link (set where a conversation gave it)
    record_id: str | None = None
    record_url: str | None = None


# Each status in a sentence (Chinese, English), for the chat's reply and the enterprise's printed record
STATUS_TEXT = {
    "eligible": ("初步判断：符合申报条件。", "Preliminary result: the conditions are met."),
    "ineligible": ("初步判断：目前不符合申报条件。", "Preliminary result: the conditions are not met."),
    "incomplete": ("初步判断：还缺少信息，暂时无法判断。", "Preliminary result: some facts are still unknown."),
    "already_listed": ("已在国家级绿色制造名单中，同时列为省级名单（第十七条）。",
                       "Already on the national list, which counts as the provincial list (article 17)."),
}


DISCLAIMER = Text(
    "本结果仅是根据您提供的信息作出的初步自评，不构成审核结论；能否列入绿色制造名单，以各级工业和信息化主管部门"
    "的遴选、审核和评审结果为准。",
    "This is only a preliminary self-assessment based on the facts you gave, not a decision: whether a unit is "
    "listed is decided by the industry and information technology departments through their selection, review "
    "and evaluation.",
)


def judge(rule: Rule, facts: Facts) -> Finding:
    """One rule against the facts; an absent fact gives an unknown finding, never a guess."""
    value = getattr(facts, rule.id)
    outcome: Outcome = "unknown" if value is None else ("pass" if rule.holds(value) else "fail")
    reason = explain(rule, outcome, value, facts.applicant_type)
    return Finding(rule=rule.id, outcome=outcome, reason=reason.zh, reason_en=reason.en,
                   citation=cite_ref(rule.ref(facts.applicant_type)))


def check(facts: Facts) -> Verdict:
    """The verdict for the facts (contract section 2)."""
    kind = facts.applicant_type
    findings = [judge(rule, facts) for rule in rules_for(kind)]
    missing = [f for f in needed_facts(kind) if getattr(facts, f) is None]
    failed = [f for f in findings if f.outcome == "fail"]
    if facts.already_national_listed is True:
        status: Status = "already_listed"
    elif failed:
        status = "ineligible"
    elif missing:
        status = "incomplete"
    else:
        status = "eligible"
    return Verdict(status=status, applicant_type=kind, findings=findings, missing=missing,
                   next_steps=next_steps(status, kind, failed, missing),
                   disclaimer=DISCLAIMER.zh, disclaimer_en=DISCLAIMER.en)


def _step(text: Text, citation: Citation) -> NextStep:
    return NextStep(text=text.zh, text_en=text.en, citation=citation)


def procedure_steps() -> list[NextStep]:
    """From evaluation report to provincial cultivation object: 第六、十一、十二、十三、十四、二十条."""
    deadline, years, report = (CITY_RECOMMENDATION_DEADLINE.value, CULTIVATION_YEARS.value,
                               EVALUATION_REPORT_DEADLINE.value)
    return [
        _step(Text("按照《绿色工厂梯度培育及管理暂行办法》相关标准要求编写评价报告，并通过管理平台逐级提交。",
                   "Write an evaluation report to the standards of the national interim measures and submit it "
                   "level by level through the management platform."), cite(11)),
        _step(Text("管理平台即工业节能与绿色发展管理平台（https://green.miit.gov.cn/），是培育和管理的统一平台。",
                   "The platform is the MIIT industrial energy-saving and green development platform "
                   "(https://green.miit.gov.cn/), the single platform for cultivation and management."), cite(6)),
        _step(Text("所在地级以上市工业和信息化主管部门依据平台上的申报材料，按程序遴选发布市级绿色制造名单。",
                   "The city's industry and IT department selects from the applications on the platform and "
                   "publishes the city list."), cite(12)),
        _step(Text(f"企业的申报时间以所在地级以上市工业和信息化主管部门的通知为准：{deadline.zh()}是市里向省里推荐的"
                   f"截止时间（第十三条），不是企业申报的截止时间，市里受理申报通常更早。",
                   f"Apply by the date your city's industry and IT department sets in its notice: {deadline.en()} is "
                   f"the city's deadline to recommend to the province (article 13), not the enterprise's; cities "
                   f"take applications earlier."), cite(12)),
        _step(Text(f"地级以上市主管部门于每年{deadline.zh()}前，通过管理平台将市级名单推荐至省工业和信息化厅。",
                   f"The city department recommends its list to the provincial department through the platform "
                   f"by {deadline.en()} each year."), cite(13)),
        _step(Text(f"省工业和信息化厅符合性审核通过的，列为省级绿色制造名单培育对象，有效期{years}年；有效期内应对照"
                   f"绿色工厂创建标准持续开展绿色化改造提升。",
                   f"Those that pass the provincial conformity review become provincial cultivation objects for "
                   f"{years} years and keep upgrading against the green-factory standards in that time."),
              cite(14, containing="有效期")),
        _step(Text(f"成为省级培育对象后，应于当年{report.zh()}前通过管理平台提交评价报告（当年已按第十一条提交的除外）。",
                   f"As a provincial cultivation object, submit the evaluation report through the platform by "
                   f"{report.en()} of the year (unless already submitted under article 11 that year)."),
              cite(20, "（一）")),
    ]


def listed_steps(failed: list[Finding]) -> list[NextStep]:
    """Dynamic management of a listed unit: 第十九、二十二、二十三条."""
    deadline = ANNUAL_REPORT_DEADLINE.value
    steps = [
        _step(Text(f"已列入名单的单位应在每年{deadline.zh()}前，通过管理平台填报年度动态管理表，上报绿色制造关键指标情况。",
                   f"Listed units file the annual dynamic-management form with the key green-manufacturing indicators "
                   f"on the platform by {deadline.en()} each year."), cite(19)),
        _step(Text("发生名称变更，或生产经营范围、生产地址、组织边界发生重大变更的，办理完手续后及时报所在地级以上市主管"
                   "部门，并在动态管理表中说明。",
                   "Report a change of name, or a major change of business scope, address or organisational "
                   "boundary, to the city department and explain it in the dynamic-management form."), cite(22)),
    ]
    removal = Text("存在第十八条所列情况、拒不按时填报动态管理表或所提交材料、数据造假的，在发布年度名单时予以移出；"
                   "发生重大及以上生产安全和质量事故、Ⅱ级（重大）及以上突发环境污染事件的，及时移出。",
                   "A unit is removed when the annual list is published if a situation of article 18 applies, it "
                   "does not file the dynamic-management form on time, or its materials or data are falsified; it is "
                   "removed at once after a major safety or quality accident or a grade II or worse pollution event.")
    if failed:
        removal = Text("按所填信息，存在可能导致移出名单的情形，请尽快核实并整改。" + removal.zh,
                       "By the facts given, a situation that can lead to removal exists; check and correct it. "
                       + removal.en)
    steps.append(_step(removal, cite(23)))
    return steps


def fix_steps(kind: str | None, failed: list[Finding]) -> list[NextStep]:
    """What an ineligible applicant can do: one step per article whose conditions fail, then 第十条."""
    steps = []
    articles = sorted({f.citation.article_no for f in failed})
    conditions = [a for a in articles if a != 18]
    if conditions:
        steps.append(_step(Text(f"不符合{CONTEXT[kind]['article']}所列培育条件的，待条件具备后再申报。",
                                "Apply once the cultivation conditions that are not met are met."),
                           cite(conditions[0])))
    if 18 in articles:
        years = LOOKBACK_YEARS.value
        steps.append(_step(Text(f"第十八条所列情况按近{years}年计：相关情况发生在{years}年之前，或已依法移出、完成整改后，"
                                f"才不再构成障碍，以主管部门认定为准。",
                                f"Article 18 looks back {years} years: a situation stops barring the application "
                                f"once it lies more than {years} years back or has been lawfully resolved, as the "
                                f"departments judge."), cite(18)))
    steps.append(_step(Text("可联系所在地级以上市工业和信息化主管部门，了解对照标准实施绿色化改造升级的引导和支持。",
                            "Ask the city's industry and IT department about guidance and support for green "
                            "upgrading against the standards."), cite(10, containing="引导和支持")))
    return steps


def missing_steps(kind: str | None, missing: list[str]) -> list[NextStep]:
    """Which facts to find out first, grouped by the article that needs them."""
    steps = []
    if "applicant_type" in missing:
        steps.append(_step(Text("先确定申报类型：绿色工厂、绿色工业园区或绿色供应链管理企业。",
                                "First decide what to apply as: green factory, green industrial park or green "
                                "supply-chain management enterprise."), cite(3, containing="绿色工厂梯度培育是指")))
    by_article: dict[int, list[Rule]] = {}
    for fact in missing:
        if fact in RULES_BY_ID:
            rule = RULES_BY_ID[fact]
            by_article.setdefault(rule.ref(kind).article_no, []).append(rule)
    for article_no, rules in by_article.items():
        conds = [r.condition.format(**CONTEXT[kind], **LAW_VALUES) for r in rules]
        steps.append(_step(Text("请核实并补充：" + "；".join(c.zh for c in conds) + "。",
                                "Find out and provide: " + "; ".join(c.en for c in conds) + "."),
                           cite(article_no)))
    return steps


def next_steps(status: Status, kind: str | None, failed: list[Finding], missing: list[str]) -> list[NextStep]:
    if status == "already_listed":
        return listed_steps(failed)
    if status == "ineligible":
        return fix_steps(kind, failed)
    if status == "incomplete":
        return missing_steps(kind, missing) + procedure_steps()
    return procedure_steps()


__all__ = ["Finding", "NextStep", "Verdict", "check", "ALREADY_LISTED"]
