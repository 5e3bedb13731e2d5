"""One error shape for the whole site: {"error": {"code", "message"}} (HTML pages get a page).

Core errors (SuzgecError) become HTTP errors here and nowhere else.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from suzgec.errors import InvalidComment, SuzgecError
from suzgec.store import Conflict, NotFound
from suzgec.web import texts

log = logging.getLogger(__name__)

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "request_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "rate_limited",
    431: "headers_too_large",
}
_MESSAGES = {404: texts.NOT_FOUND, 405: texts.METHOD_NOT_ALLOWED, 401: texts.UNAUTHORIZED}


class HttpError(StarletteHTTPException):
    """An HTTP error with our code and a Turkish message."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code


def wants_json(request: Request) -> bool:
    if request.url.path.startswith("/api"):
        return True
    return "text/html" not in request.headers.get("accept", "")


def error_response(
    request: Request,
    status: int,
    code: str,
    message: str,
    headers: Mapping[str, str] | None = None,
    *,
    details: list[dict[str, Any]] | None = None,
) -> Response:
    if wants_json(request):
        error: dict[str, Any] = {"code": code, "message": message}
        if details:
            error["details"] = details
        body = {"error": error}
        return JSONResponse(body, status_code=status, headers=dict(headers or {}))
    templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "code": code, "message": message},
        status_code=status,
        headers=dict(headers or {}),
    )


def _subject(loc: tuple[Any, ...]) -> str:
    """What an error is about, in Turkish: a body field, a parameter, a header, the body."""
    where, *path = loc or ("body",)
    name = ".".join(str(p) for p in path)
    if not name:
        return texts.BODY
    if where == "body":
        return texts.FIELD.format(name=name)
    if where == "header":
        return texts.HEADER.format(name=name)
    return texts.PARAMETER.format(name=name)


def turkish(err: Mapping[str, Any]) -> str:
    """One pydantic validation error in Turkish, by its type, naming the field."""
    kind = str(err.get("type", ""))
    ctx = {k: str(v) for k, v in (err.get("ctx") or {}).items()}
    if "expected" in ctx:  # pydantic lists choices as "'a' or 'b'"
        ctx["expected"] = ctx["expected"].replace(" or ", " ya da ")
    subject = _subject(tuple(err.get("loc", ())))
    if kind == "missing" and subject == texts.BODY:
        return texts.BODY_MISSING
    template = texts.VALIDATION.get(kind, texts.VALIDATION_OTHER)
    try:
        return template.format(**ctx, subject=subject, type=kind)
    except (KeyError, IndexError):  # a context we did not expect: still name the field
        return texts.VALIDATION_OTHER.format(subject=subject, type=kind)


def _json_message(err: Mapping[str, Any]) -> str:
    loc = tuple(err.get("loc", ()))
    position = loc[1] + 1 if len(loc) > 1 and isinstance(loc[1], int) else 1
    detail = str((err.get("ctx") or {}).get("error", ""))
    reason = texts.JSON_REASONS.get(detail, texts.JSON_REASON_OTHER)
    return texts.BAD_JSON_AT.format(position=position, reason=reason)


def _validation_message(exc: RequestValidationError) -> tuple[int, str, str, list[dict[str, Any]]]:
    """Status, code, Turkish message and machine-readable details (where, which error type)."""
    errors: list[dict[str, Any]] = list(exc.errors())
    if errors and errors[0].get("type") == "json_invalid":
        message = _json_message(errors[0])
        detail = {"loc": list(errors[0].get("loc", ())), "type": "json_invalid", "message": message}
        return 400, "invalid_json", message, [detail]
    messages = [turkish(err) for err in errors]
    details: list[dict[str, Any]] = [
        {"loc": list(err.get("loc", ())), "type": str(err.get("type", "")), "message": message}
        for err, message in zip(errors, messages, strict=True)
    ]
    problems = " ".join(messages[:5])
    return 422, "invalid_request", texts.INVALID_REQUEST.format(problems=problems), details


