"""The embeddable chat widget and a demo page that embeds it, as department staff would."""
from __future__ import annotations

import html
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse

STATIC = Path(__file__).resolve().parent.parent / "static"

router = APIRouter(tags=["widget"])


@router.get("/widget.js", include_in_schema=False)
def widget_js() -> FileResponse:
    """The widget script that department pages embed with one tag."""
    # Short max-age so a fixed widget reaches every page within minutes; the ETag makes revalidation cheap.
    # Cross-origin resource policy: department pages that isolate themselves (COEP) may still load it.
    return FileResponse(STATIC / "widget.js", media_type="application/javascript; charset=utf-8", headers={
        "Cache-Control": "public, max-age=300",
        "Cross-Origin-Resource-Policy": "cross-origin",
        "X-Content-Type-Options": "nosniff",
    })


@router.get("/", include_in_schema=False)
@router.get("/demo", include_in_schema=False)
def demo(request: Request) -> HTMLResponse:
    """A plain page with the widget embedded, and the one-line embed for staff to copy."""
    # The page shows this service's own address in the snippet; the Host header is the visitor's input, so escape it.
    origin = html.escape(str(request.base_url).rstrip("/"), quote=True)
    page = (STATIC / "demo.html").read_text(encoding="utf-8").replace("{{ORIGIN}}", origin)
    return HTMLResponse(page, headers={"Cache-Control": "no-cache"})
