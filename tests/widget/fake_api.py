"""A contract-shaped double of the assistant's HTTP API (contract section 3), served to the browser through
Playwright's request interception. It lets the widget be tested on every question kind (checklists and confirms
included), hints, recorded facts and verdict shapes, whatever the real service happens to ask, and records what
the widget sent.

GET /api/facts is the real catalogue (``catalogue.facts_document()``): the facts' names and labels the widget shows.

One conversation, one id: the chat and the check share their sessions, so a check started in the chat is answered
through /api/intake/{id}/answer and the reverse, and POST /api/intake with a ``session_id`` starts the check inside
that conversation. The intake asks ``FakeAssistant.questions`` in order (a test may replace the list), each question
once its facts are not all answered; then, when a fact was read from words and not yet confirmed, one question of
kind ``confirm`` (``FakeAssistant.confirm`` turns it off) before the verdict. A chat message containing 能申报 opens
the same intake inside the chat; while it is open, a chat message that is not a question answers the pending
question in words; after the verdict, a message such as 刚才说错了，我们停产过14个月 corrects that fact and the verdict
is given again. A chat message containing 指南 is answered from a second (ingested) document as well as the
regulation, both citing a 第十三条. Chat replies carry ``suggestions`` (``FakeAssistant.suggestions``: the replies
to messages containing a key). A question about timing in general (申报流程是怎样的？一年里要做哪些事？, any of
``CALENDAR_WORDS``) is answered as the year at a glance, with ``"calendar": true``; GET /api/calendar serves the
real procedures' dates (``catalogue.calendar()``; ``calendar_doc`` replaces them), and ``calendar_status`` makes it
fail. A chat message containing 原文 is answered with ``QUOTES``: citations whose quotes stand in their article
verbatim, with other spacing, not at all, or in an article that cannot be had.

Besides the contract's section 3 it answers POST /api/rating (contract section 5; ``rating_status`` makes it refuse),
GET /record/{session_id} (the printable record of a self-check, a tiny HTML page) and /api/articles/{no}?doc=."""
from __future__ import annotations

import html
import json
import re
from urllib.parse import parse_qs, urlparse

from catalogue import calendar, facts_document

REGULATION = "广东省绿色工厂梯度培育管理实施细则"
CITATION = {"doc": REGULATION}
ARTICLES = {
    3: ("第三条", "第一章 总则", "本细则所称绿色制造名单包括绿色工厂、绿色工业园区、绿色供应链管理企业。"),
    7: ("第七条", "第二章 申报条件", "申报省级绿色工厂应当具备以下条件：（一）注册地和实际生产（经营）场所在广东省行政区域内……"),
    13: ("第十三条", "第三章 推荐程序", "地级以上市工业和信息化主管部门于每年6月30日前将市级绿色制造名单推荐至省工业和信息化厅。"),
    17: ("第十七条", "第四章 动态管理", "已列入国家级绿色制造名单的，同时列为省级绿色制造名单。"),
    18: ("第十八条", "第三章 推荐程序", "有下列情形之一的，不得推荐：（一）近三年工商注销、连续停产12个月以上……"),
}


# a further document staff ingested (contract section 5): its own articles, numbered as it numbers them
GUIDE = "广东省绿色制造名单申报工作指南"
GUIDE_ARTICLES = {
    5: ("第五条", "第二章 申报材料", "申报材料包括申报书、自评价报告和第三方评价报告。"),
    13: ("第十三条", "第四章 附则", "本指南由省工业和信息化厅负责解释。"),
}
DOCUMENTS = {REGULATION: ARTICLES, GUIDE: GUIDE_ARTICLES}


_NUMERALS = "零一二三四五六七八九"


def article_label(no: int) -> str:
    """第十九条 for 19 (the regulation has 30 articles)."""
    tens, ones = divmod(no, 10)
    words = ("" if tens == 0 else "十" if tens == 1 else _NUMERALS[tens] + "十") + (_NUMERALS[ones] if ones else "")
    return f"第{words}条"


