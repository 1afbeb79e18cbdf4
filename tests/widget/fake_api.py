"""A contract-shaped double of the assistant's HTTP API (contract section 3), served to the browser through
Playwright's request interception. It lets the widget be tested on every question kind, hints and verdict
shapes, whatever the real service happens to ask, and records what the widget sent."""
from __future__ import annotations

import json
from urllib.parse import urlparse

CITATION = {"doc": "广东省绿色工厂梯度培育管理实施细则"}
ARTICLES = {
    3: ("第三条", "第一章 总则", "本细则所称绿色制造名单包括绿色工厂、绿色工业园区、绿色供应链管理企业。"),
    7: ("第七条", "第二章 申报条件", "申报省级绿色工厂应当具备以下条件：（一）注册地和实际生产（经营）场所在广东省行政区域内……"),
    13: ("第十三条", "第三章 推荐程序", "地级以上市工业和信息化主管部门于每年6月30日前将市级绿色制造名单推荐至省工业和信息化厅。"),
    18: ("第十八条", "第三章 推荐程序", "有下列情形之一的，不得推荐：（一）近三年工商注销、连续停产12个月以上……"),
}


def cite(no: int, **extra) -> dict:
    return {**CITATION, "article_no": no, "label": ARTICLES[no][0], **extra}


QUESTIONS = [
    {"field": "applicant_type", "text": "您要申报哪一类？", "kind": "choice", "why": "不同类型的申报条件不同。",
     "choices": [{"value": "factory", "label": "绿色工厂"}, {"value": "park", "label": "绿色工业园区"},
                 {"value": "supply_chain", "label": "绿色供应链管理企业"}], "citation": cite(3)},
    {"field": "registered_in_guangdong", "text": "企业注册地在广东省内吗？", "kind": "boolean",
     "why": "第七条要求注册地在广东省。", "citation": cite(7, item="（一）")},
    {"field": "longest_halt_months", "text": "近三年最长连续停产几个月？", "kind": "number", "citation": cite(18, item="（一）")},
]

WORDS = {"是": True, "是的": True, "有": True, "否": False, "不是": False, "没有": False, "不清楚": None}


class FakeAssistant:
    def __init__(self, origin: str):
        self.origin = origin
        self.requests: list[tuple[str, str, object]] = []  # (method, path, body) as the widget sent them
        self.sessions: dict[str, dict] = {}

    # -- the handlers, keyed by what the contract fixes --

    def _verdict(self, answers: dict) -> dict:
        fail = answers.get("registered_in_guangdong") is False or (answers.get("longest_halt_months") or 0) >= 12
        missing = [q["field"] for q in QUESTIONS if answers.get(q["field"]) is None]
        status = "ineligible" if fail else "incomplete" if missing else "eligible"
        outcome = lambda ok, f: "unknown" if answers.get(f) is None else "pass" if ok else "fail"  # noqa: E731
        return {
            "status": status, "applicant_type": answers.get("applicant_type"),
            "findings": [
                {"rule": "registered_in_guangdong", "reason": "注册地在广东省",
                 "outcome": outcome(answers.get("registered_in_guangdong") is True, "registered_in_guangdong"),
                 "citation": cite(7, item="（一）")},
                {"rule": "longest_halt_months", "reason": "近三年连续停产不满12个月",
                 "outcome": outcome((answers.get("longest_halt_months") or 0) < 12, "longest_halt_months"),
                 "citation": cite(18, item="（一）")},
            ],
            "missing": missing,
            "next_steps": [{"text": "向所在地级以上市工业和信息化主管部门提交申报材料。", "citation": cite(13)}],
            "disclaimer": "本结果仅供参考，以主管部门审核为准。",
        }

    def _next(self, sid: str, hint: str | None = None) -> dict:
        s = self.sessions[sid]
        todo = [q for q in QUESTIONS if q["field"] not in s["answers"]]
        if not todo:
            return {"session_id": sid, "done": True, "question": None, "verdict": self._verdict(s["answers"])}
        out = {"session_id": sid, "done": False, "question": todo[0], "verdict": None}
        if hint:
            out["hint"] = hint
        return out

    def _answer(self, sid: str, body: dict) -> tuple[int, dict]:
        if sid not in self.sessions:
            return 404, {"error": "unknown_session", "message_zh": "会话不存在。", "message_en": "Unknown session."}
        s = self.sessions[sid]
        if "field" in body:
            s["answers"][body["field"]] = body["value"]
            return 200, self._next(sid)
        pending = next(q for q in QUESTIONS if q["field"] not in s["answers"])
        text = str(body.get("text", "")).strip()
        if text in WORDS and pending["kind"] == "boolean":
            s["answers"][pending["field"]] = WORDS[text]
            return 200, self._next(sid)
        return 200, self._next(sid, hint="请回答“是”“否”或“不清楚”。")

    def handle(self, method: str, path: str, body) -> tuple[int, object]:
        if method == "GET" and path.startswith("/api/articles/"):
            no = int(path.rsplit("/", 1)[1])
            if no not in ARTICLES:
                return 404, {"error": "not_found"}
            label, chapter, text = ARTICLES[no]
            return 200, {"article_no": no, "label": label, "chapter": chapter, "text": text}
        if method == "POST" and path == "/api/chat":
            sid = body.get("session_id") or f"chat-{len(self.sessions) + 1}"
            self.sessions.setdefault(sid, {"answers": {}})
            return 200, {"session_id": sid, "answer": f"关于“{body['message']}”：每年6月30日前推荐至省工业和信息化厅。",
                         "citations": [cite(13, quote="每年6月30日前")], "intake": None, "verdict": None}
        if method == "POST" and path == "/api/intake":
            sid = f"intake-{len(self.sessions) + 1}"
            self.sessions[sid] = {"answers": {}}
            return 200, self._next(sid)
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
        path = urlparse(req.url).path
        body = json.loads(req.post_data) if req.post_data else None
        self.requests.append((req.method, path, body))
        status, out = self.handle(req.method, path, body)
        route.fulfill(status=status, headers=cors, content_type="application/json",
                      body=json.dumps(out, ensure_ascii=False))
