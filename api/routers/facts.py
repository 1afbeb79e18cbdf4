"""GET /api/facts: the catalogue of the facts (contract §3), which the widget, the console and the test double
read for every fact's name, label and question instead of keeping tables of their own."""
import json

from fastapi import APIRouter, Response

from catalogue import facts_document

router = APIRouter(prefix="/api", tags=["eligibility"])


@router.get("/facts")
def facts() -> Response:
    """The applicant types and every fact: its type, the types it applies to, its labels, question and citation."""
    return Response(_DOCUMENT, media_type="application/json",
                    headers={"Cache-Control": "public, max-age=300"})


_DOCUMENT = json.dumps(facts_document(), ensure_ascii=False)  # data that changes only with a release
