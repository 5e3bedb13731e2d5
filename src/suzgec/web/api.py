"""The JSON API (OpenAPI at /api/openapi.json). Thin: validation, then Store and Moderator."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from pydantic import Field

from suzgec.model import Status
from suzgec.store import IdempotencyKey, KeyTaken, KeyUse, Page, StoredComment, ThreadSort
from suzgec.web import texts
from suzgec.web.errors import HttpError
from suzgec.web.identity import commenter
from suzgec.web.images import image_problem
from suzgec.web.inputs import MAX_ID, ApiModel, CommentId, Slug, UtcDateTime
from suzgec.web.state import AppState, LoginRefused, client_key, get_state

router = APIRouter(prefix="/api")

_ERROR = {"description": 'Hata: {"error": {"code": "...", "message": "..."}}'}
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _ERROR,
    404: _ERROR,
    413: _ERROR,
    422: _ERROR,
    429: _ERROR,
}
_AUTH_ERRORS: dict[int | str, dict[str, Any]] = {**_ERRORS, 401: _ERROR}
MAX_PAGE = 500
CLAIM_MINUTES = 10
_BEARER = re.compile(r"Bearer\s+(\S+)", re.IGNORECASE)


async def _state(request: Request) -> AppState:
    # async: FastAPI would run a plain-def dependency in the thread pool, a hop per request.
    return get_state(request)


State = Annotated[AppState, Depends(_state)]


def rate_limited(request: Request) -> None:
    """Spend one submission token of this client, or answer 429 with Retry-After.

    Plain def: the bucket lives in the database, so FastAPI runs this in its thread pool,
    off the event loop."""
    state = get_state(request)
    wait = state.limiter.retry_after("submit:" + client_key(request))
    if wait > 0:
        seconds = max(1, round(wait + 0.5))
        raise HttpError(
            429,
            "rate_limited",
            texts.RATE_LIMITED.format(seconds=seconds),
            headers={"Retry-After": str(seconds)},
        )


API_SESSION = "api"


def _bearer(request: Request) -> str | None:
    match = _BEARER.fullmatch(request.headers.get("authorization", "").strip())
    return match.group(1) if match else None


def moderator_user(request: Request) -> str:
    """The moderator named by a live `Authorization: Bearer <token>` header."""
    state = get_state(request)
    token = _bearer(request)
    username = state.store.session_user(token, API_SESSION) if token else None
    if username is None:
        raise HttpError(
            401, "unauthorized", texts.UNAUTHORIZED, headers={"WWW-Authenticate": "Bearer"}
        )
    return username


ModeratorName = Annotated[str, Depends(moderator_user)]


class ModerateIn(ApiModel):
    nul_ok = frozenset({"text"})
    text: str = Field(description="Yorum metni.")


class CommentIn(ApiModel):
    nul_ok = frozenset({"text", "author"})
    text: str = Field(description="Yorum metni.")
    author: str | None = Field(None, description="Okurun adı; boşsa “Okur”.")
    parent_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Yanıtlanan (yayımlanmış) yorumun numarası."
    )
    resubmit_token: str | None = Field(
        None,
        max_length=200,
        description="Reddedilen bir yorumun düzeltilmiş hâli gönderiliyorsa, o yanıttaki "
        "`resubmit_token`: iki sürüm birden yayımlanmaz.",
    )


class ArticleIn(ApiModel):
    slug: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=200)
    title: str = Field(min_length=1, max_length=300)
    body: str = Field(min_length=1)
    source: str = Field(min_length=1, max_length=200)
    image: str | None = Field(
        None,
        max_length=500,
        description="Fotoğraf: bu sunucuda bir yol (/static/...) ya da `image_hosts` "
        "ayarındaki bir sitede http(s) adresi.",
    )
    published_at: UtcDateTime = None
    updated_at: UtcDateTime = None


class TokenIn(ApiModel):
    username: str
    password: str


class DecisionIn(ApiModel):
    status: Literal["approved", "rejected"]
    note: str | None = Field(None, max_length=2000)
    overturn: bool = Field(
        False,
        description="Karara bağlanmış (otomatik ya da moderatör) bir yorumun kararını "
        "bozmak için true; yoksa böyle bir yorum için 409 döner.",
    )


@router.post("/moderate", tags=["moderation"], responses=_ERRORS)
def moderate(body: ModerateIn, state: State, _: None = Depends(rate_limited)) -> dict[str, Any]:
    """Moderate a text without storing it: the decision, every finding, the suggestion."""
    return state.moderator.moderate(body.text).to_dict()


Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Sayfa başına en fazla kayıt.")]
Cursor = Annotated[
    int | None,
    Query(ge=0, le=2**31 - 1, description="Önceki yanıtın `next_cursor` değeri."),
]


@router.get("/articles", tags=["articles"], responses=_ERRORS)
def list_articles(
    state: State,
    before: Cursor = None,
    limit: Limit = 100,
    archived: Annotated[
        bool, Query(description="true: yalnız arşivlenmiş haberler (varsayılan: onlar hariç).")
    ] = False,
) -> dict[str, Any]:
    """Articles, newest first; `total` is their number; pass `next_cursor` back as
    `before` for older ones. Archived articles are listed only with `archived=true`."""
    items, total, cursor = state.store.articles_page(before=before, limit=limit, archived=archived)
    return {"articles": [a.to_dict() for a in items], "total": total, "next_cursor": cursor}


@router.post("/articles", tags=["articles"], status_code=201, responses=_AUTH_ERRORS)
def create_article(body: ArticleIn, state: State, user: ModeratorName) -> dict[str, Any]:
    """Create an article (moderators only); its comments live under its slug."""
    problem = image_problem(body.image, state.image_hosts) if body.image else None
    if problem:
        raise HttpError(422, "invalid_image", problem)
    article = state.store.create_article(**body.model_dump())
    return {"article": article.to_dict()}


@router.get("/articles/{slug}", tags=["articles"], responses=_ERRORS)
def get_article(slug: Slug, state: State) -> dict[str, Any]:
    return {"article": state.store.get_article(slug).to_dict()}


def _page(page: Page, *, with_decision: bool = True) -> dict[str, Any]:
    return {
        "comments": [c.to_dict(with_decision=with_decision) for c in page.items],
        "total": page.total,
        "next_cursor": page.next_cursor,
    }


@router.get("/articles/{slug}/comments", tags=["comments"], responses=_ERRORS)
def list_comments(
    slug: Slug,
    state: State,
    after: Cursor = None,
    limit: Limit = 50,
    sort: Annotated[
        ThreadSort,
        Query(
            description="Sıra: `oldest` (en eski önce, varsayılan), `newest` (en yeni önce), "
            "`replies` (en çok yanıtlanan önce; eşitlikte en yeni)."
        ),
    ] = ThreadSort.OLDEST,
    comment: Annotated[
        int | None,
        Query(
            ge=1,
            le=MAX_ID,
            description="Bir yoruma bağlantı: sayfa o yorumun başlığıyla başlar (`after` "
            "yok sayılır); yorum bu haberde yayımlanmış değilse ilk sayfa döner.",
        ),
    ] = None,
) -> dict[str, Any]:
    """Published comments, a page of threads at a time in the order `sort`: `limit` top
    comments, each followed by all its replies oldest first (replies carry `parent_id`).
    `total` counts every published comment; pass `next_cursor` back as `after`, with the
    same `sort`, for the next page."""
    if comment is not None:
        after = state.store.thread_cursor(slug, comment, sort)
    page = state.store.thread_page(slug, after=after, limit=limit, sort=sort)
    return _page(page, with_decision=False)


# Printable ASCII without spaces; 16 characters at least, because keys are not scoped
# to a client: a random UUID never meets another client's key, "1" or "2" would.
_IDEMPOTENCY_KEY = re.compile(r"[!-~]{16,200}")
REPLAYED_HEADER = "Idempotent-Replayed"


@dataclass(frozen=True, slots=True)
class Keyed:
    """A submission's Idempotency-Key and what the key was first used for, if it was."""

    key: str
    first: KeyUse | None


