"""The enterprise's side of an audit record: a printable page (A4) of its self-check — the facts as answered, each
finding with its article, the next steps, the date, the rules version and the record's id, which staff look up
in the console. It holds what the enterprise typed and what the rules concluded, nothing else. Pure: HTML out,
every value escaped."""
from __future__ import annotations

from datetime import timedelta, timezone
from html import escape

from intake.checker import STATUS_TEXT
from intake.questions import FACT_LABELS, fact_in_words

from .audit import AuditRecord

CHINA = timezone(timedelta(hours=8))  # the department's time, whatever the server's zone
OUTCOME = {"fail": ("✗ 不符合", "not met"), "unknown": ("？ 待确认", "unknown"), "pass": ("✓ 符合", "met")}
REGULATION = "《广东省绿色工厂梯度培育管理实施细则》"


def render(record: AuditRecord) -> str:
    v = record.verdict
    zh, en = STATUS_TEXT[v.status]
    when = (record.decided_at if record.decided_at.tzinfo else record.decided_at.replace(tzinfo=timezone.utc)).astimezone(CHINA)
    facts = "".join(f"<tr><th scope='row'>{escape(FACT_LABELS.get(k, k))}</th><td>{escape(fact_in_words(k, val))}</td></tr>"
                    for k, val in record.facts.items())
    order = {"fail": 0, "unknown": 1, "pass": 2}
    findings = "".join(
        f"<li class='{f.outcome}'><span class='mark'>{OUTCOME[f.outcome][0]}</span> {escape(f.reason)} "
        f"<span class='cite'>（{escape(f.citation.article_and_item)}）</span></li>"
        for f in sorted(v.findings, key=lambda f: order[f.outcome]))
    steps = "".join(f"<li>{escape(s.text)} <span class='cite'>（{escape(s.citation.article_and_item)}）</span></li>"
                    for s in v.next_steps)
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>绿色工厂申报条件自测记录 {escape(record.record_id)}</title>
<link rel="stylesheet" href="/record-assets/record.css">
<script src="/record-assets/record.js" defer></script>
</head>
<body>
<main>
<header>
<h1>绿色工厂申报条件自测记录</h1>
<p class="sub">Self-check record · 依据{REGULATION}</p>
<dl class="meta">
<dt>记录编号 Record</dt><dd id="record-id">{escape(record.record_id)}</dd>
<dt>自测时间 Date</dt><dd>{when:%Y-%m-%d %H:%M}（北京时间）</dd>
<dt>规则版本 Rules version</dt><dd id="rules-version">{escape(record.rules_version)}</dd>
</dl>
</header>
<section class="status {escape(v.status)}"><h2>{escape(zh)}</h2><p lang="en">{escape(en)}</p></section>
<section><h2>所填情况 <span lang="en">Facts as answered</span></h2>
<table class="facts"><tbody>{facts}</tbody></table></section>
<section><h2>逐项结果 <span lang="en">Findings</span></h2><ul class="findings">{findings}</ul></section>
<section><h2>下一步 <span lang="en">Next steps</span></h2><ol>{steps}</ol></section>
<section class="note"><h2>说明</h2><p>{escape(v.disclaimer)}</p>
<p>持本记录到所在地级以上市工业和信息化主管部门咨询时，工作人员可凭记录编号查到同一记录。</p></section>
<p class="actions"><button type="button" id="print">打印 / 保存为 PDF</button></p>
</main>
</body>
</html>
"""
