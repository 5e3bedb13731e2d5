"""HTML pages: the article, the comment widget (iframe), the moderator's pages.

Forms are plain HTML posts, so the widget works without JavaScript; scripts only
add conveniences (photo zoom, share, iframe height, reply links).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from suzgec import messages
from suzgec.errors import InvalidComment
from suzgec.model import Action, Clause, Status
from suzgec.store import (
    UNDO_WINDOW,
    Conflict,
    NotFound,
    Store,
    StoredComment,
    ThreadSort,
    undo_refusal,
)
from suzgec.store.base import utcnow
from suzgec.store.search import CommentFilter, SearchPage
from suzgec.store.trail import UNDO_ACTION
from suzgec.web import edits, texts
from suzgec.web.charts import stacked_bars
from suzgec.web.comment_modes import CommentsClosed, closed_reason
from suzgec.web.commenter_rules import SubmissionRefused, warnings_to_show
from suzgec.web.desk_filters import comment_filter
from suzgec.web.errors import HttpError
from suzgec.web.first_use import ensure_article
from suzgec.web.identity import Commenter, commenter, remember
from suzgec.web.inputs import CommentId, Slug
from suzgec.web.removed import widget_view
from suzgec.web.security import new_csrf, same_token
from suzgec.web.state import AppState, LoginRefused, client_key, get_state

router = APIRouter(include_in_schema=False)

MAX_FORM_FIELDS = 20
ARTICLES_PAGE = 50


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context, status_code=status)


async def read_form(request: Request) -> dict[str, str]:
    """Parse a urlencoded form strictly: broken UTF-8 is a 400, not silent replacement chars."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/x-www-form-urlencoded":
        raise HttpError(415, "unsupported_media_type", texts.UNSUPPORTED_FORM)
    raw = await request.body()
    try:
        pairs = parse_qsl(
            raw.decode("utf-8"),
            keep_blank_values=True,
            strict_parsing=False,
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_FORM_FIELDS,
        )
    except (UnicodeDecodeError, ValueError):
        raise HttpError(400, "bad_encoding", texts.BAD_ENCODING) from None
    # PostgreSQL cannot store NUL. The comment text is cleaned by the moderation core and
    # an author name with control characters is refused there; any other field with
    # NUL (a username, a note) is not a form a person typed.
    if any("\x00" in v for k, v in pairs if k != "text"):
        raise HttpError(400, "bad_request", texts.BAD_FORM)
    return dict(pairs)


def thread(comments: list[StoredComment]) -> list[dict[str, Any]]:
    """Nest replies under their parents; a reply whose parent is not shown becomes a root."""
    ids = {c.id for c in comments}
    children: dict[int | None, list[StoredComment]] = defaultdict(list)
    for c in comments:
        children[c.parent_id if c.parent_id in ids else None].append(c)

    def node(c: StoredComment) -> dict[str, Any]:
        return {"comment": c, "replies": [node(r) for r in children.get(c.id, [])]}

    return [node(c) for c in children[None]]


FAVICON = Path(__file__).parent / "static" / "favicon.svg"


# -- reader pages -------------------------------------------------------------


@router.api_route("/favicon.ico", methods=["GET", "HEAD"])
def favicon() -> Response:
    """Browsers ask for /favicon.ico whatever the page links; every current one draws SVG."""
    return FileResponse(
        FAVICON, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=86400"}
    )


@router.api_route("/", methods=["GET", "HEAD"])
def index(request: Request) -> Response:
    state = get_state(request)
    items, total, cursor = state.store.articles_page(
        before=_cursor(request.query_params.get("once")), limit=ARTICLES_PAGE
    )
    return render(request, "index.html", articles=items, total=total, next_cursor=cursor)


@router.api_route("/haber/{slug}", methods=["GET", "HEAD"])
def article_page(request: Request, slug: Slug) -> Response:
    state = get_state(request)
    return render(request, "article.html", article=state.store.get_article(slug))