def idempotent_or_rate_limited(
    request: Request,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            description="İsteğe bağlı: her yeni yorum için yeni, rastgele bir değer "
            "(ör. UUID; 16–200 karakter, boşluksuz ASCII). Yanıt gelmeyince aynı anahtarla "
            "aynen yeniden gönderilen istek ikinci bir yorum kaydetmez.",
        ),
    ] = None,
) -> Keyed | None:
    """The submission's key, if any; spends a rate-limit token unless it is a retry."""
    key = _idempotency_key(idempotency_key) if idempotency_key is not None else None
    first = get_state(request).store.key_use(key) if key else None
    if first is None:  # a retry was counted the first time
        rate_limited(request)
    return Keyed(key, first) if key else None


def _idempotency_key(header: str) -> str:
    key = header.strip()
    if len(key) >= 2 and key[0] == key[-1] == '"':
        key = key[1:-1]  # the IETF draft sends the key as a quoted structured-field string
    if not _IDEMPOTENCY_KEY.fullmatch(key):
        raise HttpError(422, "invalid_idempotency_key", texts.IDEMPOTENCY_KEY_INVALID)
    return key


def _submitted(state: AppState, comment: StoredComment) -> dict[str, Any]:
    out: dict[str, Any] = {"comment": comment.to_dict(), "message": texts.PUBLISHED[comment.status]}
    if comment.status is Status.REJECTED:
        out["resubmit_token"] = state.tokens.resubmit_token(comment.id)
    if comment.commenter_id:  # the signed id to edit it with (the same on a retry)
        out["kimlik"] = state.tokens.commenter_token(comment.commenter_id)
    return out


