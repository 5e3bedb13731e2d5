"""The author's edit window over HTTP: the widget's "Düzenle" form and PATCH /api/comments/{id}.

Only the browser that posted a comment (its signed id, suzgec.web.identity) may edit
it, for `edit_window_minutes` after posting. Each edit goes through the same
moderation as a new comment (AppState.admit, then AppState.hold_reason).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import Field
from starlette.concurrency import run_in_threadpool

from suzgec.errors import InvalidComment
from suzgec.model import Status
from suzgec.store import EditRefused, StoredComment
from suzgec.store.edits import edit_refusal
from suzgec.store.trail import STATUS_FOR_ACTION
from suzgec.web import texts
from suzgec.web.api import rate_limited
from suzgec.web.errors import HttpError
from suzgec.web.identity import commenter, remember
from suzgec.web.inputs import ApiModel, CommentId, Slug
from suzgec.web.state import AppState, client_key, get_state

router = APIRouter()

# HTTP status of each refusal (EditRefused.code): another browser's comment is
# forbidden, an unchanged text is a bad request body, the rest clash with its state.
_REFUSAL_STATUS = {"not_your_comment": 403, "text_unchanged": 422}


def window(state: AppState) -> timedelta:
    return timedelta(minutes=max(0, state.settings.edit_window_minutes))


def edit_problem(
    state: AppState, comment: StoredComment, commenter_id: str, now: datetime
) -> str | None:
    """Why the widget does not offer "Düzenle" on a comment, or None where it does (the
    store checks again, and also refuses a comment a moderator has decided)."""
    # A status other than the automatic decision's (a held comment aside) is a moderator's.
    automatic = STATUS_FOR_ACTION[comment.decision.action]
    held = comment.status is Status.PENDING and automatic is Status.APPROVED
    refusal = edit_refusal(
        owner=comment.commenter_id,
        commenter_id=commenter_id,
        created_at=comment.created_at,
        status=comment.status,
        window=window(state),
        now=now,
        by_moderator=comment.status is not automatic and not held,
    )
    return None if refusal is None else str(refusal)


def edit(state: AppState, comment_id: int, commenter_id: str | None, text: object) -> StoredComment:
    """Moderate the new text as a new comment would be, then store the edit.

    Refused as a new comment would be: CommentsClosed for a closed or archived article,
    SubmissionRefused for a banned or suspended commenter (both HttpErrors)."""
    with state.store.pinned():  # one database connection for the reads and the write
        current = state.store.get_comment(comment_id)
        article = state.store.get_article(current.article_slug)
        live, decision, digest = state.admit(article, commenter_id, text)
        return state.store.edit_comment(
            comment_id,
            commenter_id,
            decision,
            window=window(state),
            hold=state.hold_reason(article, commenter_id, decision.text, live, digest),
            text_hash=digest,
        )


class EditIn(ApiModel):
    nul_ok = frozenset({"text"})
    text: str = Field(description="Yorumun yeni metni.")


_ERROR = {"description": 'Hata: {"error": {"code": "...", "message": "..."}}'}


@router.patch(
    "/api/comments/{comment_id}",
    tags=["comments"],
    responses={s: _ERROR for s in (400, 403, 404, 409, 413, 422, 429)},
)
def edit_comment(comment_id: CommentId, body: EditIn, request: Request) -> dict[str, Any]:
    """Edit your own comment within `edit_window_minutes` of posting it, from the browser
    that posted it: send its signed id (the widget's `kimlik`) in `X-Suzgec-Kimlik`.

    The new text is moderated again like a new comment: `status` is the new decision's
    (a rejected edit is stored rejected, with `decision.findings`, and may be edited
    again within the window). The previous text goes to the audit log. Refusals:
    403 `not_your_comment`; 409 `edit_window_over`, `edit_off`, `comment_moderated`
    (a moderator decided it), `comment_removed`; 422 `text_unchanged`."""
    state = get_state(request)
    who = commenter(request, state)
    if who.new:
        raise HttpError(403, "not_your_comment", texts.EDIT_NO_ID)
    _spend(request, state)
    try:
        comment = edit(state, comment_id, who.id, body.text)
    except EditRefused as refused:
        raise HttpError(
            _REFUSAL_STATUS.get(refused.code, 409), refused.code, str(refused)
        ) from None
    return {"comment": comment.to_dict(), "message": texts.EDITED[comment.status]}


def _spend(request: Request, state: AppState) -> None:
    """An edit runs the whole pipeline, so it spends the same budget as a new comment."""
    rate_limited(request)


@router.post("/embed/{slug}/yorum/{comment_id}/duzenle", include_in_schema=False)
async def embed_edit(request: Request, slug: Slug, comment_id: CommentId) -> Response:
    """The widget's edit form. Every refusal and a rejected edit re-render the form with
    what the reader wrote; a stored edit goes back to the comment."""
    from suzgec.web.ui import (
        DEFAULT_WIDGET_SORT,
        WIDGET_SORTS,
        _embed,
        read_form,
    )  # ui imports this module

    state = get_state(request)
    form = await read_form(request)
    text = form.get("text", "")
    sort = form.get("sirala", "")
    who = commenter(request, state, form)

    def again(status: int, error: str | None, result: StoredComment | None = None) -> Any:
        editing = {"id": comment_id, "text": text, "error": error, "result": result}
        return run_in_threadpool(
            partial(_embed, editing=editing, sort_key=sort), request, state, slug, status, who
        )

    nonce = state.tokens.form_nonce(form.get("csrf", ""), slug)
    if nonce is None:
        return await again(403, texts.CSRF_FAILED)
    fresh = await run_in_threadpool(state.store.spend_form_token, nonce, state.tokens.form_max_age)
    if not fresh:
        return await again(409, texts.FORM_USED)
    wait = await run_in_threadpool(state.limiter.retry_after, "submit:" + client_key(request))
    if wait > 0:
        return await again(429, texts.RATE_LIMITED.format(seconds=max(1, round(wait + 0.5))))
    try:
        current = await run_in_threadpool(state.store.get_comment, comment_id)
        if current.article_slug != slug:
            return await again(404, f"{comment_id} numaralı yorum bu haberde değil.")
        comment = await run_in_threadpool(edit, state, comment_id, who.id, text)
    except EditRefused as refused:
        return await again(_REFUSAL_STATUS.get(refused.code, 409), str(refused))
    except InvalidComment as exc:
        return await again(422, str(exc))
    except HttpError as refused:  # closed article, ban, suspension: the text stays
        return await again(refused.status_code, str(refused.detail))
    if comment.status is Status.REJECTED:
        return await again(200, None, comment)
    target = f"/embed/{slug}?duzenlendi={comment.status}&yorum={comment.id}"
    if sort in WIDGET_SORTS and sort != DEFAULT_WIDGET_SORT:
        target += f"&sirala={sort}"
    anchor = f"#yorum-{comment.id}" if comment.status is Status.APPROVED else "#yorumlariniz"
    response = RedirectResponse(target + anchor, status_code=303)
    remember(request, response, who)
    return response