def _cursor(raw: str | None) -> int | None:
    """A page cursor from the query string: a comment id, anything else means the start."""
    return int(raw) if raw and raw.isdigit() and len(raw) < 10 else None


# The widget's `sirala=` values (texts.SORT_CHOICES names them for the reader).
WIDGET_SORTS = {"eski": ThreadSort.OLDEST, "yeni": ThreadSort.NEWEST, "yanit": ThreadSort.REPLIES}
DEFAULT_WIDGET_SORT = "eski"  # the thread read top down, as before sorting existed


def widget_sort(raw: str | None) -> str:
    """A known `sirala=` value; anything else is the default order."""
    return raw if raw in WIDGET_SORTS else DEFAULT_WIDGET_SORT


def _links(sort_key: str) -> Callable[..., str]:
    """`link(name=value, ...)`: a query string of the widget page that keeps the order."""

    def link(**params: Any) -> str:
        query: dict[str, Any] = {}
        if sort_key != DEFAULT_WIDGET_SORT:
            query["sirala"] = sort_key
        query.update({k: v for k, v in params.items() if v is not None})
        return "?" + urlencode(query)

    return link


def _embed(
    request: Request,
    state: AppState,
    slug: str,
    status: int = 200,
    who: Commenter | None = None,
    *,
    editing: dict[str, Any] | None = None,
    sort_key: str | None = None,
    **context: Any,
) -> Response:
    """The widget page. `editing` ({"id", "text", "error", "result"}) shows the edit form
    of one comment, filled with what the reader wrote."""
    store = state.store
    who = who or commenter(request, state)
    article = store.get_article(slug)
    query = request.query_params
    sort_key = widget_sort(sort_key or query.get("sirala"))
    sort = WIDGET_SORTS[sort_key]
    after = _cursor(query.get("sonra"))
    now = utcnow()
    if editing is None and (wanted := _cursor(query.get("duzenle"))) is not None:
        editing = _edit_form(state, slug, wanted, who.id, now)
    # A deep link (or the comment being edited): the page starts at its thread.
    linked = _cursor(query.get("yorum")) or (editing["id"] if editing else None)
    if linked is not None:
        at = store.thread_cursor(slug, linked, sort)
        if at is not None:
            after = at
    page = store.thread_page(slug, after=after, limit=state.settings.comments_per_page, sort=sort)
    own = _own_unpublished(state, slug, who, now)
    shown = [*page.items, *own]
    editable = {c.id for c in shown if edits.edit_problem(state, c, who.id, now) is None}
    until = {c.id: c.created_at + edits.window(state) for c in shown if c.id in editable}
    reply_to = _cursor(str(context.pop("reply_to", None) or query.get("yanit") or ""))
    parent = next((c for c in page.items if c.id == reply_to), None)
    if reply_to is not None and parent is None:
        with suppress(NotFound):
            candidate = store.get_comment(reply_to)
            if candidate.article_slug == slug and candidate.status is Status.APPROVED:
                parent = candidate
    edited = query.get("duzenlendi", "")
    edit_notice = None
    if edited in (Status.APPROVED, Status.PENDING) and linked is not None:
        edit_notice = {"id": linked, "text": texts.EDITED[Status(edited)]}
    result = context.get("result")
    # A moderator's warning is shown once, on the next page the commenter sees.
    if not who.new and request.method == "GET":
        context.setdefault("warnings", warnings_to_show(store, who.id))
    listed, extras = widget_view(request, store, slug, page, after, who.id)
    response = render(
        request,
        "embed.html",
        status=status,
        kimlik=who.token,
        article=article,
        closed=closed_reason(article),
        premoderated=article.mode == "premoderated",
        threads=thread(listed),
        count=page.total,
        next_cursor=page.next_cursor,
        paged=after is not None,
        parent=parent,
        form_token=state.tokens.form_token(slug),
        resubmit=state.tokens.resubmit_token(result.id) if result else "",
        max_chars=state.settings.max_comment_chars,
        content_remains=result is not None
        and any(not f.clause.is_form for f in result.decision.findings),
        sort_key=sort_key,
        link=_links(sort_key),
        sort_link=lambda key: (
            "?" + urlencode({"sirala": key, **({"yorum": linked} if linked else {})})
        ),
        linked=linked,
        editing=editing,
        edit_elsewhere=editing is not None and all(c.id != editing["id"] for c in shown),
        editable=editable,
        edit_until=until,
        edit_notice=edit_notice,
        own=own,
        **extras,
        **context,
    )
    remember(request, response, who)
    return response


