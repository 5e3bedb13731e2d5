"""The moderator desk in the JSON API: search, bulk decisions, the audit log, accounts.

Same store queries as the pages (suzgec.web.desk_pages); accounts are for admins only
(403 in Turkish for a moderator).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import Field

from suzgec import messages
from suzgec.model import Status
from suzgec.store.accounts import ROLES, AccountRefused
from suzgec.store.bulk import MAX_BULK
from suzgec.web import texts
from suzgec.web.api import _AUTH_ERRORS, _ERROR, CLAIM_MINUTES, MAX_PAGE, ModeratorName, State
from suzgec.web.desk_filters import FIELDS, audit_filter, comment_filter
from suzgec.web.desk_pages import account_problem, audit_export
from suzgec.web.errors import HttpError
from suzgec.web.inputs import MAX_ID, ApiModel
from suzgec.web.security import hash_password

router = APIRouter(prefix="/api/moderation", tags=["moderation desk"])
_ADMIN_ERRORS: dict[int | str, dict[str, Any]] = {**_AUTH_ERRORS, 403: _ERROR, 409: _ERROR}
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Sayfa başına en fazla kayıt.")]
Text = Annotated[str, Query(max_length=200)]


def _refuse(errors: list[str]) -> None:
    if errors:
        raise HttpError(422, "invalid_filter", " ".join(errors))


@router.get("/comments", responses=_AUTH_ERRORS)
def search(
    request: Request,
    state: State,
    user: ModeratorName,
    q: Text = "",
    author: Text = "",
    article: Text = "",
    clause: Text = "",
    status: Text = "",
    decided_by: Text = "",
    since: Text = "",
    until: Text = "",
    sort: Text = "oldest",
    cursor: Annotated[str | None, Query(max_length=60)] = None,
    limit: Limit = 50,
    claim: bool = False,
) -> dict[str, Any]:
    """Comments by the desk's filters: `q` (text) and `author` are substrings, matched
    case-insensitively with Turkish casing (İ/i, I/ı); `article` a slug; `clause` a
    finding's clause; `status`; `decided_by` auto or human; `since`/`until` days
    (YYYY-MM-DD, Turkish time, both inclusive); `sort` oldest, newest, reported
    (most open reports) or score (highest finding score). `total` is the number of
    matches; pass `next_cursor` back as `cursor`. With `claim=true` only pending
    comments are listed and the page is claimed for you for 10 minutes, as the queue is."""
    del q, author, article, clause, status, decided_by, since, until, sort
    query = {k: v for k, v in request.query_params.items() if k in FIELDS}
    statuses = (str(Status.PENDING),) if claim else ()
    filters, parsed = comment_filter(query, statuses=statuses)
    _refuse(parsed.errors)
    if claim:
        page = state.store.claim_matching(user, filters, cursor, limit, CLAIM_MINUTES)
    else:
        page = state.store.search_comments(filters, cursor, limit)
    return {
        "comments": [
            {**c.to_dict(), "report_count": c.report_count, "commenter_id": c.commenter_id}
            for c in page.items
        ],
        "total": page.total,
        "next_cursor": page.next_cursor,
    }


class BulkIn(ApiModel):
    ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(
        min_length=1, max_length=MAX_BULK, description=f"Yorum numaraları (en fazla {MAX_BULK})."
    )
    action: Literal["approve", "reject"]
    note: str | None = Field(None, max_length=2000, description="Hepsine aynı not.")


@router.post("/bulk", responses=_AUTH_ERRORS)
def bulk(body: BulkIn, state: State, user: ModeratorName) -> dict[str, Any]:
    """Approve or reject many pending comments with one note, one transaction each. Each
    comment has its outcome in `results` (`ok`, and `error` in Turkish when refused:
    decided already, in another moderator's claimed queue, or not found); a refusal
    never undoes the others and is never an error of the whole request."""
    status = Status.APPROVED if body.action == "approve" else Status.REJECTED
    outcomes = state.store.decide_many(body.ids, user, status, body.note)
    return {
        "results": [o.to_dict() for o in outcomes],
        "done": sum(o.done for o in outcomes),
        "refused": sum(not o.done for o in outcomes),
    }


@router.get("/audit", responses=_AUTH_ERRORS)
def audit(
    request: Request,
    state: State,
    user: ModeratorName,
    actor: Text = "",
    action: Text = "",
    comment_id: Text = "",
    subject: Text = "",
    since: Text = "",
    until: Text = "",
    before: Annotated[int | None, Query(ge=0, le=2**31 - 1)] = None,
    limit: Limit = 100,
    format: Literal["json", "csv", "jsonl"] = "json",
) -> Any:
    """The audit log by `actor`, `action`, `comment_id`, `subject` (a prefix, e.g.
    `moderator:`), `since`/`until` (days, inclusive). `format=json`: a page, newest
    first (pass `next_cursor` back as `before`). `format=csv` or `jsonl`: every match,
    oldest first, streamed."""
    del actor, action, comment_id, subject, since, until
    filters, parsed = audit_filter(request.query_params)
    _refuse(parsed.errors)
    if format != "json":
        return audit_export(state.store, filters, format)
    page = state.store.audit_page(filters, before, limit)
    return {
        "entries": [e.to_dict() for e in page.items],
        "total": page.total,
        "next_cursor": page.next_cursor,
    }


def admin_user(state: State, user: ModeratorName) -> str:
    account = state.store.get_moderator(user)
    if account is None or not account.is_admin:
        raise HttpError(403, "forbidden", texts.ADMIN_ONLY)
    return user


AdminName = Annotated[str, Depends(admin_user)]


class AccountIn(ApiModel):
    username: str = Field(max_length=80)
    password: str = Field(max_length=1000, description="İlk parola (en az 8 karakter).")
    role: Literal["moderator", "admin"] = "moderator"


class AccountChange(ApiModel):
    action: Literal["disable", "enable", "password", "role"]
    password: str | None = Field(None, max_length=1000, description="`password` için.")
    role: Literal["moderator", "admin"] | None = Field(None, description="`role` için.")


@router.get("/accounts", responses=_ADMIN_ERRORS)
def accounts(state: State, user: AdminName) -> dict[str, Any]:
    """Every moderator account (admins only)."""
    return {
        "accounts": [
            {**a, "created_at": a["created_at"].isoformat()} for a in state.store.list_accounts()
        ]
    }


@router.post("/accounts", status_code=201, responses=_ADMIN_ERRORS)
def account_add(body: AccountIn, state: State, user: AdminName) -> dict[str, Any]:
    """Open an account with an initial password and a role (admins only; audited)."""
    problem = account_problem(body.username.strip(), body.password, body.role)
    if problem:
        raise HttpError(422, "invalid_account", problem)
    try:
        state.store.create_account(
            user, body.username.strip(), hash_password(body.password), body.role
        )
    except AccountRefused as exc:
        raise HttpError(409, "conflict", str(exc)) from None
    return {"username": body.username.strip(), "role": body.role}


@router.post("/accounts/{username}", responses=_ADMIN_ERRORS)
def account_change(
    username: str, body: AccountChange, state: State, user: AdminName
) -> dict[str, Any]:
    """Disable (its logins end at once), enable, reset the password of, or change the
    role of an account (admins only; audited, the password never)."""
    store = state.store
    try:
        if body.action in ("disable", "enable"):
            ended = store.set_account_disabled(user, username, body.action == "disable")
            return {"username": username, "sessions_ended": ended}
        if body.action == "password":
            password = body.password or ""
            if len(password) < 8:
                raise HttpError(422, "invalid_account", texts.ACCOUNT_SHORT_PASSWORD.format(n=8))
            ended = store.reset_password(user, username, hash_password(password))
            return {"username": username, "sessions_ended": ended}
        if body.role not in ROLES:
            raise HttpError(
                422, "invalid_account", messages.ACCOUNT_BAD_ROLE.format(role=body.role)
            )
        store.set_role(user, username, body.role)
        return {"username": username, "role": body.role}
    except AccountRefused as exc:
        raise HttpError(409, "conflict", str(exc)) from None
