"""Admin actions over HTTP: rebuild the index, ingest a document. Off (404) unless ASSISTANT_ADMIN_TOKEN is set.

A rebuild happens beside the running index and replaces it in one step, so that requests in flight finish on
the old one and the next ones see the new one; rebuilds and ingests queue on one lock."""
from __future__ import annotations

import hmac
import re
import threading
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Request
from pydantic import BaseModel, ConfigDict, Field

from assistant.answering import Answerer
from knowledge.index import HybridIndex
from knowledge.parse import ARTICLE_HEADING, CHAPTER_HEADING, DocumentError, parse_document
from knowledge.sources import hidden_characters, ingested_dir, title_key, visible

from ..deps import ServicesDep
from ..errors import ApiError
from ..limits import retry_after_header
from ..services import Services

router = APIRouter(prefix="/api/admin", tags=["admin"])

_rebuild_lock = threading.Lock()
BEARER = re.compile(r"^Bearer\s+(\S+)\s*$", re.I)
HEADING = re.compile(rf"{ARTICLE_HEADING.pattern}|{CHAPTER_HEADING.pattern}|^#")


def _off() -> ApiError:
    return ApiError(404, "not_found", "找不到该资源。", "Not found.")


def require_admin(request: Request, services: ServicesDep,
                  authorization: Annotated[str | None, Header()] = None) -> None:
    """The request carries ``Authorization: Bearer <ASSISTANT_ADMIN_TOKEN>``; without a token set, no admin. A client
    that sent too many wrong tokens in the last minute is refused (429) before its token is even looked at."""
    token = services.settings.admin_token
    if not token:
        raise _off()  # an unset token is no admin at all, not an admin anyone can guess into
    client = services.proxies.client(request.scope)
    if (wait := services.admin_failures.wait(client)) > 0:
        raise _slow_down(wait)
    m = BEARER.match(authorization or "")
    # compare bytes: compare_digest refuses non-ASCII str, and a visitor may send any header
    if not m or not hmac.compare_digest(m.group(1).encode(), token.encode()):
        if (wait := services.admin_failures.acquire(client)) > 0:
            raise _slow_down(wait)
        raise ApiError(401, "unauthorized", "需要有效的管理令牌。", "A valid admin token is required.",
                       headers={"WWW-Authenticate": "Bearer"})


def _slow_down(wait: float) -> ApiError:
    retry = retry_after_header(wait)
    return ApiError(429, "too_many_failures", f"管理令牌错误次数过多，请 {retry} 秒后再试。",
                    f"Too many wrong admin tokens; retry in {retry} s.", headers={"Retry-After": retry})


AdminDep = Annotated[None, Depends(require_admin)]


class IndexOut(BaseModel):
    """The index now serving: what it holds and whether this call had to embed anything."""

    documents: list[str]
    units: int
    built: bool
    build_seconds: float


class DocumentIn(BaseModel):
    """A policy document as text; it is cited by ``title``. Markdown without 第X条 headings is cited by section."""

    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=120)
    text: str = Field(min_length=1)
    format: Literal["md", "txt"] = "md"


class DocumentOut(IndexOut):
    """The ingested document (its title, how many articles or sections) and the index that now includes it."""

    title: str
    articles: int
    file: str


def rebuild(services: Services) -> HybridIndex:
    """Opens the index of the sources on disk beside the running one, then swaps it in. Caller holds the lock."""
    index = HybridIndex.configured(services.settings)
    answerer = Answerer(index, services.answerer.chat_model if services.answerer else None,
                        cache_dir=services.settings.data_dir)
    # each assignment is atomic; a handler reads one of them per request, and each is whole
    services.index, services.answerer, services.documents = index, answerer, index.documents
    return index


def _index_out(index: HybridIndex) -> dict:
    return {"documents": [d.title for d in index.documents], "units": len(index.units), "built": index.built,
            "build_seconds": round(index.build_seconds, 2)}


@router.post("/reindex", response_model=IndexOut, responses={401: {}, 404: {"description": "admin is off"}})
def reindex(_: AdminDep, services: ServicesDep) -> IndexOut:
    """Rebuild the index from the sources (the regulation and the ingested documents) and serve it."""
    with _rebuild_lock:
        return IndexOut(**_index_out(rebuild(services)))


def file_name(title: str, fmt: str) -> str:
    """A file name of the title's letters and digits only: no path, no dot file, whatever the title holds."""
    stem = re.sub(r"[^\w]+", "-", title, flags=re.UNICODE).strip("-_")[:80] or "document"
    return f"{stem}.{fmt}"


def titled_text(title: str, text: str) -> str:
    """The text, with a heading added when its own would not make ``title`` its title on the next load."""
    if parse_document(text, fallback_title="").title == title:
        return text
    # A text with 第X条 headings takes its title from a 《…》 before them, any other from its first # heading
    for head in (f"# {title}", f"《{title}》"):
        if parse_document(f"{head}\n\n{text}", fallback_title="").title == title:
            return f"{head}\n\n{text}"
    return text


@router.post("/documents", response_model=DocumentOut, status_code=201,
             responses={401: {}, 404: {"description": "admin is off"}, 409: {"description": "title taken"}})
def ingest(body: DocumentIn, _: AdminDep, services: ServicesDep) -> DocumentOut:
    """Add a policy document (plain text or Markdown) under its title, then rebuild the index and serve it."""
    title = " ".join(body.title.split())
    if not title or "《" in title or "》" in title:
        raise ApiError(422, "invalid_title", "标题不能为空，也不要带书名号。", "The title must be non-empty and "
                       "without 《》.", field="title")
    if any(hidden_characters(line) for line in body.text.splitlines() if HEADING.match(visible(line).strip())):
        raise ApiError(422, "invalid_heading", "标题行（第X条、章、# 标题）含有控制字符或零宽字符。",
                       "A heading (第X条, a chapter, a # heading) holds control or zero-width characters.", field="text")
    name = file_name(title, body.format)
    try:
        text = titled_text(title, body.text)
        doc = parse_document(text, fallback_title=Path(name).stem)  # as load_documents will read it
    except DocumentError as exc:
        raise ApiError(422, "invalid_document", exc.zh, exc.en, field="text") from None
    if doc.title != title or not doc.articles:
        raise ApiError(422, "invalid_document", "无法从该文本中解析出内容。", "No text could be parsed from this "
                       "document.", field="text")
    target_dir = ingested_dir(services.settings.data_dir)
    with _rebuild_lock:
        # titles are the same once normalised (NFKC, no zero-width characters); only the same document's own file
        # may be replaced, and never the regulation
        owner = {title_key(d.title): d for d in services.documents}
        same = owner.get(title_key(title))
        existing = target_dir / name
        replacing = existing.exists() and same is not None and same is not services.documents[0] and \
            same.title == title
        if (same is not None and not replacing) or (existing.exists() and not replacing):
            raise ApiError(409, "title_taken", f"已有同名（或归一化后同名）的文件《{title}》。",
                           f"A document with this title (once normalised) exists: {title!r}.", field="title")
        if hidden_characters(title):
            raise ApiError(422, "invalid_title", "标题不能含控制字符或零宽字符。",
                           "The title must not hold control or zero-width characters.", field="title")
        target_dir.mkdir(parents=True, exist_ok=True)
        tmp = target_dir / f".{name}.tmp"  # load_documents skips it: written whole, then renamed into place
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target_dir / name)
        index = rebuild(services)
    return DocumentOut(title=title, articles=len(doc.articles), file=Path(name).name, **_index_out(index))