def calendar_document() -> dict:
    """GET /api/calendar as the contract has it: every date the regulation sets in a year, in calendar order."""
    return {"entries": [{"when": f"{p.when[0]:02d}-{p.when[1]:02d}", "text": p.answer.as_dict(), "who": p.who,
                         "citation": {"article_no": p.article, "label": article_label(p.article), "quote": p.quote}}
                        for p in calendar()]}


# citations of every kind of quote (a chat message containing 原文): (citation, where its quote stands)
QUOTES = [
    ({"doc": REGULATION, "article_no": 13, "label": "第十三条", "quote": "每年6月30日前"}, "in the article"),
    ({"doc": REGULATION, "article_no": 17, "label": "第十七条", "quote": "同时列为 省级绿色制造名单"},
     "in the article, spaced otherwise"),
    ({"doc": REGULATION, "article_no": 3, "label": "第三条", "quote": "本细则自2024年7月1日起施行。"}, "not in the article"),
    ({"doc": REGULATION, "article_no": 19, "label": "第十九条", "quote": "应在每年4月15日前填报年度动态管理表"},
     "the article cannot be had"),
]

# what makes a chat message a question about timing in general (the year at a glance)
CALENDAR_WORDS = ("一年里", "时间节点", "申报流程", "What happens when", "timeline")


def cite(no: int, **extra) -> dict:
    return {**CITATION, "article_no": no, "label": ARTICLES[no][0], **extra}


def cite_guide(no: int, **extra) -> dict:
    return {"doc": GUIDE, "article_no": no, "label": GUIDE_ARTICLES[no][0], **extra}


# fact: (tick-box label as the service words it, the citation of its rule, the value that passes its rule)
CONDITIONS = {
    "registered_in_guangdong": ("注册地在广东省行政区域内", cite(7, item="（一）")),
    "operates_in_guangdong": ("实际生产（经营）场所在广东省行政区域内", cite(7, item="（一）")),
    "independent_legal_entity": ("依法设立并具有独立法人资格（或视同法人的独立核算单位）", cite(7, item="（二）")),
    "manufacturing_enterprise": ("从事实际生产的制造型企业", cite(7, item="（三）")),
}
EXCLUSIONS = {
    "deregistered": ("被工商注销", cite(18, item="（一）")),
    "abnormal_operation_listed": ("被市场监督管理部门列入经营异常名单且未被移出", cite(18, item="（一）")),
    "accident_or_violation": ("发生安全（含网络安全、数据安全）、质量、环境污染等事故或偷漏税等违法违规行为",
                              cite(18, item="（二）")),
    "dishonest_debtor": ("被列为失信被执行人", cite(18, item="（六）")),
}


def checklist(facts: dict, text: str, citation: dict, why: str) -> dict:
    return {"field": None, "fields": list(facts), "text": text, "kind": "checklist",
            "choices": [{"field": f, "label": label} for f, (label, _) in facts.items()],
            "citation": citation, "why": why, "hint": "可以回答“都符合”“都没有”，或逐项说明。", "unit": None}


APPLICANT_TYPE = {
    "field": "applicant_type", "fields": ["applicant_type"], "text": "您要申报哪一类？", "kind": "choice",
    "why": "不同类型的申报条件不同。", "hint": "请选择申报类型。", "unit": None, "citation": cite(3),
    "choices": [{"value": "factory", "label": "绿色工厂"}, {"value": "park", "label": "绿色工业园区"},
                {"value": "supply_chain", "label": "绿色供应链管理企业"}]}
NATIONAL = {
    "field": "already_national_listed", "fields": ["already_national_listed"], "kind": "boolean",
    "text": "贵企业是否已列入国家级绿色制造名单？", "why": "已列入国家级名单的，同时列为省级绿色制造名单（第十七条）。",
    "hint": "请回答“是”或“否”；不清楚的话可以回答“不清楚”。", "unit": None, "citation": cite(17),
    "choices": [{"value": True, "label": "是"}, {"value": False, "label": "否"}, {"value": None, "label": "不清楚"}]}