DB_RETRY_SECONDS = 2


def install(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = getattr(exc, "code", None) or _CODES.get(exc.status_code, "error")
        message = str(exc.detail) if isinstance(exc, HttpError) else ""
        if not message:
            message = _MESSAGES.get(exc.status_code, str(exc.detail))
        if exc.detail == "There was an error parsing the body":
            # FastAPI says only this, whatever broke; the cause tells JSON nested past what
            # the parser follows apart from a body that is not UTF-8 JSON at all.
            if isinstance(exc.__cause__, RecursionError):
                code, message = "json_too_deep", texts.JSON_TOO_DEEP
            else:
                message = texts.BAD_BODY
        return error_response(request, exc.status_code, code, message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        status, code, message, details = _validation_message(exc)
        return error_response(request, status, code, message, details=details)

    @app.exception_handler(OperationalError)
    async def _database(request: Request, exc: OperationalError) -> Response:
        # A locked SQLite file (a long write elsewhere) or a PostgreSQL server that is
        # restarting: nothing was written, and the same request can simply be sent again.
        # Logged by type only: the statement's parameters may be comment text.
        log.warning("database unavailable: %s", type(exc.orig).__name__)
        headers = {"Retry-After": str(DB_RETRY_SECONDS)}
        message = texts.DB_BUSY.format(seconds=DB_RETRY_SECONDS)
        return error_response(request, 503, "database_busy", message, headers)

    @app.exception_handler(SuzgecError)
    async def _core(request: Request, exc: SuzgecError) -> Response:
        if isinstance(exc, NotFound):
            return error_response(request, 404, "not_found", str(exc))
        if isinstance(exc, Conflict):
            return error_response(request, 409, "conflict", str(exc))
        if isinstance(exc, InvalidComment):
            return error_response(request, 422, "invalid_comment", str(exc))
        log.error("unhandled %s", type(exc).__name__)
        return error_response(request, 500, "internal", texts.INTERNAL)


class CatchAll:
    """Unexpected exceptions become the 500 error shape, here rather than in Starlette's
    outermost handler, which would re-raise and let the server log the exception
    message (which may quote input); this logs the type and the frames only."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception as exc:
            frames = "".join(traceback.format_tb(exc.__traceback__))
            log.error(
                "unexpected %s on %s %s\n%s",
                type(exc).__name__,
                scope.get("method"),
                scope.get("path"),
                frames,
            )
            if started:
                raise  # too late for an error page; the server closes the connection
            response = error_response(Request(scope), 500, "internal", texts.INTERNAL)
            await response(scope, receive, send)


class BodyLimit:
    """413 for bodies over `limit` bytes: by Content-Length up front, or while streaming."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = texts.TOO_LARGE.format(limit=self.limit)
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = self.limit + 1
                if declared > self.limit:
                    body = {"error": {"code": "request_too_large", "message": message}}
                    await JSONResponse(body, status_code=413)(scope, receive, send)
                    return
        received = 0

        async def limited() -> Message:
            nonlocal received
            msg = await receive()
            if msg["type"] == "http.request":
                received += len(msg.get("body", b""))
                if received > self.limit:
                    raise HttpError(413, "request_too_large", message)
            return msg

        await self.app(scope, limited, send)


# uvicorn's default HTTP parser (httptools) takes headers of any size; its h11 parser has a
# limit option, httptools none. 16 KiB is more than browsers send with a full cookie jar.
MAX_HEADER_BYTES = 16 * 1024


class HeaderLimit:
    """431 for requests whose headers add up to more than `limit` bytes (names, values and
    the ": " and line end of each), whatever server runs the app."""

    def __init__(self, app: ASGIApp, limit: int = MAX_HEADER_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            size = sum(len(name) + len(value) + 4 for name, value in scope["headers"])
            if size > self.limit:
                message = texts.HEADERS_TOO_LARGE.format(limit=self.limit)
                response = error_response(Request(scope), 431, "headers_too_large", message)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
