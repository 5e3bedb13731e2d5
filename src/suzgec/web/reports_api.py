"""Reports and takedowns in the JSON API: a reader's report, the Reported queue, an
article's published comments, and the moderator's dismiss and takedown."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request, Response
from pydantic import Field

from suzgec.store.reports import MAX_REPORT_NOTE
from suzgec.web import texts
from suzgec.web.api import _AUTH_ERRORS, _ERROR, _ERRORS, Cursor, Limit, ModeratorName, State, _page
from suzgec.web.errors import HttpError
from suzgec.web.identity import commenter, remember
from suzgec.web.inputs import ApiModel, CommentId, Slug
from suzgec.web.reports_pages import MAX_TAKEDOWN_REASON, report_limit_key
from suzgec.web.state import get_state

router = APIRouter(prefix="/api")

_REFUSALS: dict[int | str, dict[str, Any]] = {**_ERRORS, 409: _ERROR}
_MOD_REFUSALS: dict[int | str, dict[str, Any]] = {**_AUTH_ERRORS, 409: _ERROR}


class ReportIn(ApiModel):
    reason: Literal["insult", "profanity", "hate", "spam", "other"] = Field(
        description="Neden: insult (hakaret), profanity (küfür), hate (nefret veya inanç "
        "saldırısı), spam, other (diğer)."
    )
    note: str | None = Field(
        None, max_length=MAX_REPORT_NOTE, description="İsteğe bağlı kısa açıklama."
    )


class DismissIn(ApiModel):
    note: str | None = Field(None, max_length=2000, description="İsteğe bağlı not.")


class TakedownIn(ApiModel):
    reason: str = Field(
        min_length=1,
        max_length=MAX_TAKEDOWN_REASON,
        description="Kaldırma nedeni: denetim kaydına yazılır ve yorumun sahibine gösterilir.",
    )


def report_rate_limited(request: Request) -> None:
    """Spend one report token of this client (its own budget), or answer 429."""
    wait = get_state(request).limiter.retry_after(report_limit_key(request))
    if wait > 0:
        seconds = max(1, round(wait + 0.5))
        raise HttpError(
            429,
            "rate_limited",
            texts.REPORT_RATE_LIMITED.format(seconds=seconds),
            headers={"Retry-After": str(seconds)},
        )


@router.post(
    "/comments/{comment_id}/reports",
    tags=["comments"],
    status_code=201,
    responses={
        **_REFUSALS,
        200: {"description": "Bu tarayıcı yorumu daha önce şikayet etmiş: kayıtlı, sayılmadı."},
    },
)
def report_comment(
    comment_id: CommentId,
    body: ReportIn,
    request: Request,
    response: Response,
    state: State,
    _: Annotated[None, Depends(report_rate_limited)],
) -> dict[str, Any]:
    """Report a published comment. The reader is the browser id in the
    `X-Suzgec-Kimlik` header (the `kimlik` of an earlier answer); without one, a new id
    is made and returned as `kimlik`. One id counts once per comment: a second report
    answers 200 with `counted: false`. Enough reports (setting `report_threshold`) hide
    the comment until a moderator decides. 404 for an unknown comment, 409 for one that
    is not published."""
    who = commenter(request, state)
    outcome = state.store.report(
        comment_id, who.id, body.reason, body.note, state.settings.report_threshold
    )
    if not outcome.counted:
        response.status_code = 200
    remember(request, response, who)
    return {
        "comment_id": comment_id,
        "counted": outcome.counted,
        "message": texts.REPORT_RECEIVED if outcome.counted else texts.REPORT_ALREADY,
        "kimlik": who.token,
    }


@router.get("/moderation/reported", tags=["moderator"], responses=_AUTH_ERRORS)
def reported(
    state: State, user: ModeratorName, after: Cursor = None, limit: Limit = 50
) -> dict[str, Any]:
    """Comments with open (not dismissed) reports, published or held by them: most
    reported first, each with `report_count`, `held_by_reports` and its open reports
    counted by reason, with their notes. Pass `next_cursor` back as `after`."""
    page = state.store.reported_page(after=after, limit=limit)
    return {
        "comments": [r.to_dict() for r in page.items],
        "total": page.total,
        "next_cursor": page.next_cursor,
    }


@router.get("/moderation/articles/{slug}/published", tags=["moderator"], responses=_AUTH_ERRORS)
def published(
    slug: Slug, state: State, user: ModeratorName, before: Cursor = None, limit: Limit = 50
) -> dict[str, Any]:
    """One article's published comments, newest first, with their decisions: what may
    be taken down. Pass `next_cursor` back as `before` for older ones."""
    return _page(state.store.published_page(slug, before=before, limit=limit))


@router.post(
    "/moderation/comments/{comment_id}/dismiss-reports",
    tags=["moderator"],
    responses=_MOD_REFUSALS,
)
def dismiss_reports(
    comment_id: CommentId, body: DismissIn, state: State, user: ModeratorName
) -> dict[str, Any]:
    """Dismiss a comment's open reports: the count goes back to 0 and a comment the
    reports held is published again (audited as `dismiss_reports`). 409 without open
    reports, or for a comment no longer published or held."""
    return {"comment": state.store.dismiss_reports(comment_id, user, body.note).to_dict()}


@router.post(
    "/moderation/comments/{comment_id}/takedown", tags=["moderator"], responses=_MOD_REFUSALS
)
def takedown(
    comment_id: CommentId, body: TakedownIn, state: State, user: ModeratorName
) -> dict[str, Any]:
    """Take down a published comment (or one its reports hold): status `removed`, the
    reason audited (action `remove`) and shown to the author in the widget. 409 for any
    other comment (in the queue, rejected, removed already)."""
    if not body.reason.strip():
        raise HttpError(422, "reason_required", texts.TAKEDOWN_REASON_MISSING)
    return {"comment": state.store.take_down(comment_id, user, body.reason).to_dict()}
