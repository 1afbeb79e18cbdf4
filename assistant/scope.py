"""Is a question about the regulation at all? Pure: text in, decision out.

A question is in scope when it carries a term of the regulation's domain (or names an article). Topics the
department handles elsewhere (高新技术企业认定, 出口退税, …) are out of scope unless the question also ties
them to green manufacturing. Retrieval always returns *some* article, so it cannot decide this alone."""
from __future__ import annotations

import re

from knowledge.ranking import mentioned_articles

# Terms that put a question in the regulation's domain
ANCHORS: tuple[str, ...] = (
    "绿色", "工厂", "厂", "园区", "供应链", "名单", "培育", "细则", "办法", "评价报告", "管理平台", "动态管理",
    "停产", "停工", "注销", "异常名", "失信", "老赖", "偷漏税", "偷税", "漏税", "违法", "事故", "督查",
    "节能", "低碳", "碳达峰", "碳中和", "绿码", "第三方", "评价机构", "申报", "报名", "申请", "推荐", "遴选",
    "评审", "公示", "有效期", "移出", "除名", "补贴", "奖励", "专项资金", "扶持", "支持政策", "变更", "改名",
    "更名", "搬迁", "并购", "收购", "工信", "工业和信息化", "制造", "培育对象", "独立核算", "法人", "增加值",
    "供应商", "领跑者", "小巨人", "专精特新", "节水型", "解释", "实施", "生效", "入选", "好处", "优惠", "政策",
    "协会", "科研机构", "污染", "环境信息", "安全事故", "整改", "监察", "造假", "披露", "宣传", "审核", "工信部",
    "地市", "市级", "省级", "国家级", "名录", "资格", "评选", "评定", "认定为", "复核", "抽查",
)
ANCHORS_EN = re.compile(
    r"\b(green|factor(y|ies)|park|supply[- ]chain|list(ed|ing)?|cultivat\w*|eligib\w*|qualif\w*|regulation|"
    r"article|evaluation|platform|subsid\w*|deadline|apply|application|manufactur\w*|dynamic management|annual|"
    r"dishonest|debtor|tax evasion|halt\w*|suspend\w*|removed|third[- ]party|interpret\w*|guangdong)\b", re.I)
# Neighbouring topics the regulation does not cover
OFF_TOPIC: tuple[str, ...] = (
    "高新技术企业", "高企", "出口退税", "退税", "天气", "气温", "下雨", "股票", "社保", "公积金", "医保", "个税",
    "个人所得税", "专利", "商标", "签证", "户口", "落户", "营业执照", "食品", "招聘", "工资", "彩票", "外卖",
)
# Terms strong enough to keep a question in scope despite an off-topic word
STRONG: tuple[str, ...] = ("绿色", "名单", "培育", "细则", "梯度")


def in_scope(question: str) -> bool:
    q = question.strip()
    if mentioned_articles(q):
        return True
    strong = any(t in q for t in STRONG)
    if any(t in q for t in OFF_TOPIC) and not strong:
        return False
    return strong or any(t in q for t in ANCHORS) or bool(ANCHORS_EN.search(q))
