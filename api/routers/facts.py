"""GET /api/facts: the catalogue of the facts (contract §3), which the widget, the console and the test double
read for every fact's name, label and question instead of keeping tables of their own; GET /api/calendar: the
year at a glance, from the regulation's procedures."""
import json

from fastapi import APIRouter, Response

from catalogue import calendar, facts_document
from intake.citations import cite

router = APIRouter(prefix="/api", tags=["eligibility"])


@router.get("/facts")
def facts() -> Response:
    """The applicant types and every fact: its type, the types it applies to, its labels, question and citation."""
    return Response(_DOCUMENT, media_type="application/json",
                    headers={"Cache-Control": "public, max-age=300"})


_DOCUMENT = json.dumps(facts_document(), ensure_ascii=False)  # data that changes only with a release


@router.get("/calendar")
def year_at_a_glance() -> Response:
    """Every date the regulation sets in a year, who does what by then, in calendar order, each with its article."""
    return Response(_CALENDAR, media_type="application/json", headers={"Cache-Control": "public, max-age=300"})


def _calendar() -> dict:
    entries = []
    for p in calendar():
        c = cite(p.article, p.item) if p.item else cite(p.article)
        entries.append({"when": f"{p.when[0]:02d}-{p.when[1]:02d}", "text": p.answer.as_dict(), "who": p.who,
                        "citation": {**c.model_dump(exclude={"quote_en"}), "quote": p.quote}})
    return {"entries": entries}


_CALENDAR = json.dumps(_calendar(), ensure_ascii=False)