def _replay(state: AppState, first: KeyUse, fingerprint: str, response: Response) -> dict[str, Any]:
    """The answer to a retry: the comment stored the first time, or 422 if the key came
    with another request then."""
    if first.fingerprint != fingerprint:
        raise HttpError(422, "idempotency_key_reused", texts.IDEMPOTENCY_KEY_REUSED)
    response.status_code = 200
    response.headers[REPLAYED_HEADER] = "true"
    return _submitted(state, state.store.get_comment(first.comment_id))


@router.post(
    "/articles/{slug}/comments",
    tags=["comments"],
    status_code=201,
    responses={
        **_ERRORS,
        200: {
            "description": "Aynı Idempotency-Key ve aynı istekle yapılan yeniden deneme: "
            "ilk kaydedilen yorum (`Idempotent-Replayed: true` başlığıyla)."
        },
    },
)
def submit_comment(
    slug: Slug,
    body: CommentIn,
    state: State,
    request: Request,
    response: Response,
    keyed: Annotated[Keyed | None, Depends(idempotent_or_rate_limited)],
) -> dict[str, Any]:
    """Moderate at once and store. `status`: approved (published), pending (awaits a
    moderator) or rejected (not published; `decision.findings` say why and
    `decision.suggestion` offers a corrected text to resubmit, with `resubmit_token`).

    Send an `Idempotency-Key` header (a new random UUID per comment; 16 to 200
    printable ASCII characters, no spaces) to make retries safe: for 24 hours, the
    same key with the same request stores nothing new and answers 200 with
    `Idempotent-Replayed: true` and the comment stored the first time (as it stands
    now: a moderator may have decided it since), without spending the rate limit; the
    same key with a different request is a 422 `idempotency_key_reused`. Two such
    requests at once store one comment.

    A reader's signed browser id (the widget's `kimlik`) in the `X-Suzgec-Kimlik` header
    ties the comment to that commenter: a banned or suspended commenter gets 403
    (`commenter_banned`, `commenter_suspended`, the message naming the reason).
    `kimlik` in the answer is the commenter's signed id (the one sent, or a new one): send
    it in `X-Suzgec-Kimlik` to edit the comment (PATCH /api/comments/{id})."""
    # Plain def: moderation and the database write run in the thread pool, so a slow
    # write (a locked SQLite file) never stalls the event loop and every other request.
    idempotency = None
    if keyed is not None:
        fingerprint = IdempotencyKey.fingerprint_of({"article": slug, **body.model_dump()})
        if keyed.first is not None:
            return _replay(state, keyed.first, fingerprint, response)
        idempotency = IdempotencyKey(keyed.key, fingerprint)
    original = state.tokens.resubmitted_id(body.resubmit_token) if body.resubmit_token else None
    # The commenter of the request (X-Suzgec-Kimlik, or a new id handed back as
    # `kimlik`): the author may edit the comment with it within the edit window.
    who = commenter(request, state)
    try:
        comment = state.submit(
            slug,
            body.author,
            body.text,
            body.parent_id,
            original,
            idempotency,
            commenter_id=who.id,
            address_hash=who.address_hash,
        )
    except KeyTaken:
        # A request with this key got there first, between our look-up and our insert.
        assert keyed is not None and idempotency is not None
        first = state.store.key_use(keyed.key)
        assert first is not None  # committed before our insert failed, alive for 24 h
        return _replay(state, first, idempotency.fingerprint, response)
    return _submitted(state, comment)


