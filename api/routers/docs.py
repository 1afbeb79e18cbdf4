"""The API's documentation page, from the package's own files (ASSISTANT_API_DOCS): it lists the operations of
/openapi.json and loads nothing from another site."""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

STATIC = Path(__file__).resolve().parent.parent / "static"

router = APIRouter(include_in_schema=False)


@router.get("/docs")
def docs_page() -> FileResponse:
    return FileResponse(STATIC / "docs.html", media_type="text/html; charset=utf-8")


@router.get("/docs.js")
def docs_script() -> FileResponse:
    return FileResponse(STATIC / "docs.js", media_type="application/javascript; charset=utf-8")
