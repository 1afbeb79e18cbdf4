"""Admin actions over HTTP: rebuild the index, list, ingest (text, Markdown, PDF) and remove documents. Off (404)
unless ASSISTANT_ADMIN_TOKEN is set.

A rebuild happens beside the running index and replaces it in one step, so that requests in flight finish on
the old one and the next ones see the new one; rebuilds and ingests queue on one lock."""
from __future__ import annotations

import hmac
import re
import threading
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.datastructures import UploadFile as StarletteUpload

from assistant.answering import Answerer
from knowledge.index import HybridIndex
from knowledge.parse import ARTICLE_HEADING, CHAPTER_HEADING, DocumentError, parse_document
from knowledge.pdf import pdf_text
from knowledge.sources import document_titled, hidden_characters, ingested_dir, ingested_documents, visible

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


async def require_admin(request: Request, services: ServicesDep,
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


class DocumentListed(BaseModel):
    title: str
    articles: int
    removable: bool


class DocumentOut(IndexOut):
    """The ingested document (its title, how many articles or sections) and the index that now includes it."""

    title: str
    articles: int
    file: str


def rebuild(services: Services) -> HybridIndex:
    """Opens the index of the sources on disk beside the running one, then swaps it in. Caller holds the lock."""
    index = HybridIndex.configured(services.settings)
    answerer = Answerer(index, services.answerer.chat_model if services.answerer else None,
                        cache_dir=services.settings.data_dir, contact=services.settings.contact)
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


DOCUMENT_UPLOAD = {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"],
    "properties": {"file": {"type": "string", "format": "binary", "description": "a .pdf, .md or .txt file"},
                   "title": {"type": "string", "maxLength": 120, "description": "default: the PDF's own title "
                             "or the file's name"}}}}}
UPLOAD_FORMATS = {".pdf": "pdf", ".md": "md", ".markdown": "md", ".txt": "txt"}


class DocumentsOut(BaseModel):
    """The documents the index holds; the regulation comes first and cannot be removed."""

    documents: list[DocumentListed]


@router.get("/documents", response_model=DocumentsOut, responses={401: {}, 404: {"description": "admin is off"}})
def list_documents(_: AdminDep, services: ServicesDep) -> DocumentsOut:
    """The regulation and every ingested document, with how many articles or sections each has."""
    return DocumentsOut(documents=[DocumentListed(title=d.title, articles=len(d.articles), removable=i > 0)
                                   for i, d in enumerate(services.documents)])


@router.post("/documents", response_model=DocumentOut, status_code=201,
             responses={401: {}, 404: {"description": "admin is off"}, 409: {"description": "title taken"}},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": DocumentIn.model_json_schema()}, **DOCUMENT_UPLOAD}}})
async def ingest(request: Request, _: AdminDep, services: ServicesDep) -> DocumentOut:
    """Add a policy document under its title, then rebuild the index and serve it: JSON text or Markdown, or a
    file upload (multipart: a PDF, Markdown or text file, and optionally its title). The admin token is checked
    before the body is read."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "multipart/form-data":
        body = await _uploaded(request)
    elif media in ("application/json", ""):
        try:
            body = DocumentIn.model_validate_json(await request.body())
        except ValidationError as exc:
            raise RequestValidationError(exc.errors(include_url=False)) from None
    else:
        raise ApiError(415, "unsupported_media_type", "请以 JSON 或 multipart/form-data（文件上传）提交。",
                       "Send JSON or multipart/form-data (a file upload).", field="content-type")
    return await run_in_threadpool(_ingest, body, services)


async def _uploaded(request: Request) -> DocumentIn:
    """A file from the console: its text (a PDF's through pypdf), titled by the form, the PDF, or the file name."""
    try:
        form = await request.form(max_files=1, max_fields=4)
    except HTTPException:  # the body size limit's 413, raised as the body arrives
        raise
    except Exception:  # starlette raises several types for a malformed multipart body
        raise ApiError(400, "invalid_upload", "上传内容无法解析。", "The upload could not be read.",
                       field="file") from None
    upload, title = form.get("file"), form.get("title")
    if not isinstance(upload, StarletteUpload) or not upload.filename:
        raise ApiError(422, "missing_file", "请上传一个文件（PDF、Markdown 或 txt）。",
                       "Upload a file (PDF, Markdown or plain text).", field="file")
    fmt = UPLOAD_FORMATS.get(Path(upload.filename).suffix.lower())
    if fmt is None:
        raise ApiError(415, "unsupported_file", "只接受 .pdf、.md、.txt 文件。", "Only .pdf, .md and .txt files "
                       "are accepted.", field="file")
    data = await upload.read()
    own_title = None
    try:
        if fmt == "pdf":
            text, own_title = await run_in_threadpool(pdf_text, data)
            fmt = "txt"
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ApiError(422, "invalid_encoding", "文件须为 UTF-8 编码。", "The file must be UTF-8 text.",
                       field="file") from None
    except DocumentError as exc:
        raise ApiError(422, "invalid_document", exc.zh, exc.en, field="file") from None
    chosen = (title if isinstance(title, str) and title.strip() else None) or own_title
    if not chosen:  # the document's own title (its 《…》 or first heading), else the file's name
        try:
            chosen = parse_document(text, fallback_title=Path(upload.filename).stem).title
        except DocumentError as exc:
            raise ApiError(422, "invalid_document", exc.zh, exc.en, field="file") from None
    try:
        return DocumentIn(title=chosen[:120], text=text, format=fmt)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False)) from None


def _ingest(body: DocumentIn, services: Services) -> DocumentOut:
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
        same = document_titled(services.documents, title)
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


@router.delete("/documents", response_model=DocumentOut,
               responses={401: {}, 404: {"description": "admin is off, or no such document"},
                          409: {"description": "the regulation cannot be removed"}})
def remove_document(_: AdminDep, services: ServicesDep,
                    title: str = Query(min_length=1, max_length=200)) -> DocumentOut:
    """Remove an ingested document (by its title), then rebuild the index without it."""
    with _rebuild_lock:
        docs = services.documents
        doc = document_titled(docs, title)
        if doc is None:
            raise ApiError(404, "document_not_found", f"没有标题为《{title}》的文件。",
                           f"No document titled {title!r}.", field="title")
        if doc is docs[0]:
            raise ApiError(409, "regulation_kept", "细则本身不能删除。", "The regulation itself cannot be removed.",
                           field="title")
        # the file is the one whose text parses to this title, as the index reads it
        path = next((p for p, d in ingested_documents(services.settings.data_dir) if d.title == doc.title), None)
        if path is None:
            raise ApiError(404, "document_not_found", f"找不到《{title}》的文件。",
                           f"The file of {title!r} was not found.", field="title")
        path.unlink()
        index = rebuild(services)
    return DocumentOut(title=doc.title, articles=len(doc.articles), file=path.name, **_index_out(index))
