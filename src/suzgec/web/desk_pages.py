"""The moderator desk's pages: bulk decisions, the audit log (and its export), accounts.

Accounts are for admins only: a moderator gets a Turkish 403 page. The audit export is
streamed: entries are read in batches and written out as they come.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from suzgec.model import Status
from suzgec.store import Store
from suzgec.store.accounts import ROLES, AccountRefused
from suzgec.store.audit_search import AuditFilter
from suzgec.store.bulk import MAX_BULK, BulkOutcome
from suzgec.web import texts
from suzgec.web.desk_filters import audit_filter
from suzgec.web.errors import HttpError
from suzgec.web.security import hash_password
from suzgec.web.state import get_state
from suzgec.web.ui import (
    _check_csrf,
    _comment_list,
    _csrf,
    _listed,
    _login_redirect,
    _moderator,
    _next_page,
    _queue,
    read_form,
    render,
)

router = APIRouter(include_in_schema=False)

AUDIT_PAGE = 100
MIN_PASSWORD = 8
USERNAME = re.compile(r"[A-Za-z0-9ÇĞİÖŞÜçğıöşü._-]{1,80}")
_BULK_STATUS = {"approve": Status.APPROVED, "reject": Status.REJECTED}
MAX_BULK_FIELDS = MAX_BULK + 10


async def _bulk_form(request: Request) -> tuple[dict[str, str], list[str]]:
    """The bulk form: its fields, and every `ids` value (a form with many of one name)."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/x-www-form-urlencoded":
        raise HttpError(415, "unsupported_media_type", texts.UNSUPPORTED_FORM)
    try:
        pairs = parse_qsl(
            (await request.body()).decode("utf-8"),
            keep_blank_values=True,
            errors="strict",
            max_num_fields=MAX_BULK_FIELDS,
        )
    except (UnicodeDecodeError, ValueError):
        raise HttpError(400, "bad_request", texts.BULK_TOO_MANY.format(limit=MAX_BULK)) from None
    if any("\x00" in v for _, v in pairs):
        raise HttpError(400, "bad_request", texts.BAD_FORM)
    return dict(pairs), [v for k, v in pairs if k == "ids"]


def bulk_summary(outcomes: list[BulkOutcome], action: str) -> dict[str, Any]:
    done = [o for o in outcomes if o.done]
    refused = [o for o in outcomes if not o.done]
    return {
        "done": len(done),
        "done_text": texts.BULK_DONE.format(done=len(done), action=texts.BULK_ACTIONS[action]),
        "refused": refused,
        "refused_text": texts.BULK_REFUSED.format(n=len(refused)),
    }


@router.post("/moderator/toplu")
async def bulk(request: Request) -> Response:
    form, raw_ids = await _bulk_form(request)
    _check_csrf(request, form)
    user = _moderator(request)
    if user is None:
        return _login_redirect()
    back = _next_page(form)
    action = form.get("action", "")
    ids = [int(v) for v in raw_ids if v.isascii() and v.isdigit() and len(v) < 10]
    error = None
    if action not in _BULK_STATUS:
        error = texts.BULK_BAD_ACTION
    elif not ids:
        error = texts.BULK_NONE
    elif len(ids) > MAX_BULK:
        error = texts.BULK_TOO_MANY.format(limit=MAX_BULK)
    summary = None
    if error is None:
        note = form.get("note", "").strip()[:2000] or None
        outcomes = await run_in_threadpool(
            get_state(request).store.decide_many, ids, user, _BULK_STATUS[action], note
        )
        summary = bulk_summary(outcomes, action)
    # The page the moderator came from, with its filters, and what happened to each.
    path, _, query = back.partition("?")
    request.scope["query_string"] = query.encode()
    status = 200 if error is None else 422
    if path.startswith("/moderator/reddedilenler"):
        return _comment_list(request, "rejected.html", "rejected", _listed, status, error)
    return _comment_list(request, "queue.html", "queue", _queue, status, error, bulk=summary)


# -- the audit log -------------------------------------------------------------------


def _audit_rows(entries: Iterator[Any]) -> Iterator[dict[str, Any]]:
    for e in entries:
        yield e.to_dict()


def export_csv(store: Store, filters: AuditFilter) -> Iterator[str]:
    columns = ["id", "created_at", "actor", "action", "comment_id", "subject", "note"]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in _audit_rows(store.iter_audit(filters)):
        writer.writerow(["" if row[c] is None else row[c] for c in columns])
        if buffer.tell() > 16_384:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def export_jsonl(store: Store, filters: AuditFilter) -> Iterator[str]:
    for row in _audit_rows(store.iter_audit(filters)):
        yield json.dumps(row, ensure_ascii=False) + "\n"


def audit_export(store: Store, filters: AuditFilter, kind: str) -> StreamingResponse:
    if kind == "csv":
        body, media = export_csv(store, filters), "text/csv; charset=utf-8"
    else:
        body, media = export_jsonl(store, filters), "application/x-ndjson; charset=utf-8"
    headers = {"Content-Disposition": f'attachment; filename="suzgec-denetim.{kind}"'}
    return StreamingResponse(body, media_type=media, headers=headers)


