"""The JSON API of commenters for moderators: history, sanctions, a ban's take-down.

A commenter is their signed browser id's inner id (what the moderator pages and the
history show), not the signed token the browser holds.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from pydantic import Field

from suzgec.store.base import utcnow
from suzgec.store.commenters import (
    MAX_REASON_CHARS,
    MAX_SUSPEND_DAYS,
    SanctionRefused,
)
from suzgec.web import texts
from suzgec.web.api import _AUTH_ERRORS, _ERROR, ModeratorName, State
from suzgec.web.errors import HttpError
from suzgec.web.inputs import MAX_ID, ApiModel

router = APIRouter(prefix="/api/moderation/commenters", tags=["commenters"])

COMMENTER_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
CommenterId = Annotated[
    str, Path(pattern=COMMENTER_PATTERN, description="Yorumcunun kimliği (tarayıcı kimliği).")
]
SanctionId = Annotated[int, Path(ge=1, le=MAX_ID, description="Yaptırımın numarası.")]
_RESPONSES: dict[int | str, dict[str, Any]] = {**_AUTH_ERRORS, 409: _ERROR}


class SanctionIn(ApiModel):
    kind: Literal["warn", "premoderate", "suspend", "ban"] = Field(
        description="warn (uyarı, bir kez gösterilir), premoderate (her yorumu kuyruğa), "
        "suspend (`days` gün engel), ban (kalıcı engel)."
    )
    reason: str = Field(
        min_length=1, max_length=MAX_REASON_CHARS, description="Gerekçe; yorumcu bunu görür."
    )
    days: int | None = Field(
        None, ge=1, le=MAX_SUSPEND_DAYS, description="Geçici engelin süresi (yalnız suspend)."
    )


class TakedownIn(ApiModel):
    ids: list[int] = Field(
        min_length=1,
        max_length=10000,
        description="Önizlemedeki (`GET …/takedown`) yorumların numaraları: yalnız bunlar "
        "kaldırılır; önizlemeden sonra gelen bir yorum yeni bir önizleme ister.",
    )
    reason: str | None = Field(None, max_length=MAX_REASON_CHARS, description="Denetim notu.")


def _refused(exc: SanctionRefused) -> HttpError:
    codes = {404: "not_found", 409: "conflict", 422: "invalid_sanction"}
    return HttpError(exc.status, codes.get(exc.status, "conflict"), str(exc))


@router.get("/{commenter_id}", responses=_AUTH_ERRORS)
def commenter(
    commenter_id: CommenterId,
    state: State,
    user: ModeratorName,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> dict[str, Any]:
    """A commenter's history: their comments (newest first, `limit` of them) with
    statuses, `counts` of all of them by status, the reports they filed, every sanction
    and the live ones (`active_sanctions`)."""
    return state.store.commenter_history(commenter_id, limit=limit).to_dict(utcnow())


@router.post("/{commenter_id}/sanctions", status_code=201, responses=_RESPONSES)
def sanction(
    commenter_id: CommenterId, body: SanctionIn, state: State, user: ModeratorName
) -> dict[str, Any]:
    """Sanction a commenter. Audited, and sent to webhooks as `commenter.sanctioned`.
    409 when a live sanction of the same kind exists (a warning may be repeated)."""
    if body.kind == "suspend" and body.days is None:
        raise HttpError(422, "invalid_sanction", texts.SUSPEND_NEEDS_DAYS)
    try:
        made = state.store.sanction(
            commenter_id,
            body.kind,
            body.reason,
            user,
            body.days if body.kind == "suspend" else None,
        )
    except SanctionRefused as exc:
        raise _refused(exc) from None
    return {"sanction": made.to_dict()}


@router.delete("/{commenter_id}/sanctions/{sanction_id}", responses=_RESPONSES)
def lift(
    commenter_id: CommenterId,
    sanction_id: SanctionId,
    state: State,
    user: ModeratorName,
    note: Annotated[str | None, Query(max_length=MAX_REASON_CHARS)] = None,
) -> dict[str, Any]:
    """Lift a live sanction now (audited; an event `commenter.sanctioned` with action
    `lift`). 409 if it was lifted already or has run out."""
    try:
        lifted = state.store.lift(commenter_id, sanction_id, user, note)
    except SanctionRefused as exc:
        raise _refused(exc) from None
    return {"sanction": lifted.to_dict()}


@router.get("/{commenter_id}/takedown", responses=_AUTH_ERRORS)
def takedown_preview(
    commenter_id: CommenterId, state: State, user: ModeratorName
) -> dict[str, Any]:
    """What taking down this commenter's comments would remove: their published and
    pending comments (`count`, and each one). Nothing changes until the POST."""
    found = state.store.takedown_preview(commenter_id)
    return {"count": len(found), "comments": [c.to_dict() for c in found]}


@router.post("/{commenter_id}/takedown", responses=_RESPONSES)
def takedown(
    commenter_id: CommenterId, body: TakedownIn, state: State, user: ModeratorName
) -> dict[str, Any]:
    """Take down the previewed comments of a banned commenter: each becomes `removed`,
    with an audit entry `remove`. 409 unless the commenter has a live ban."""
    if not any(s.kind == "ban" for s in state.store.active_sanctions(commenter_id)):
        raise HttpError(409, "not_banned", texts.TAKEDOWN_NEEDS_BAN)
    removed = state.store.take_down_comments(commenter_id, body.ids, user, body.reason or "")
    return {"removed": removed, "count": len(removed)}