def _edit_form(
    state: AppState, slug: str, comment_id: int, commenter_id: str, now: datetime
) -> dict[str, Any] | None:
    """The edit form a "Düzenle" link opens: the comment's text, or why it cannot be edited."""
    try:
        comment = state.store.get_comment(comment_id)
    except NotFound:
        return None
    if comment.article_slug != slug:
        return None
    problem = edits.edit_problem(state, comment, commenter_id, now)
    return {"id": comment_id, "text": comment.text, "error": problem, "result": None}


def _own_unpublished(
    state: AppState, slug: str, who: Commenter, now: datetime
) -> list[StoredComment]:
    """The reader's own comments still in the edit window that the thread does not show
    (waiting for a moderator, or an edit refused): only this browser sees them."""
    minutes = edits.window(state)
    if who.new or not minutes:
        return []
    return state.store.own_recent(slug, who.id, since=now - minutes)


@router.api_route("/embed/{slug}", methods=["GET", "HEAD"])
def embed(request: Request, slug: Slug) -> Response:
    state = get_state(request)
    ensure_article(request, state, slug)  # a thread made on first use, if allowed
    notice = {"approved": Status.APPROVED, "pending": Status.PENDING}.get(
        request.query_params.get("sonuc", "")
    )
    own = _cursor(request.query_params.get("yorum")) if notice is Status.APPROVED else None
    return _embed(
        request,
        state,
        slug,
        notice=texts.PUBLISHED[notice] if notice else None,
        own_comment=own,
    )


@router.post("/embed/{slug}")
async def embed_submit(request: Request, slug: Slug) -> Response:
    state = get_state(request)
    form = await read_form(request)
    author, text = form.get("author", ""), form.get("text", "")
    parent_raw = form.get("parent_id", "")
    values = {"author": author, "text": text}
    sort_key = widget_sort(form.get("sirala"))  # the order the reader was reading in

    def again(status: int, error: str, **context: Any) -> Any:
        # Every refusal re-renders the form with what the reader wrote: nothing is lost.
        return run_in_threadpool(
            partial(_embed, sort_key=sort_key),
            request,
            state,
            slug,
            status,
            who,
            error=error,
            values=values,
            **context,
        )

    who = commenter(request, state, form)
    nonce = state.tokens.form_nonce(form.get("csrf", ""), slug)
    if nonce is None:
        return await again(403, texts.CSRF_FAILED)
    fresh = await run_in_threadpool(state.store.spend_form_token, nonce, state.tokens.form_max_age)
    if not fresh:
        return await again(409, texts.FORM_USED)
    wait = await run_in_threadpool(state.limiter.retry_after, "submit:" + client_key(request))
    if wait > 0:
        return await again(429, texts.RATE_LIMITED.format(seconds=max(1, round(wait + 0.5))))
    parent_id = _cursor(parent_raw)
    resubmits = form.get("resubmit", "")
    original = state.tokens.resubmitted_id(resubmits) if resubmits else None
    try:
        comment = await run_in_threadpool(
            partial(state.submit, commenter_id=who.id, address_hash=who.address_hash),
            slug,
            author,
            text,
            parent_id,
            original,
        )
    except CommentsClosed as exc:
        return await again(409, exc.detail, reply_to=parent_id)
    except (InvalidComment, Conflict) as exc:
        return await again(422, str(exc), reply_to=parent_id)
    except SubmissionRefused as refused:  # a ban or suspension: the text stays in the form
        return await again(403, refused.message, reply_to=parent_id)
    if comment.status is Status.REJECTED:
        return await run_in_threadpool(
            partial(_embed, sort_key=sort_key),
            request,
            state,
            slug,
            200,
            who,
            result=comment,
            values=values,
            reply_to=parent_id,
            rejected_intro=texts.PUBLISHED[Status.REJECTED],
        )
    # Back to the form, where the reader is: the notice sits beside it.
    target = f"/embed/{slug}?sonuc={comment.status}"
    if comment.status is Status.APPROVED:
        target += f"&yorum={comment.id}"
    if sort_key != DEFAULT_WIDGET_SORT:
        target += f"&sirala={sort_key}"
    response = RedirectResponse(target + "#yorum-formu", status_code=303)
    remember(request, response, who)
    return response


