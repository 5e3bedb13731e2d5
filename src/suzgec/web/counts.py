"""GET /api/counts: published comments per article, for the counts of article lists
(count.js fills `<span data-suzgec-count="SLUG">` with them)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from suzgec.web import texts
from suzgec.web.api import _ERRORS, State
from suzgec.web.errors import HttpError
from suzgec.web.inputs import storable

router = APIRouter(prefix="/api")

MAX_SLUGS = 50
# Counts may be a minute old: an article list is read far more often than commented on,
# and a browser or CDN cache keeps those reads off the database.
CACHE_CONTROL = "public, max-age=60"


@router.get("/counts", tags=["articles"], responses=_ERRORS)
def counts(
    state: State,
    response: Response,
    slug: Annotated[
        list[str] | None,
        Query(description="Haber slug'ı; birden çok kez verilebilir (en fazla 50)."),
    ] = None,
) -> dict[str, Any]:
    """Published comments of each article: `{"slug": n, ...}`, 0 for an unknown slug.
    Cacheable for 60 seconds; allowed sites may call it from the browser (CORS)."""
    wanted = list(dict.fromkeys(slug or []))
    if not wanted:
        raise HttpError(422, "invalid_request", texts.COUNTS_NO_SLUG)
    if len(wanted) > MAX_SLUGS:
        raise HttpError(422, "invalid_request", texts.COUNTS_TOO_MANY.format(limit=MAX_SLUGS))
    try:
        for s in wanted:
            storable(s)
    except ValueError:
        raise HttpError(422, "invalid_request", texts.COUNTS_NO_SLUG) from None
    response.headers["Cache-Control"] = CACHE_CONTROL
    found = state.store.comment_counts(s for s in wanted if len(s) <= 200)
    return {s: found.get(s, 0) for s in wanted}