CONDITIONS_CHECKLIST = checklist(
    CONDITIONS, "贵企业是否符合以下各项条件？请勾选符合的项。", cite(7), "第七条：申报省级绿色工厂应当符合这些条件。")
HALT = {
    "field": "longest_halt_months", "fields": ["longest_halt_months"], "kind": "number", "choices": None,
    "text": "近三年最长连续停产几个月？", "why": "第十八条（一）：连续停产12个月以上的不得申请。", "unit": "个月",
    "hint": "请回答月数，例如“3个月”“一年半”。", "citation": cite(18, item="（一）")}
EXCLUSIONS_CHECKLIST = checklist(
    EXCLUSIONS, "近三年，贵企业是否有以下情况？请勾选有的项。", cite(18),
    "第十八条：近三年有所列情况的，不得申请、推荐和列入绿色制造名单。")

QUESTIONS = [APPLICANT_TYPE, NATIONAL, CONDITIONS_CHECKLIST, HALT, EXCLUSIONS_CHECKLIST]
FACTS = ("applicant_type", "already_national_listed", *CONDITIONS, "longest_halt_months", *EXCLUSIONS)
# every fact of contract section 2: what an answer may record (the fake's verdict reads only FACTS)
CONTRACT_FACTS = frozenset((*FACTS, "legal_boundary", "unified_management", "manufacturing_energy_function",
                            "industrial_value_added_share", "park_cultivation_plan", "industry_leading",
                            "creating_green_factory", "supplier_cultivation_plan", "meets_national_standard",
                            "removed_from_list", "inspection_serious_issue", "energy_rectification_pending"))

# the catalogue of the facts, as GET /api/facts serves it (the service's own, not a copy)
def fact_label(fact: str, lang: str = "zh") -> str:
    """A fact's label from the catalogue, as the service words it for a person (never the fact's identifier)."""
    entry = next(f for f in facts_document()["facts"] if f["name"] == fact)
    return entry["label"]["en" if lang == "en" else "zh"]


def fact_type(fact: str) -> str | None:
    return next((f["type"] for f in facts_document()["facts"] if f["name"] == fact), None)


WORDS = {"是": True, "是的": True, "有": True, "否": False, "不是": False, "没有": False, "不清楚": None,
         "yes": True, "no": False, "not sure": None}
# what the fake understands of a checklist answered in words: every fact of the checklist gets this value
CHECKLIST_WORDS = {"都没有": False, "以上都没有": False, "都不符合": False, "以上都不符合": False,
                   "都符合": True, "以上都符合": True, "不清楚": None}
NUMBER_WORDS = {"三个月": 3, "一年半": 18, "百分之六十": 60, "没有": 0, "没有停过产": 0, "不清楚": None}
# words that confirm every fact of a confirm question as recorded
CONFIRM_WORDS = {"对", "没错", "确认", "是的", "确认无误", "yes", "correct", "confirm"}
# a correction of the halt said at any time, before or after the verdict (刚才说错了，我们停产过14个月)
HALT_CORRECTION = re.compile(r"停产(?:过|了)?\s*(\d+)\s*个?月")


def understand(question: dict, text: str) -> dict | None:
    """The facts an answer in words records for the pending question; None when not understood."""
    text = text.strip().rstrip("。.!！")
    fields = question["fields"]
    if question["kind"] == "confirm":
        return {} if text.lower() in CONFIRM_WORDS else None  # nothing new: the facts as recorded are confirmed
    if question["kind"] == "checklist":
        if text in CHECKLIST_WORDS:
            return dict.fromkeys(fields, CHECKLIST_WORDS[text])
        # every fact with its value, "label：是；label：否；…"
        said = dict(part.rsplit("：", 1) for part in text.split("；") if "：" in part)
        labels = {c["label"]: c["field"] for c in question["choices"]}
        if said and set(said) == set(labels) and set(said.values()) <= set(WORDS):
            return {labels[label]: WORDS[word] for label, word in said.items()}
        return None
    if question["kind"] == "number":
        if text in NUMBER_WORDS:
            return {fields[0]: NUMBER_WORDS[text]}
        m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(?:个月|%)?", text)
        return {fields[0]: float(m.group(1)) if "." in m.group(1) else int(m.group(1))} if m else None
    if question["kind"] == "boolean" and text.lower() in WORDS:
        return {fields[0]: WORDS[text.lower()]}
    if question["kind"] == "choice":
        for c in question["choices"]:
            if text == c["label"]:
                return {fields[0]: c["value"]}
    return None


