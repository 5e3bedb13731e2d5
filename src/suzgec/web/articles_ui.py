"""The moderator's article pages: /moderator/haberler (every article with its comment
mode and counts, archived ones behind a filter) and an edit page per article, where
the mode is set and the article archived or brought back."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from suzgec import messages
from suzgec.model import Status
from suzgec.store import Article
from suzgec.store.articles import MODES
from suzgec.web import texts
from suzgec.web.article_edit import InvalidEdit, checked_changes
from suzgec.web.inputs import Slug
from suzgec.web.state import get_state
from suzgec.web.ui import (
    _check_csrf,
    _csrf,
    _cursor,
    _login_redirect,
    _moderator,
    read_form,
    render,
)

router = APIRouter(include_in_schema=False)

ARTICLES_PAGE = 50
# ?arsiv=: which articles the list shows; the default leaves archived ones out.
_ARCHIVED = {"": False, "evet": True, "tumu": None}
_FORM_FIELDS = ("title", "body", "source", "image", "url", "mode")
_NOTICES = {
    "kaydedildi": texts.ARTICLE_SAVED,
    "arsivlendi": texts.ARTICLE_ARCHIVED,
    "acildi": texts.ARTICLE_UNARCHIVED,
}


@router.get("/moderator/haberler")
def articles_page(request: Request) -> Response:
    user = _moderator(request)
    if user is None:
        return _login_redirect()
    store = get_state(request).store
    query = request.query_params
    archived_key = query.get("arsiv", "")
    archived = _ARCHIVED.get(archived_key, False)
    mode = query.get("duzen") if query.get("duzen") in MODES else None
    items, total, cursor = store.articles_page(
        before=_cursor(query.get("once")), limit=ARTICLES_PAGE, archived=archived, mode=mode
    )
    counts = store.status_counts(a.slug for a in items)
    filters = {"arsiv": archived_key if archived_key in _ARCHIVED else "", "duzen": mode or ""}
    more = urlencode({**{k: v for k, v in filters.items() if v}, "once": cursor}) if cursor else ""
    return render(
        request,
        "articles.html",
        user=user,
        csrf=_csrf(request),
        page="articles",
        articles=items,
        total=total,
        counts={
            slug: (c.get(str(Status.APPROVED), 0), c.get(str(Status.PENDING), 0))
            for slug, c in counts.items()
        },
        filters=filters,
        modes=MODES,
        mode_names=messages.ARTICLE_MODE_NAMES,
        more=more,
    )


def _edit_page(
    request: Request,
    user: str,
    article: Article,
    status: int = 200,
    error: str | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    shown = values or {
        "title": article.title,
        "body": article.body,
        "source": article.source,
        "image": article.image or "",
        "url": article.url or "",
        "mode": article.mode,
    }
    return render(
        request,
        "article_edit.html",
        status,
        user=user,
        csrf=_csrf(request),
        page="articles",
        article=article,
        values=shown,
        modes=MODES,
        mode_names=messages.ARTICLE_MODE_NAMES,
        error=error,
        notice={"text": _NOTICES[k]}
        if (k := request.query_params.get("tamam", "")) in _NOTICES
        else None,
    )


@router.get("/moderator/haberler/{slug}")
def edit_page(request: Request, slug: Slug) -> Response:
    user = _moderator(request)
    if user is None:
        return _login_redirect()
    return _edit_page(request, user, get_state(request).store.get_article(slug))


@router.post("/moderator/haberler/{slug}")
async def save(request: Request, slug: Slug) -> Response:
    """The edit form (every field) or the archive button (`archived` alone)."""
    form = await read_form(request)
    _check_csrf(request, form)
    user = _moderator(request)
    if user is None:
        return _login_redirect()
    state = get_state(request)
    article = await run_in_threadpool(state.store.get_article, slug)
    sent: dict[str, Any] = {f: form[f] for f in _FORM_FIELDS if f in form}
    if "archived" in form:
        sent["archived"] = form["archived"] == "1"
    try:
        changes = checked_changes(sent, state.image_hosts)
    except InvalidEdit as bad:
        # The form comes back with what the moderator wrote: nothing is lost.
        values = {f: form.get(f, "") for f in _FORM_FIELDS} if "title" in form else None
        return await run_in_threadpool(_edit_page, request, user, article, 422, bad.message, values)
    await run_in_threadpool(state.store.update_article, slug, user, changes)
    done = "kaydedildi"
    if "archived" in changes and "title" not in changes:
        done = "arsivlendi" if changes["archived"] else "acildi"
    return RedirectResponse(f"/moderator/haberler/{slug}?tamam={done}", status_code=303)
