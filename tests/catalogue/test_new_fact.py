"""A new fact touches the catalogue only: in a temporary copy of the project whose catalogue gains one fact (with
its rule), that fact is served by GET /api/facts, asked by the check, read from words, and checked, with no other
file changed."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("catalogue", "knowledge", "reading", "intake", "assistant", "console", "api")

NEW_FACT = {
    "name": "data_security_incident",
    "type": "boolean",
    "applicant_types": ["factory", "park", "supply_chain"],
    "refs": {t: {"article": 18, "item": "（二）",
                 "quote": "发生安全（含网络安全、数据安全）、质量、环境污染等事故"} for t in ("factory", "park", "supply_chain")},
    "step": "exclusions",
    "label": {"zh": "发生数据安全事件", "en": "A data-security incident"},
    "question": {"zh": "近{years_zh}年，{subject}是否发生过数据安全事件？",
                 "en": "In the last {years} years, did {subject_en} have a data-security incident?"},
    "rule": {"holds": "false",
             "condition": {"zh": "{subject}近{years_zh}年未发生数据安全事件", "en": "no data-security incident"},
             "passed": {"zh": "未发生数据安全事件，符合。", "en": "No data-security incident: met."},
             "failed": {"zh": "近{years_zh}年发生数据安全事件的，不得申请。",
                        "en": "A data-security incident in the last {years} years bars the application."}},
    "vocabulary": {"short": {"zh": "数据安全", "en": "Data security"}, "labels": ["数据安全", "Data security"],
                   "names": ["数据泄露", "数据安全事件", "data leak"], "event": True},
}

SCRIPT = r'''
import json
from fastapi.testclient import TestClient
from api.app import create_app
from assistant.settings import Settings
import tempfile

with TestClient(create_app(Settings(data_dir=tempfile.mkdtemp(), rate_limit=0))) as c:
    served = [f["name"] for f in c.get("/api/facts").json()["facts"]]
    sid = c.post("/api/intake", json={"applicant_type": "factory"}).json()["session_id"]
    asked, read, r = [], None, c.get(f"/api/intake/{sid}").json()
    while r.get("question"):
        q = r["question"]
        asked += q["fields"]
        if "data_security_incident" in q["fields"]:
            r = c.post(f"/api/intake/{sid}/answer", json={"text": "去年出过一次数据泄露，其他都没有"}).json()
            read = r["recorded"].get("data_security_incident")
            continue
        values = {f: 0 if f == "longest_halt_months" else f in ("registered_in_guangdong", "operates_in_guangdong",
                  "independent_legal_entity", "manufacturing_enterprise", "meets_national_standard")
                  for f in q["fields"]}
        r = c.post(f"/api/intake/{sid}/answer", json={"values": values}).json()
    verdict = c.post("/api/eligibility", json={"applicant_type": "factory", "data_security_incident": True}).json()
    failed = [f["rule"] for f in verdict["findings"] if f["outcome"] == "fail"]
    print(json.dumps({"served": "data_security_incident" in served, "asked": "data_security_incident" in asked,
                      "read": read, "final": r["verdict"]["status"], "failed": failed,
                      "cited": [f["citation"]["item"] for f in verdict["findings"] if f["rule"] == "data_security_incident"]}))
'''


def test_a_fact_added_to_the_catalogue_alone_is_served_asked_read_and_checked(tmp_path):
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    facts = tmp_path / "catalogue" / "data" / "facts.json"
    catalogue = json.loads(facts.read_text(encoding="utf-8"))
    catalogue["facts"].append(NEW_FACT)
    facts.write_text(json.dumps(catalogue, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got == {"served": True, "asked": True, "read": True, "final": "ineligible",
                   "failed": ["data_security_incident"], "cited": ["（二）"]}
