"""POST /api/eligibility: facts in, verdict out (contract sections 2 and 3)."""
from typing import Annotated, Any

from fastapi import APIRouter, Body

from intake.checker import Verdict, check
from intake.facts import FactError, Facts, parse_facts

from ..errors import ApiError

router = APIRouter(prefix="/api", tags=["eligibility"])

# The body is read as plain JSON and validated here, so that a bad fact gets a message that names it in Chinese
# and English; the schema published for clients is still the Facts model.
_FACTS_BODY = {"requestBody": {"required": True,
                               "content": {"application/json": {"schema": Facts.model_json_schema()}}}}


@router.post("/eligibility", response_model=Verdict, openapi_extra=_FACTS_BODY)
def eligibility(facts: Annotated[Any, Body()]) -> Verdict:
    """The eligibility verdict for a set of facts."""
    try:
        return check(parse_facts(facts))
    except FactError as exc:
        raise ApiError(422, "invalid_fact", exc.zh, exc.en, field=exc.field) from None