def recorded_text(recorded: dict, question: dict | None, lang: str = "zh") -> str | None:
    """The chat's sentence for what a message recorded, as the service words it (a checklist's facts by their
    tick-box labels, other facts by the catalogue's labels)."""
    labels = {c["field"]: c["label"] for c in (question or {}).get("choices") or [] if "field" in c}
    parts = []
    for f, v in recorded.items():
        label = labels.get(f) or fact_label(f, lang)
        if isinstance(v, bool) or v is None:
            parts.append(f"{label} {'✓' if v is True else '✗' if v is False else '（不清楚）'}")
        else:
            parts.append(f"{label}：{v}")
    return "已记下：" + "；".join(parts) if parts else None


def confirm_question(answers: dict, facts: list[str], lang: str = "zh", labels: dict | None = None) -> dict:
    """Contract section 3: the facts read from words, each with its value as recorded, asked once before the verdict
    (``labels``: the service's words for some facts instead of the catalogue's)."""
    en = lang == "en"
    labels = labels or {}
    return {"field": None, "fields": list(facts), "kind": "confirm",
            "text": "Please check what we noted before the result:" if en else "给出结果前，请核对以下记下的信息：",
            "choices": [{"field": f, "label": labels.get(f) or fact_label(f, lang), "value": answers.get(f)}
                        for f in facts],
            "citation": None, "why": None, "unit": None,
            "hint": "Answer “yes” or say what to change." if en else "可以回答“对”“没错”，或直接说明要改的。"}


def verdict(answers: dict) -> dict:
    """Findings in the order of the facts (passes before failures), as the service lists them."""
    findings = []
    for f, (label, citation) in CONDITIONS.items():
        v = answers.get(f)
        findings.append({"rule": f, "reason": label, "reason_en": fact_label(f, "en"), "citation": citation,
                         "outcome": "unknown" if v is None else "pass" if v else "fail"})
    halt = answers.get("longest_halt_months")
    findings.append({"rule": "longest_halt_months", "reason": "近三年连续停产不满12个月",
                     "reason_en": "No halt of 12 months or more", "citation": cite(18, item="（一）"),
                     "outcome": "unknown" if halt is None else "pass" if halt < 12 else "fail"})
    for f, (label, citation) in EXCLUSIONS.items():
        v = answers.get(f)
        findings.append({"rule": f, "reason": f"近三年未{label}", "reason_en": f"Not: {fact_label(f, 'en')}",
                         "citation": citation, "outcome": "unknown" if v is None else "fail" if v else "pass"})
    missing = [f for f in FACTS if answers.get(f) is None]
    status = ("already_listed" if answers.get("already_national_listed") else
              "ineligible" if any(x["outcome"] == "fail" for x in findings) else
              "incomplete" if missing else "eligible")
    return {"status": status, "applicant_type": answers.get("applicant_type"), "findings": findings,
            "missing": missing,
            "next_steps": [{"text": "向所在地级以上市工业和信息化主管部门提交申报材料。", "text_en": "Apply.",
                            "citation": cite(13)}],
            "disclaimer": "本结果仅供参考，以主管部门审核为准。", "disclaimer_en": "For reference only."}


def valid_value(fact: str, value) -> bool:
    """Contract section 2: strict facts (a boolean for a boolean, a number in range for a number, a known type)."""
    if value is None:
        return True
    kind = fact_type(fact)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0 and \
            (fact != "industrial_value_added_share" or value <= 100)
    if kind == "choice":
        return value in {t["value"] for t in facts_document()["applicant_types"]}
    return False