# -- moderator pages ----------------------------------------------------------


def _csrf(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = new_csrf()
    return str(token)


def _check_csrf(request: Request, form: dict[str, str]) -> None:
    if not same_token(request.session.get("csrf"), form.get("csrf")):
        raise HttpError(403, "csrf_failed", texts.CSRF_FAILED)


SESSION_KIND = "cookie"


def _moderator(request: Request) -> str | None:
    """The logged-in moderator: the cookie's session must be live in the database."""
    sid = request.session.get("sid")
    if not sid:
        return None
    return get_state(request).store.session_user(str(sid), SESSION_KIND)


def _login_redirect() -> Response:
    return RedirectResponse("/moderator/giris", status_code=303)


@router.get("/moderator/giris")
def login_page(request: Request) -> Response:
    return render(request, "login.html", csrf=_csrf(request), error=None)


@router.post("/moderator/giris")
async def login(request: Request) -> Response:
    state = get_state(request)
    form = await read_form(request)
    _check_csrf(request, form)
    username = form.get("username", "").strip()
    client = client_key(request)
    try:
        username = await run_in_threadpool(
            state.authenticate, username, form.get("password", ""), client
        )
    except LoginRefused as refused:
        response = render(
            request, "login.html", refused.status, csrf=_csrf(request), error=refused.message
        )
        if refused.retry_after:
            response.headers["Retry-After"] = str(refused.retry_after)
        return response
    sid = await run_in_threadpool(
        state.store.open_session, username, SESSION_KIND, state.settings.session_hours
    )
    request.session.clear()  # a fresh session on login: no fixation
    request.session["sid"] = sid
    request.session["csrf"] = new_csrf()
    return RedirectResponse("/moderator", status_code=303)


@router.post("/moderator/cikis")
async def logout(request: Request) -> Response:
    form = await read_form(request)
    _check_csrf(request, form)
    sid = request.session.get("sid")
    if sid:
        await run_in_threadpool(get_state(request).store.close_session, str(sid))
    request.session.clear()
    return _login_redirect()


QUEUE_PAGE = 50
CLAIM_MINUTES = 10  # long enough to read 50 comments, short enough if a moderator leaves
_LIST_PAGES = {
    "queue": "/moderator",
    "rejected": "/moderator/reddedilenler",
    "search": "/moderator/ara",
}
# What each list always narrows to, and its order unless the moderator picks another.
_LIST_SCOPES: dict[str, dict[str, Any]] = {
    "queue": {"statuses": (str(Status.PENDING),)},
    "rejected": {"statuses": (str(Status.REJECTED),), "auto_action": str(Action.REJECT)},
    "search": {},
}
_DEFAULT_SORT = {"queue": "oldest", "rejected": "newest", "search": "newest"}


def _comment_list(
    request: Request,
    template: str,
    page: str,
    load: Callable[[Store, CommentFilter, str | None, str], SearchPage],
    status: int = 200,
    error: str | None = None,
    **extra: Any,
) -> Response:
    """A moderator page listing comments (the queue, the automatic rejections, the
    search), filtered and sorted as the query string says, with the number of matches."""
    user = _moderator(request)
    if user is None:
        return _login_redirect()
    store = get_state(request).store
    query = dict(request.query_params)
    query.setdefault("sort", _DEFAULT_SORT[page])
    filters, parsed = comment_filter(query, **_LIST_SCOPES[page])
    raw_cursor = request.query_params.get("sonra", "")[:60] or None
    listed = load(store, filters, raw_cursor, user)
    # The filters to carry along (paging, the page to come back to); not the default sort.
    default = _DEFAULT_SORT[page]
    kept = {k: v for k, v in parsed.values.items() if v and not (k == "sort" and v == default)}
    account = store.get_moderator(user)
    return render(
        request,
        template,
        status,
        user=user,
        is_admin=bool(account and account.is_admin),
        csrf=_csrf(request),
        comments=listed.items,
        total=listed.total,
        next_cursor=listed.next_cursor,
        more_query=("&" + urlencode(kept)) if kept else "",
        filters=parsed.values,
        filtered=bool(kept),
        articles=store.list_articles(200),
        versions={c.id: store.versions(c) for c in listed.items},
        titles=store.article_titles(c.article_slug for c in listed.items),
        page=page,
        notice=_decision_notice(store, request.query_params.get("tamam", ""), user),
        error=" ".join(filter(None, [error, *parsed.errors])) or None,
        here=_LIST_PAGES[page] + (("?" + urlencode(kept)) if kept else ""),
        **extra,
    )


def _decision_notice(store: Store, raw_id: str, user: str) -> dict[str, Any] | None:
    """The notice after a decision: what was decided, read back from the audit log (not
    from the address, which anyone can edit), and an undo while the decider may."""
    # ASCII digits, short enough for a 32-bit id: anything else is no comment of ours.
    if not re.fullmatch(r"[0-9]{1,9}", raw_id):
        return None
    comment_id = int(raw_id)
    entries = store.audit(comment_id)
    if len(entries) < 2:  # only the automatic decision: nothing a moderator did
        return None
    last = entries[-1]
    if last.action == UNDO_ACTION:
        status = store.get_comment(comment_id).status
        return {"text": texts.UNDONE.format(id=comment_id, status=texts.STATUS_NAMES[status])}
    if last.action not in texts.DECIDED:
        return None
    notice: dict[str, Any] = {"text": texts.DECIDED[last.action].format(id=comment_id)}
    if undo_refusal(entries, comment_id, user, utcnow()) is None:
        from suzgec.web.app import local_time  # app imports this module

        notice["undo_id"] = comment_id
        notice["undo_hint"] = texts.UNDO_HINT.format(
            minutes=int(UNDO_WINDOW.total_seconds() // 60),
            until=local_time(last.created_at + UNDO_WINDOW),
        )
    return notice


def _next_page(form: dict[str, str]) -> str:
    """Where a moderator's form sends them back: a moderator page, never off-site."""
    back = form.get("next", "/moderator")
    if not back.startswith("/moderator") or "//" in back:
        back = "/moderator"
    return back


def _sep(back: str) -> str:
    """Joins a parameter to a page address that may carry its filters already."""
    return "&" if "?" in back else "?"


def _queue(store: Store, filters: CommentFilter, cursor: str | None, user: str) -> SearchPage:
    # Opening the queue claims what it shows, filtered and sorted: no other moderator
    # gets these comments until the claim runs out.
    return store.claim_matching(user, filters, cursor, limit=QUEUE_PAGE, minutes=CLAIM_MINUTES)


def _listed(store: Store, filters: CommentFilter, cursor: str | None, user: str) -> SearchPage:
    return store.search_comments(filters, cursor, limit=QUEUE_PAGE)


@router.get("/moderator")
def queue_page(request: Request) -> Response:
    return _comment_list(request, "queue.html", "queue", _queue)


@router.get("/moderator/reddedilenler")
def rejected_page(request: Request) -> Response:
    return _comment_list(request, "rejected.html", "rejected", _listed)


@router.get("/moderator/ara")
def search_page(request: Request) -> Response:
    """Every comment, whatever its status, by the desk's filters."""
    return _comment_list(request, "search.html", "search", _listed)


@router.get("/moderator/panel")
def dashboard(request: Request) -> Response:
    user = _moderator(request)
    if user is None:
        return _login_redirect()
    state = get_state(request)
    stats = state.store.stats(state.settings.dashboard_days)
    actions = [str(a) for a in Action]
    decision_chart = stacked_bars(
        stats["days"],
        stats["per_decision"],
        actions,
        {str(a): messages.ACTION_NAMES[a] for a in Action},
        "Günlük otomatik kararlar",
        colors={"approve": "#2e7d32", "review": "#f9a825", "reject": "#c62828"},
    )
    clauses = [str(c) for c in Clause]
    clause_chart = stacked_bars(
        stats["days"],
        stats["per_clause"],
        clauses,
        {str(c): messages.CLAUSE_NAMES[c] for c in Clause},
        "Günlük bulgular (madde başına)",
    )
    totals_action = {
        a: sum(d.get(str(a), 0) for d in stats["per_decision"].values()) for a in Action
    }
    totals_clause = {c: sum(d.get(str(c), 0) for d in stats["per_clause"].values()) for c in Clause}
    return render(
        request,
        "dashboard.html",
        user=user,
        csrf=_csrf(request),
        page="dashboard",
        stats=stats,
        decision_chart=decision_chart,
        clause_chart=clause_chart,
        totals_action=totals_action,
        totals_clause=totals_clause,
    )


def _refused(request: Request, back: str, reason: str) -> Response:
    """A refused decision or undo: the page the moderator came from, with the reason (409)."""
    if back.startswith("/moderator/reddedilenler"):
        return _comment_list(request, "rejected.html", "rejected", _listed, 409, reason)
    if back.startswith("/moderator/ara"):
        return _comment_list(request, "search.html", "search", _listed, 409, reason)
    return _comment_list(request, "queue.html", "queue", _queue, 409, reason)


@router.post("/moderator/yorum/{comment_id}")
async def decide(request: Request, comment_id: CommentId) -> Response:
    form = await read_form(request)
    _check_csrf(request, form)
    user = _moderator(request)
    if user is None:
        return _login_redirect()
    choice = form.get("status", "")
    if choice not in (Status.APPROVED, Status.REJECTED):
        raise HttpError(400, "bad_request", texts.BAD_FORM)
    state = get_state(request)
    note = form.get("note", "").strip()[:2000] or None
    overturn = form.get("overturn") == "1"
    back = _next_page(form)
    try:
        await run_in_threadpool(
            partial(state.store.decide, overturn=overturn), comment_id, user, Status(choice), note
        )
    except Conflict as exc:
        return _refused(request, back, str(exc))
    return RedirectResponse(f"{back}{_sep(back)}tamam={comment_id}", status_code=303)


@router.post("/moderator/yorum/{comment_id}/geri-al")
async def undo(request: Request, comment_id: CommentId) -> Response:
    """Undo the moderator's own latest decision; a refusal is shown on the page they came from."""
    form = await read_form(request)
    _check_csrf(request, form)
    user = _moderator(request)
    if user is None:
        return _login_redirect()
    back = _next_page(form)
    try:
        await run_in_threadpool(get_state(request).store.undo, comment_id, user)
    except Conflict as exc:
        return _refused(request, back, str(exc))
    return RedirectResponse(f"{back}{_sep(back)}tamam={comment_id}", status_code=303)
