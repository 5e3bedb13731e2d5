"""Reports and takedowns in HTML: the widget's "Şikayet et" form, the moderator's
Reported queue (/moderator/sikayetler) and an article's published comments
(/moderator/haber/{slug}/yayimlananlar), each with "Kaldır".

Forms are plain posts (CSRF as on the other pages); a refusal re-renders the page the
moderator or reader came from, with the reason and what they wrote.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from suzgec import messages
from suzgec.store import Conflict, NotFound, Store
from suzgec.store.reports import (
    DISMISS_REPORTS_ACTION,
    MAX_REPORT_NOTE,
    REPORT_REASONS,
    TAKEDOWN_ACTION,
)
from suzgec.web import texts
from suzgec.web.identity import commenter, remember
from suzgec.web.inputs import CommentId, Slug
from suzgec.web.state import client_key, get_state
from suzgec.web.ui import (
    _check_csrf,
    _csrf,
    _cursor,
    _embed,
    _login_redirect,
    _moderator,
    read_form,
    render,
)

router = APIRouter(include_in_schema=False)

REPORTED_PAGE = 50
PUBLISHED_PAGE = 50
MAX_TAKEDOWN_REASON = 500  # shown to the author in the widget: a sentence, not an essay
REPORTED_URL = "/moderator/sikayetler"
ARTICLE_CHOICES = 100  # newest articles offered in the "published comments" chooser


def report_limit_key(request: Request) -> str:
    """Reports spend their own budget of the submission limiter (per client)."""
    return "report:" + client_key(request)


# -- readers: the widget's report form --------------------------------------------


@router.post("/embed/{slug}/yorum/{comment_id}/sikayet")
async def report_from_widget(request: Request, slug: Slug, comment_id: CommentId) -> Response:
    state = get_state(request)
    form = await read_form(request)
    who = commenter(request, state, form)
    reason = form.get("reason", "")
    note = form.get("note", "").strip()
    written = {"id": comment_id, "reason": reason, "note": note}

    def again(status: int, error: str) -> Any:
        # The widget again, at the reported comment's thread (?yorum= in the form's
        # address), its report form open with what the reader chose and wrote.
        return run_in_threadpool(
            _embed, request, state, slug, status, who, report_form={**written, "error": error}
        )

    nonce = state.tokens.form_nonce(form.get("csrf", ""), slug)
    if nonce is None:
        return await again(403, texts.CSRF_FAILED)
    fresh = await run_in_threadpool(state.store.spend_form_token, nonce, state.tokens.form_max_age)
    if not fresh:
        return await again(409, texts.REPORT_FORM_USED)
    wait = await run_in_threadpool(state.limiter.retry_after, report_limit_key(request))
    if wait > 0:
        return await again(429, texts.REPORT_RATE_LIMITED.format(seconds=max(1, round(wait + 0.5))))
    if reason not in REPORT_REASONS:
        return await again(422, texts.REPORT_REASON_MISSING)
    if len(note) > MAX_REPORT_NOTE:
        return await again(422, texts.REPORT_NOTE_TOO_LONG.format(limit=MAX_REPORT_NOTE))
    try:
        comment = await run_in_threadpool(state.store.get_comment, comment_id)
        if comment.article_slug != slug:
            raise NotFound(f"{comment_id} numaralı yorum bu haberde yok.")
        outcome = await run_in_threadpool(
            state.store.report,
            comment_id,
            who.id,
            reason,
            note,
            state.settings.report_threshold,
        )
    except NotFound as exc:
        return await again(404, str(exc))
    except Conflict as exc:
        return await again(409, str(exc))
    code = "alindi" if outcome.counted else "zaten"
    target = f"/embed/{slug}?sikayet={code}&yorum={comment_id}#yorum-{comment_id}"
    response = RedirectResponse(target, status_code=303)
    remember(request, response, who)
    return response


# -- moderators: the Reported queue and an article's published comments --------------


def _notice(store: Store, raw_id: str) -> dict[str, Any] | None:
    """What the latest report action on a comment did, read back from the audit log."""
    comment_id = _cursor(raw_id)
    if comment_id is None:
        return None
    entries = store.audit(comment_id)
    if len(entries) < 2:
        return None
    done = {DISMISS_REPORTS_ACTION: texts.REPORTS_DISMISSED, TAKEDOWN_ACTION: texts.TAKEN_DOWN}
    text = done.get(entries[-1].action)
    if not text:
        return None
    # After a take-down, the author's page is one step away: a sanction often follows.
    author = store.get_comment(comment_id).commenter_id
    commenter = author if entries[-1].action == TAKEDOWN_ACTION else None
    return {"text": text.format(id=comment_id), "commenter": commenter}


def _reported(request: Request, user: str, status: int = 200, **context: Any) -> Response:
    store = get_state(request).store
    listed = store.reported_page(_cursor(request.query_params.get("sonra")), REPORTED_PAGE)
    slugs = {r.comment.article_slug for r in listed.items}
    return render(
        request,
        "reported.html",
        status,
        user=user,
        csrf=_csrf(request),
        page="reported",
        here=REPORTED_URL,
        reported=listed.items,
        total=listed.total,
        next_cursor=listed.next_cursor,
        titles=store.article_titles(slugs),
        report_reason_names=messages.REPORT_REASON_NAMES,
        articles=store.list_articles(ARTICLE_CHOICES),
        notice=_notice(store, request.query_params.get("tamam", "")),
        **context,
    )


def _published(
    request: Request, user: str, slug: str, status: int = 200, **context: Any
) -> Response:
    store = get_state(request).store
    article = store.get_article(slug)
    listed = store.published_page(slug, _cursor(request.query_params.get("once")), PUBLISHED_PAGE)
    return render(
        request,
        "published.html",
        status,
        user=user,
        csrf=_csrf(request),
        page="published",
        here=f"/moderator/haber/{slug}/yayimlananlar",
        article=article,
        comments=listed.items,
        total=listed.total,
        next_cursor=listed.next_cursor,
        articles=store.list_articles(ARTICLE_CHOICES),
        notice=_notice(store, request.query_params.get("tamam", "")),
        **context,
    )


@router.get(REPORTED_URL)
def reported_page(request: Request) -> Response:
    user = _moderator(request)
    if user is None:
        return _login_redirect()
    return _reported(request, user)


@router.get("/moderator/yayimlananlar")
def choose_article(request: Request) -> Response:
    """The article chooser (a plain GET form) leads to that article's published comments."""
    user = _moderator(request)
    if user is None:
        return _login_redirect()
    slug = request.query_params.get("haber", "")
    store = get_state(request).store
    with suppress(NotFound):
        return RedirectResponse(
            f"/moderator/haber/{store.get_article(slug).slug}/yayimlananlar", status_code=303
        )
    return _reported(request, user, 404, error=texts.NOT_FOUND)


