"""Errors a user can cause carry their HTTP status and a message in Chinese and English; one handler turns
them (and FastAPI's own validation errors) into JSON. Nothing reaches the client as a 500 or a stack trace."""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("assistant.api")


class ApiError(Exception):
    def __init__(self, status: int, code: str, zh: str, en: str, *, field: str | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(en)
        self.status, self.code, self.zh, self.en, self.field, self.headers = status, code, zh, en, field, headers

    def body(self) -> dict:
        out = {"error": self.code, "message": f"{self.zh} / {self.en}", "message_zh": self.zh, "message_en": self.en}
        if self.field:
            out["field"] = self.field
        return out


def invalid_session_id() -> ApiError:
    """A session id this service could never have issued (contract: 422, unlike an unknown one)."""
    return ApiError(422, "invalid_session_id", "会话编号无效：不是本服务签发的编号。",
                    "This session_id is not one this service issues.", field="session_id")


def error_response(err: ApiError) -> JSONResponse:
    return JSONResponse(err.body(), status_code=err.status, headers=err.headers)


def _location(loc: tuple) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    return ".".join(parts) or "body"


def _validation_error(exc: RequestValidationError) -> ApiError:
    errors = exc.errors()
    first = errors[0] if errors else {}
    where = _location(tuple(first.get("loc", ())))
    if first.get("type") == "json_invalid":
        return ApiError(422, "invalid_json", "请求体不是有效的 JSON。", "The request body is not valid JSON.")
    detail = "; ".join(f"{_location(tuple(e.get('loc', ())))}: {e.get('msg', '')}" for e in errors[:5])
    return ApiError(422, "invalid_input", f"输入有误（{where}）：{detail}", f"Invalid input ({where}): {detail}",
                    field=where)


_STATUS_TEXT = {
    404: ("找不到该资源。", "Not found."),
    405: ("不支持该请求方法。", "Method not allowed."),
    413: ("请求体过大。", "Request body too large."),
}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        return error_response(_validation_error(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        zh, en = _STATUS_TEXT.get(exc.status_code, ("请求无法处理。", str(exc.detail)))
        return error_response(ApiError(exc.status_code, "http_error", zh, en, headers=getattr(exc, "headers", None)))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        from .middleware import security_headers

        log.exception("unexpected error on %s %s", request.method, request.url.path)
        # this response leaves through Starlette's outermost error layer, past our header middleware: it carries
        # the security headers itself
        return error_response(ApiError(500, "internal_error", "服务暂时出错，请稍后再试。",
                                       "The service hit an internal error; please try again later.",
                                       headers=security_headers(request.url.path)))
