"""The moderator's commenter page: history, live sanctions, the sanction form, lifting,
and a ban's take-down of past comments (a preview first, then a confirmation)."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from suzgec import messages
from suzgec.store.base import utcnow
from suzgec.store.commenters import SANCTION_KINDS, SanctionRefused
from suzgec.web import texts
from suzgec.web.commenters_api import SanctionId
from suzgec.web.errors import HttpError
from suzgec.web.state import get_state
from suzgec.web.ui import _check_csrf, _csrf, _login_redirect, _moderator, read_form, render

router = APIRouter(include_in_schema=False)

_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_FLASH = "commenter_notice"  # a notice after a change, kept in the session for one page


def _commenter_id(raw: str) -> str:
    if not _ID.fullmatch(raw):
        raise HttpError(404, "not_found", texts.COMMENTER_BAD_ID)
    return raw


def _page_of(commenter_id: str) -> str:
    return f"/moderator/yorumcu/{commenter_id}"


def _show(
    request: Request,
    user: str,
    commenter_id: str,
    status: int = 200,
    error: str | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    store = get_state(request).store
    now = utcnow()
    history = store.commenter_history(commenter_id)
    live = [s for s in history.sanctions if s.active(now)]
    text = request.session.pop(_FLASH, None) if status == 200 else None
    return render(
        request,
        "commenter.html",
        status,
        user=user,
        csrf=_csrf(request),
        page="commenter",
        history=history,
        live=live,
        banned=any(s.kind == "ban" for s in live),
        showing=sum(history.counts.get(s, 0) for s in ("approved", "pending")),
        now=now,
        kinds=SANCTION_KINDS,
        sanction_names=messages.SANCTION_NAMES,
        status_words=messages.STATUS_WORDS,
        notice={"text": text} if text else None,
        error=error,
        values=values or {},
    )


@router.get("/moderator/yorumcu/{commenter_id}")
def commenter_page(request: Request, commenter_id: str) -> Response:
    user = _moderator(request)
    if user is None:
        return _login_redirect()
    return _show(request, user, _commenter_id(commenter_id))


def _days(raw: str) -> int | None:
    raw = raw.strip()
    return int(raw) if raw.isdigit() and len(raw) < 6 else None


@router.post("/moderator/yorumcu/{commenter_id}/yaptirim")
async def add_sanction(request: Request, commenter_id: str) -> Response:
    form = await read_form(request)
    _check_csrf(request, form)
    user = _moderator(request)
    if user is None:
        return _login_redirect()
    cid = _commenter_id(commenter_id)
    kind, reason = form.get("kind", ""), form.get("reason", "")
    values = {"kind": kind, "reason": reason, "days": form.get("days", "")}
    days = _days(form.get("days", "")) if kind == "suspend" else None
    store = get_state(request).store
    try:
        await run_in_threadpool(store.sanction, cid, kind, reason, user, days)
    except SanctionRefused as exc:  # re-rendered with what the moderator wrote
        return await run_in_threadpool(_show, request, user, cid, exc.status, str(exc), values)
    request.session[_FLASH] = texts.SANCTIONED[kind]
    if kind == "ban" and form.get("takedown") == "1":
        return RedirectResponse(_page_of(cid) + "/kaldir", status_code=303)
    return RedirectResponse(_page_of(cid), status_code=303)


@router.post("/moderator/yorumcu/{commenter_id}/yaptirim/{sanction_id}/kaldir")
async def lift_sanction(request: Request, commenter_id: str, sanction_id: SanctionId) -> Response:
    form = await read_form(request)
    _check_csrf(request, form)
    user = _moderator(request)
    if user is None:
        return _login_redirect()
    cid = _commenter_id(commenter_id)
    store = get_state(request).store
    note = form.get("note", "").strip() or None
    try:
        await run_in_threadpool(store.lift, cid, sanction_id, user, note)
    except SanctionRefused as exc:
        return await run_in_threadpool(_show, request, user, cid, exc.status, str(exc))
    request.session[_FLASH] = texts.SANCTION_LIFTED
    return RedirectResponse(_page_of(cid), status_code=303)


@router.get("/moderator/yorumcu/{commenter_id}/kaldir")
def takedown_preview(request: Request, commenter_id: str) -> Response:
    """What the take-down would remove, before anything changes."""
    user = _moderator(request)
    if user is None:
        return _login_redirect()
    cid = _commenter_id(commenter_id)
    store = get_state(request).store
    banned = any(s.kind == "ban" for s in store.active_sanctions(cid))
    text = request.session.pop(_FLASH, None)
    return render(
        request,
        "takedown.html",
        user=user,
        csrf=_csrf(request),
        page="commenter",
        commenter_id=cid,
        comments=store.takedown_preview(cid) if banned else [],
        banned=banned,
        status_words=messages.STATUS_WORDS,
        notice={"text": text} if text else None,
        error=None if banned else texts.TAKEDOWN_NEEDS_BAN,
    )


@router.post("/moderator/yorumcu/{commenter_id}/kaldir")
async def takedown(request: Request, commenter_id: str) -> Response:
    form = await read_form(request)
    _check_csrf(request, form)
    user = _moderator(request)
    if user is None:
        return _login_redirect()
    cid = _commenter_id(commenter_id)
    store = get_state(request).store
    if not any(s.kind == "ban" for s in store.active_sanctions(cid)):
        return await run_in_threadpool(_show, request, user, cid, 409, texts.TAKEDOWN_NEEDS_BAN)
    ids = [int(i) for i in form.get("ids", "").split(",") if i.isdigit() and len(i) < 10]
    removed: list[Any] = await run_in_threadpool(
        store.take_down_comments, cid, ids, user, form.get("reason", "")
    )
    request.session[_FLASH] = (
        texts.TAKEN_DOWN_MANY.format(n=len(removed)) if removed else texts.NOTHING_TO_TAKE_DOWN
    )
    return RedirectResponse(_page_of(cid), status_code=303)
