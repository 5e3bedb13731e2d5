"""The webhook delivery log: /moderator/webhooklar and GET /api/moderation/webhooks/deliveries.

Read-only for moderators: they see whether the newsroom's systems heard of a decision;
re-queuing a failed delivery is an operator's command (`suzgec webhooks retry`).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from suzgec.store.webhooks import DELIVERY_STATUSES
from suzgec.web import texts
from suzgec.web.api import _AUTH_ERRORS, Cursor, Limit, ModeratorName, State
from suzgec.web.state import get_state
from suzgec.web.ui import _csrf, _cursor, _login_redirect, _moderator, render

router = APIRouter()

LOG_PAGE = 50
DeliveryStatus = Literal["pending", "delivered", "failed"]


@router.get("/moderator/webhooklar", include_in_schema=False)
def deliveries_page(request: Request) -> Response:
    user = _moderator(request)
    if user is None:
        return _login_redirect()
    state = get_state(request)
    raw = request.query_params.get("durum", "")
    error = None
    status = raw or None
    if status is not None and status not in DELIVERY_STATUSES:
        # A hand-edited address: say so, and show everything rather than nothing.
        error = texts.WEBHOOK_BAD_FILTER.format(value=raw[:40])
        status = None
    listed = state.store.deliveries_page(
        status, before=_cursor(request.query_params.get("sonra")), limit=LOG_PAGE
    )
    return render(
        request,
        "webhooks.html",
        400 if error else 200,
        user=user,
        csrf=_csrf(request),
        page="webhooks",
        deliveries=listed.items,
        total=listed.total,
        next_cursor=listed.next_cursor,
        chosen=status,
        statuses=DELIVERY_STATUSES,
        enabled=bool(state.settings.webhook_urls.strip()),
        error=error,
    )


@router.get("/api/moderation/webhooks/deliveries", tags=["moderator"], responses=_AUTH_ERRORS)
def deliveries(
    state: State,
    user: ModeratorName,
    status: Annotated[
        DeliveryStatus | None, Query(description="Yalnız bu durumdaki teslimler.")
    ] = None,
    before: Cursor = None,
    limit: Limit = 50,
) -> dict[str, Any]:
    """The webhook delivery log, newest first: event, URL, status, attempts, the last
    HTTP status or error, and the times. Pass `next_cursor` back as `before` for older
    ones; `total` counts every delivery of the filter."""
    page = state.store.deliveries_page(status, before=before, limit=limit)
    return {
        "items": [d.to_dict() for d in page.items],
        "total": page.total,
        "next_cursor": page.next_cursor,
    }