SUGGESTIONS = {
    "申报条件": [{"label": "看看我们能否申报", "message": "我们能申报吗"},
                 {"label": "绿色工业园区的条件", "message": "那园区呢？"}],
    "requirements": [{"label": "Check whether we can apply", "message": "Can we apply?"}],
}


class FakeAssistant:
    def __init__(self, origin: str):
        self.origin = origin
        self.requests: list[tuple[str, str, object]] = []  # (method, path, body) as the widget sent them
        self.sessions: dict[str, dict] = {}  # one per conversation: the chat's and the check's alike
        self.questions: list[dict] = list(QUESTIONS)  # what the intake asks, in order
        self.preset: dict = {}  # facts every new session starts with (as if told before, by value)
        self.confirm = True  # ask a confirm question before a verdict that rests on facts read from words
        self.labels: dict[str, str] = {}  # the words of the confirm question's facts where not the catalogue's
        self.facts_status = 200  # what GET /api/facts answers (500: the catalogue cannot be had)
        self.suggestions: dict[str, list[dict]] = dict(SUGGESTIONS)  # chat replies' suggestions, by a word of the message
        self.rating_status = 200  # what POST /api/rating answers (429: too many requests)
        self.calendar_status = 200  # what GET /api/calendar answers (500: the dates cannot be had)
        self.calendar_doc: dict | None = None  # what GET /api/calendar serves instead of the real dates
        self.mark_asked = False  # add "asked" to chat replies: false for a step of the check answered in words
        self.articles_fetched: list[tuple[int, str | None]] = []  # (article_no, ?doc= or None) as the widget asked
        self.records_opened: list[str] = []  # the session ids of the printable records asked for
        self._issued = 0

    # -- one session per conversation, shared by /api/chat and /api/intake --

    def _new_session(self, prefix: str) -> str:
        self._issued += 1
        sid = f"{prefix}-{self._issued}"
        self.sessions[sid] = {"answers": dict(self.preset), "intake": False, "done": False, "lang": "zh",
                              "unconfirmed": [], "confirmed": False}
        return sid

    def _pending(self, s: dict) -> dict | None:
        q = next((q for q in self.questions if any(f not in s["answers"] for f in q["fields"])), None)
        if q is None and self.confirm and s["unconfirmed"] and not s["confirmed"]:
            return confirm_question(s["answers"], s["unconfirmed"], s["lang"], self.labels)
        return q

    def _next(self, sid: str, recorded: dict, hint: str | None = None) -> dict:
        s = self.sessions[sid]
        q = self._pending(s)
        s["done"] = q is None
        out = {"session_id": sid, "done": q is None, "question": q,
               "verdict": None if q else verdict(s["answers"]), "recorded": recorded}
        if hint:
            out["hint"] = hint
        return out

    def _given(self, s: dict, values: dict) -> None:
        """Facts given by a button or by value: taken as given; an answer to the confirm question confirms it."""
        pending = self._pending(s)
        s["answers"].update(values)
        s["unconfirmed"] = [f for f in s["unconfirmed"] if f not in values]
        if pending is not None and pending["kind"] == "confirm":
            s["confirmed"] = True  # asked once

    def _record_text(self, s: dict, text: str) -> tuple[dict, str | None]:
        q = self._pending(s)
        got = understand(q, text) if q else None
        if got is None:
            halt = HALT_CORRECTION.search(text)  # a correction is understood whatever is pending
            if halt:
                got = {"longest_halt_months": int(halt.group(1))}
            else:
                return {}, q["hint"] if q else "请换一种说法。"
        if q and q["kind"] == "confirm" and not got:
            s["unconfirmed"], s["confirmed"] = [], True  # 对 / 没错: the facts as recorded are confirmed
            return {}, None
        s["answers"].update(got)
        if not s["confirmed"]:
            s["unconfirmed"] += [f for f in got if f not in s["unconfirmed"]]
        return got, None

    def _answer(self, sid: str, body: dict) -> tuple[int, dict]:
        if sid not in self.sessions:
            return 404, {"error": "unknown_session", "message_zh": "会话不存在。", "message_en": "Unknown session."}
        s = self.sessions[sid]
        if "values" in body:
            values = body["values"]
            bad = [f for f, v in values.items() if f not in CONTRACT_FACTS or not valid_value(f, v)]
            if bad:
                return 422, {"error": "invalid_answer", "message_zh": f"无法记录：{fact_label(bad[0])}",
                             "message_en": f"Cannot record: {fact_label(bad[0], 'en')}", "field": bad[0]}
            self._given(s, values)
            return 200, self._next(sid, dict(values))
        if "field" in body:
            self._given(s, {body["field"]: body["value"]})
            return 200, self._next(sid, {body["field"]: body["value"]})
        recorded, hint = self._record_text(s, str(body.get("text", "")))
        return 200, self._next(sid, recorded, hint)

    def _start(self, body: dict) -> tuple[int, dict]:
        """POST /api/intake: a new conversation, or the check started (again) inside the one named."""
        body = body or {}
        sid = body.get("session_id")
        if sid is not None and sid not in self.sessions:
            return 404, {"error": "unknown_session", "message_zh": "会话不存在。", "message_en": "Unknown session."}
        sid = sid or self._new_session("intake")
        s = self.sessions[sid]
        if s["done"]:  # a check that reached its verdict starts over
            s.update(answers=dict(self.preset), unconfirmed=[], confirmed=False)
        s.update(intake=True, lang="en" if body.get("lang") == "en" else "zh")
        return 200, self._next(sid, {})

    def _suggest(self, message: str) -> list[dict]:
        return [x for key, xs in self.suggestions.items() if key in message for x in xs]

    def _chat(self, body: dict) -> dict:
        sid = body.get("session_id")
        if sid not in self.sessions:  # unknown (or none): a new conversation, with the new id in the reply
            sid = self._new_session("chat")
        s = self.sessions[sid]
        message = body["message"]
        if re.search(r"[A-Za-z]{2,}", message) and not re.search(r"[\u4e00-\u9fff]", message):
            s["lang"] = "en"
        out = {"session_id": sid, "answer": "", "citations": [], "conclusion": None, "recorded": {},
               "intake": None, "verdict": None, "suggestions": self._suggest(message)}
        if not s.get("intake") and ("能申报" in message or "can we apply" in message.lower()):
            s["intake"] = True
            q = self._pending(s)
            return {**out, "answer": f"先了解几项情况。\n{q['text']}" if q else "评估完成。", "intake": q,
                    "verdict": None if q else verdict(s["answers"])}
        after_verdict = s["done"] and HALT_CORRECTION.search(message)
        if (s.get("intake") or after_verdict) and not message.rstrip().endswith(("？", "?")):
            asked = self._pending(s)
            recorded, hint = self._record_text(s, message)
            q = self._pending(s)
            s["done"] = q is None
            out.update(recorded=recorded, hint=hint, intake=q, verdict=None if q else verdict(s["answers"]))
            if recorded_text(recorded, asked, s["lang"]):
                out["recorded_text"] = recorded_text(recorded, asked, s["lang"])
            out["answer"] = (hint + "\n" if hint else "") + (q["text"] if q else "评估完成。")
            s["intake"] = q is not None
            if self.mark_asked:
                out["asked"] = False
            return out
        if any(w.lower() in message.lower() for w in CALENDAR_WORDS):
            en = s["lang"] == "en"
            return {**out, "calendar": True, "citations": [cite(13, quote="每年6月30日前")],
                    "answer": "The dates the rules set each year, in order:" if en else
                    "细则规定的每年关键时间节点如下（按日期先后）："}
        if "原文" in message:
            return {**out, "answer": "以下条文的原文可以点开查看。", "citations": [c for c, _ in QUOTES]}
        if "指南" in message:
            return {**out, "answer": "申报材料见《广东省绿色制造名单申报工作指南》第五条；推荐时间见细则第十三条。",
                    "citations": [cite_guide(5, quote="申报材料包括申报书"), cite(13, quote="每年6月30日前"),
                                  cite_guide(13, quote="本指南由省工业和信息化厅负责解释")]}
        return {**out, "answer": f"关于“{message}”：每年6月30日前推荐至省工业和信息化厅。",
                "citations": [cite(13, quote="每年6月30日前")],
                "intake": self._pending(s) if s.get("intake") else None}

    def _rating(self, body) -> tuple[int, dict]:
        if not isinstance(body, dict) or not isinstance(body.get("helpful"), bool) or \
                set(body) - {"session_id", "helpful", "comment"} or len(str(body.get("comment", ""))) > 500:
            return 422, {"error": "invalid_rating", "message_zh": "评价格式不对。", "message_en": "Invalid rating."}
        if body.get("session_id") not in self.sessions:
            return 404, {"error": "unknown_session", "message_zh": "会话不存在。", "message_en": "Unknown session."}
        if self.rating_status == 429:
            return 429, {"error": "rate_limited", "message_zh": "请求过于频繁。", "message_en": "Too many requests."}
        if self.rating_status != 200:
            return self.rating_status, {"error": "failed", "message_zh": "出错了。", "message_en": "Failed."}
        return 200, {"session_id": body["session_id"], "helpful": body["helpful"], "recorded": True}

    def handle(self, method: str, path: str, body, query: dict | None = None) -> tuple[int, object]:
        query = query or {}
        if method == "GET" and path == "/api/facts":
            if self.facts_status != 200:
                return self.facts_status, {"error": "failed", "message_zh": "出错了。", "message_en": "Failed."}
            return 200, facts_document()
        if method == "GET" and path == "/api/calendar":
            if self.calendar_status != 200:
                return self.calendar_status, {"error": "failed", "message_zh": "出错了。", "message_en": "Failed."}
            return 200, self.calendar_doc if self.calendar_doc is not None else calendar_document()
        if method == "GET" and path.startswith("/api/articles/"):
            no = int(path.rsplit("/", 1)[1])
            doc = query.get("doc")
            self.articles_fetched.append((no, doc))
            articles = DOCUMENTS.get(doc or REGULATION)
            if articles is None or no not in articles:
                return 404, {"error": "not_found"}
            label, chapter, text = articles[no]
            return 200, {"article_no": no, "label": label, "chapter": chapter, "text": text, "doc": doc or REGULATION}
        if method == "GET" and path.startswith("/record/"):
            sid = path.split("/", 2)[2]
            self.records_opened.append(sid)
            if sid not in self.sessions:
                return 404, "<!doctype html><title>未找到</title><p>没有这个评估记录。</p>"
            return 200, (f'<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>自评结果记录</title>'
                         f'<h1>自评结果记录</h1><p id="sid">{html.escape(sid)}</p></html>')
        if method == "POST" and path == "/api/rating":
            return self._rating(body)
        if method == "POST" and path == "/api/chat":
            return 200, self._chat(body)
        if method == "POST" and path == "/api/intake":
            return self._start(body)
        if method == "POST" and path.startswith("/api/intake/") and path.endswith("/answer"):
            return self._answer(path.split("/")[3], body)
        return 404, {"error": "not_found"}

    # -- Playwright glue --

    def route(self, route) -> None:
        req = route.request
        cors = {"access-control-allow-origin": self.origin, "access-control-allow-methods": "GET, POST, OPTIONS",
                "access-control-allow-headers": "content-type"}
        if req.method == "OPTIONS":
            route.fulfill(status=204, headers=cors)
            return
        url = urlparse(req.url)
        body = json.loads(req.post_data) if req.post_data else None
        self.requests.append((req.method, url.path, body))
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        status, out = self.handle(req.method, url.path, body, query)
        if status == 429:
            cors["retry-after"] = "30"  # not exposed to the page's script (no Access-Control-Expose-Headers), as served
        if isinstance(out, str):  # a page, not an API reply
            route.fulfill(status=status, content_type="text/html; charset=utf-8", body=out)
            return
        route.fulfill(status=status, headers=cors, content_type="application/json",
                      body=json.dumps(out, ensure_ascii=False))