@router.get("/moderator/denetim")
def audit_page(request: Request) -> Response:
    user = _moderator(request)
    if user is None:
        return _login_redirect()
    store = get_state(request).store
    filters, parsed = audit_filter(request.query_params)
    raw = request.query_params.get("once", "")
    before = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None
    listed = store.audit_page(filters, before, AUDIT_PAGE)
    kept = {k: v for k, v in parsed.values.items() if v}
    account = store.get_moderator(user)
    return render(
        request,
        "audit.html",
        user=user,
        is_admin=bool(account and account.is_admin),
        csrf=_csrf(request),
        page="audit",
        entries=listed.items,
        total=listed.total,
        next_cursor=listed.next_cursor,
        filters=parsed.values,
        query=urlencode(kept),
        actions=store.audit_actions(),
        error=" ".join(parsed.errors) or None,
        notice=None,
    )


@router.get("/moderator/denetim.csv")
def audit_csv(request: Request) -> Response:
    if _moderator(request) is None:
        return _login_redirect()
    return audit_export(get_state(request).store, audit_filter(request.query_params)[0], "csv")


@router.get("/moderator/denetim.jsonl")
def audit_jsonl(request: Request) -> Response:
    if _moderator(request) is None:
        return _login_redirect()
    return audit_export(get_state(request).store, audit_filter(request.query_params)[0], "jsonl")


# -- accounts (admins only) ------------------------------------------------------------


def _admin(request: Request) -> str | Response:
    """The logged-in admin, or the response to give instead (login, or a Turkish 403)."""
    user = _moderator(request)
    if user is None:
        return _login_redirect()
    account = get_state(request).store.get_moderator(user)
    if account is None or not account.is_admin:
        raise HttpError(403, "forbidden", texts.ADMIN_ONLY)
    return user


def _accounts(
    request: Request,
    user: str,
    status: int = 200,
    error: str | None = None,
    notice: str | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    return render(
        request,
        "accounts.html",
        status,
        user=user,
        is_admin=True,
        csrf=_csrf(request),
        page="accounts",
        accounts=get_state(request).store.list_accounts(),
        error=error,
        notice={"text": notice} if notice else None,
        values=values or {},
        roles=ROLES,
    )


@router.get("/moderator/hesaplar")
def accounts_page(request: Request) -> Response:
    user = _admin(request)
    if isinstance(user, Response):
        return user
    return _accounts(request, user)


def account_problem(username: str, password: str, role: str) -> str | None:
    if not USERNAME.fullmatch(username):
        return texts.ACCOUNT_BAD_NAME
    if len(password) < MIN_PASSWORD:
        return texts.ACCOUNT_SHORT_PASSWORD.format(n=MIN_PASSWORD)
    if role not in ROLES:
        return texts.FILTER_BAD_CHOICE.format(field="Rol", value=role)
    return None


@router.post("/moderator/hesaplar")
async def account_add(request: Request) -> Response:
    form = await read_form(request)
    _check_csrf(request, form)
    user = _admin(request)
    if isinstance(user, Response):
        return user
    username = form.get("username", "").strip()
    password = form.get("password", "")
    role = form.get("role", "moderator")
    values = {"username": username, "role": role}  # never the password back
    problem = account_problem(username, password, role)
    if problem:
        return _accounts(request, user, 422, problem, values=values)
    store = get_state(request).store
    try:
        await run_in_threadpool(store.create_account, user, username, hash_password(password), role)
    except AccountRefused as exc:
        return _accounts(request, user, 409, str(exc), values=values)
    from suzgec import messages

    text = texts.ACCOUNT_ADDED.format(username=username, role=messages.ROLE_NAMES[role])
    return _accounts(request, user, notice=text)


@router.post("/moderator/hesaplar/{username}")
async def account_change(request: Request, username: str) -> Response:
    """One change to one account: `do` is disable, enable, password or role."""
    form = await read_form(request)
    _check_csrf(request, form)
    user = _admin(request)
    if isinstance(user, Response):
        return user
    store = get_state(request).store
    do = form.get("do", "")
    from suzgec import messages

    try:
        if do in ("disable", "enable"):
            await run_in_threadpool(store.set_account_disabled, user, username, do == "disable")
            template = (
                texts.ACCOUNT_DISABLED_NOTICE if do == "disable" else texts.ACCOUNT_ENABLED_NOTICE
            )
            text = template.format(username=username)
        elif do == "password":
            password = form.get("password", "")
            if len(password) < MIN_PASSWORD:
                error = texts.ACCOUNT_SHORT_PASSWORD.format(n=MIN_PASSWORD)
                return _accounts(request, user, 422, error)
            await run_in_threadpool(store.reset_password, user, username, hash_password(password))
            text = texts.ACCOUNT_PASSWORD_NOTICE.format(username=username)
        elif do == "role":
            role = form.get("role", "")
            await run_in_threadpool(store.set_role, user, username, role)
            text = texts.ACCOUNT_ROLE_NOTICE.format(
                username=username, role=messages.ROLE_NAMES.get(role, role)
            )
        else:
            raise HttpError(400, "bad_request", texts.BAD_FORM)
    except AccountRefused as exc:
        return _accounts(request, user, 409, str(exc))
    return _accounts(request, user, notice=text)