@router.post("/moderator/token", tags=["moderator"], responses={**_AUTH_ERRORS, 403: _ERROR})
def token(body: TokenIn, request: Request, state: State) -> dict[str, Any]:
    """Exchange a moderator's username and password for a bearer token.

    Attempts are limited per account and per client (429 with Retry-After)."""
    try:
        username = state.authenticate(body.username.strip(), body.password, client_key(request))
    except LoginRefused as refused:
        code = {429: "login_throttled", 403: "account_disabled"}.get(refused.status, "unauthorized")
        headers = {"Retry-After": str(refused.retry_after)} if refused.retry_after else None
        raise HttpError(refused.status, code, refused.message, headers=headers) from None
    hours = state.settings.session_hours
    return {
        "token": state.store.open_session(username, API_SESSION, hours),
        "token_type": "bearer",
        "expires_in": hours * 3600,
    }


@router.post("/moderator/logout", tags=["moderator"], status_code=204, responses=_AUTH_ERRORS)
def logout(request: Request, state: State, user: ModeratorName) -> Response:
    """End this bearer token now (it stops working on every server at once)."""
    token = _bearer(request)
    assert token is not None  # moderator_user checked it
    state.store.close_session(token)
    return Response(status_code=204)


@router.get("/moderator/queue", tags=["moderator"], responses=_AUTH_ERRORS)
def queue(
    state: State, user: ModeratorName, after: Cursor = None, limit: Limit = 50
) -> dict[str, Any]:
    """Comments awaiting a moderator, oldest first, with findings and spans: the page is
    claimed for this moderator for 10 minutes, so another moderator's queue does not
    show them. `total` is the exact number waiting, claimed or not."""
    return _page(state.store.claim_page(user, after=after, limit=limit, minutes=CLAIM_MINUTES))


@router.get("/moderator/rejected", tags=["moderator"], responses=_AUTH_ERRORS)
def rejected(
    state: State, user: ModeratorName, before: Cursor = None, limit: Limit = 50
) -> dict[str, Any]:
    """Automatic rejections nobody has overturned, newest first; pass `next_cursor`
    back as `before` for older ones."""
    return _page(state.store.auto_rejected_page(before=before, limit=limit))


@router.post(
    "/moderator/comments/{comment_id}/decision", tags=["moderator"], responses=_AUTH_ERRORS
)
def decide(
    comment_id: CommentId, body: DecisionIn, state: State, user: ModeratorName
) -> dict[str, Any]:
    """Approve or reject a queued comment. A comment that is already decided (by the
    system or a moderator) answers 409 unless `overturn` is true; an overturn is audited
    as one. A comment in another moderator's claimed queue answers 409 too."""
    comment = state.store.decide(
        comment_id, user, Status(body.status), body.note, overturn=body.overturn
    )
    return {"comment": comment.to_dict()}


@router.post(
    "/moderator/comments/{comment_id}/undo",
    tags=["moderator"],
    responses={**_AUTH_ERRORS, 409: _ERROR},
)
def undo(comment_id: CommentId, state: State, user: ModeratorName) -> dict[str, Any]:
    """Undo your own latest decision on a comment, within 5 minutes of making it: the
    comment gets its previous status back and the undo is written to the audit log.
    409 `conflict` (with the reason) when it is not yours, not the latest, or too late."""
    comment = state.store.undo(comment_id, user)
    return {"comment": comment.to_dict()}


@router.get("/moderator/comments/{comment_id}/audit", tags=["moderator"], responses=_AUTH_ERRORS)
def audit(comment_id: CommentId, state: State, user: ModeratorName) -> dict[str, Any]:
    """Every automatic and human decision on one comment, oldest first."""
    state.store.get_comment(comment_id)
    return {"entries": [e.to_dict() for e in state.store.audit(comment_id)]}


@router.get("/moderator/stats", tags=["moderator"], responses=_AUTH_ERRORS)
def stats(state: State, user: ModeratorName, days: int = 14) -> dict[str, Any]:
    """Automatic decisions and findings per clause, per day."""
    return state.store.stats(max(1, min(days, 366)))
