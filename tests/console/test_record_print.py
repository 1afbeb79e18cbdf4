"""The enterprise's side of an audit record: its self-check printed to PDF by Chromium (as the widget's
保存/打印结果 opens it) holds the record id, a failing finding's article and the rules version; staff find the
same record in the console by that id."""
from __future__ import annotations

import io
import unicodedata

import httpx
import pytest

from tests.api.test_console_api import AUTH, HALTED, TOKEN
from tests.support import CHECKOUT, Service, answer_body

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHOTS = CHECKOUT / "artifacts" / "screenshots"


def test_the_printed_record_carries_what_staff_look_up(tmp_path, browser):
    from pypdf import PdfReader

    with Service(tmp_path / "data", ASSISTANT_ADMIN_TOKEN=TOKEN) as s, httpx.Client(base_url=s.base, timeout=60) as c:
        r = c.post("/api/intake", json={}).json()
        sid = r["session_id"]
        while not r["done"]:
            r = c.post(f"/api/intake/{sid}/answer", json=answer_body(r["question"], HALTED)).json()
        assert r["verdict"]["status"] == "ineligible"
        page = browser.new_page(viewport={"width": 390, "height": 844})
        outside: list[str] = []
        page.on("request", lambda req: outside.append(req.url) if not req.url.startswith(s.base) else None)
        assert sid not in r["verdict"]["record_url"]
        page.goto(s.base + r["verdict"]["record_url"])
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "record-phone.png"), full_page=True)
        pdf = page.pdf(format="A4", print_background=True)
        page.close()
        assert not outside
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        # the PDF's text layer maps some glyphs to Kangxi radicals (⼗ for 十): NFKC reads them as the characters
        squeezed = unicodedata.normalize("NFKC", "".join(text.split()))
        record_id = page_record_id(squeezed)
        record = c.get(f"/api/admin/audit/{record_id}", headers=AUTH).json()
        assert record["session_id"] == sid and record["verdict"]["status"] == "ineligible"
        assert record["rules_version"] in squeezed
        assert "第十八条(一)" in squeezed  # NFKC folds the full-width brackets


def page_record_id(text: str) -> str:
    import re

    m = re.search(r"GF-[0-9A-Z]{5}-[0-9A-Z]{5}", text)
    assert m, text[:500]
    return m.group(0)
