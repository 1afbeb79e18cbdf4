"""The regulation's procedures as data: every entry's sentence verbatim in its article, every article covered,
and the year's dates served in calendar order."""
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.settings import Settings
from catalogue import calendar, procedures
from knowledge import load_regulation

PROCEDURES = procedures()


def _squash(t: str) -> str:
    return "".join(t.split())


@pytest.mark.parametrize("p", PROCEDURES, ids=[f"{p.article}{p.item or ''}-{p.asks}-{i}" for i, p in enumerate(PROCEDURES)])
def test_every_procedure_quotes_its_article_verbatim(p):
    article = load_regulation().article(p.article)
    assert _squash(p.quote) in _squash(article.text)
    if p.lead_in:
        assert _squash(p.lead_in) in _squash(article.text)
    assert p.answer.zh and p.answer.en and p.questions


def test_every_article_settles_something():
    assert {p.article for p in PROCEDURES} == {a.no for a in load_regulation().articles}


def test_the_year_s_dates_come_in_calendar_order_with_their_articles(tmp_path):
    with TestClient(create_app(Settings(data_dir=tmp_path, rate_limit=0))) as c:
        entries = c.get("/api/calendar").json()["entries"]
    assert [e["when"] for e in entries] == sorted(e["when"] for e in entries)
    assert {(e["when"], e["citation"]["article_no"]) for e in entries} >= {("04-15", 19), ("06-30", 13), ("06-30", 20)}
    assert all(e["text"]["zh"] and e["text"]["en"] and e["citation"]["quote"] for e in entries)
    assert len(entries) == len(calendar())