@router.get("/moderator/haber/{slug}/yayimlananlar")
def published_page(request: Request, slug: Slug) -> Response:
    user = _moderator(request)
    if user is None:
        return _login_redirect()
    return _published(request, user, slug)


def _back(form: dict[str, str]) -> str:
    """The page a report action came from: the Reported queue or a published list."""
    back = form.get("next", REPORTED_URL)
    parts = back.split("/")
    if back == REPORTED_URL or (
        len(parts) == 5 and parts[:3] == ["", "moderator", "haber"] and parts[4] == "yayimlananlar"
    ):
        return back
    return REPORTED_URL


def _again(
    request: Request, user: str, back: str, status: int, error: str, **context: Any
) -> Response:
    if back == REPORTED_URL:
        return _reported(request, user, status, error=error, **context)
    return _published(request, user, back.split("/")[3], status, error=error, **context)


@router.post("/moderator/yorum/{comment_id}/sikayetleri-yoksay")
async def dismiss(request: Request, comment_id: CommentId) -> Response:
    form = await read_form(request)
    _check_csrf(request, form)
    user = _moderator(request)
    if user is None:
        return _login_redirect()
    back = _back(form)
    note = form.get("note", "").strip()[:2000] or None
    try:
        await run_in_threadpool(get_state(request).store.dismiss_reports, comment_id, user, note)
    except Conflict as exc:
        return await run_in_threadpool(_again, request, user, back, 409, str(exc))
    return RedirectResponse(f"{back}?tamam={comment_id}", status_code=303)


@router.post("/moderator/yorum/{comment_id}/kaldir")
async def take_down(request: Request, comment_id: CommentId) -> Response:
    form = await read_form(request)
    _check_csrf(request, form)
    user = _moderator(request)
    if user is None:
        return _login_redirect()
    back = _back(form)
    reason = form.get("reason", "").strip()
    written = {"takedown": {"id": comment_id, "reason": reason}}
    if not reason:
        return await run_in_threadpool(
            _again, request, user, back, 422, texts.TAKEDOWN_REASON_MISSING, **written
        )
    if len(reason) > MAX_TAKEDOWN_REASON:
        error = texts.TAKEDOWN_REASON_TOO_LONG.format(limit=MAX_TAKEDOWN_REASON)
        return await run_in_threadpool(_again, request, user, back, 422, error, **written)
    try:
        await run_in_threadpool(get_state(request).store.take_down, comment_id, user, reason)
    except Conflict as exc:
        return await run_in_threadpool(_again, request, user, back, 409, str(exc), **written)
    return RedirectResponse(f"{back}?tamam={comment_id}", status_code=303)
