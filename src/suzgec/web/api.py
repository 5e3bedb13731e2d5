"""The JSON API (OpenAPI at /api/openapi.json). Thin: validation, then Store and Moderator."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from suzgec.model import Status
from suzgec.web import texts
from suzgec.web.errors import HttpError
from suzgec.web.images import image_problem
from suzgec.web.security import check_login
from suzgec.web.state import AppState, client_key, get_state

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
_BEARER = re.compile(r"Bearer\s+(\S+)", re.IGNORECASE)


async def _state(request: Request) -> AppState:
    # async: FastAPI would run a plain-def dependency in the thread pool, a hop per request.
    return get_state(request)


State = Annotated[AppState, Depends(_state)]


async def rate_limited(request: Request) -> None:
    """Spend one submission token of this client, or answer 429 with Retry-After."""
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


def moderator_user(request: Request) -> str:
    """The moderator named by a valid `Authorization: Bearer <token>` header."""
    state = get_state(request)
    match = _BEARER.fullmatch(request.headers.get("authorization", "").strip())
    username = state.tokens.api_user(match.group(1)) if match else None
    if username is None or state.store.get_moderator(username) is None:
        raise HttpError(
            401, "unauthorized", texts.UNAUTHORIZED, headers={"WWW-Authenticate": "Bearer"}
        )
    return username


ModeratorName = Annotated[str, Depends(moderator_user)]


class ModerateIn(BaseModel):
    text: str = Field(description="Yorum metni.")


class CommentIn(BaseModel):
    text: str = Field(description="Yorum metni.")
    author: str | None = Field(None, description="Okurun adı; boşsa “Okur”.")
    parent_id: int | None = Field(None, description="Yanıtlanan (yayımlanmış) yorumun numarası.")


class ArticleIn(BaseModel):
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
    published_at: datetime | None = None
    updated_at: datetime | None = None


class TokenIn(BaseModel):
    username: str
    password: str


class DecisionIn(BaseModel):
    status: Literal["approved", "rejected"]
    note: str | None = Field(None, max_length=2000)


@router.post("/moderate", tags=["moderation"], responses=_ERRORS)
def moderate(body: ModerateIn, state: State, _: None = Depends(rate_limited)) -> dict[str, Any]:
    """Moderate a text without storing it: the decision, every finding, the suggestion."""
    return state.moderator.moderate(body.text).to_dict()


@router.get("/articles", tags=["articles"])
def list_articles(state: State) -> dict[str, Any]:
    return {"articles": [a.to_dict() for a in state.store.list_articles()]}


@router.post("/articles", tags=["articles"], status_code=201, responses=_AUTH_ERRORS)
def create_article(body: ArticleIn, state: State, user: ModeratorName) -> dict[str, Any]:
    """Create an article (moderators only); its comments live under its slug."""
    problem = image_problem(body.image, state.image_hosts) if body.image else None
    if problem:
        raise HttpError(422, "invalid_image", problem)
    article = state.store.create_article(**body.model_dump())
    return {"article": article.to_dict()}


@router.get("/articles/{slug}", tags=["articles"], responses=_ERRORS)
def get_article(slug: str, state: State) -> dict[str, Any]:
    return {"article": state.store.get_article(slug).to_dict()}


@router.get("/articles/{slug}/comments", tags=["comments"], responses=_ERRORS)
def list_comments(slug: str, state: State) -> dict[str, Any]:
    """Published comments, oldest first; replies carry `parent_id`."""
    comments = state.store.list_comments(slug, Status.APPROVED)
    return {"comments": [c.to_dict(with_decision=False) for c in comments]}


@router.post("/articles/{slug}/comments", tags=["comments"], status_code=201, responses=_ERRORS)
async def submit_comment(
    slug: str, body: CommentIn, state: State, _: None = Depends(rate_limited)
) -> dict[str, Any]:
    """Moderate at once and store. `status`: approved (published), pending (awaits a
    moderator) or rejected (not published; `decision.findings` say why and
    `decision.suggestion` offers a corrected text to resubmit)."""
    comment = state.submit(slug, body.author, body.text, body.parent_id)
    return {"comment": comment.to_dict(), "message": texts.PUBLISHED[comment.status]}


@router.post("/moderator/token", tags=["moderator"], responses=_AUTH_ERRORS)
def token(body: TokenIn, request: Request, state: State) -> dict[str, Any]:
    """Exchange a moderator's username and password for a bearer token."""
    wait = state.limiter.retry_after("login:" + client_key(request))
    if wait > 0:
        raise HttpError(429, "rate_limited", texts.RATE_LIMITED.format(seconds=round(wait + 1)))
    account = state.store.get_moderator(body.username)
    if not check_login(account.password_hash if account else None, body.password):
        raise HttpError(401, "unauthorized", texts.BAD_LOGIN)
    return {
        "token": state.tokens.api_token(body.username),
        "token_type": "bearer",
        "expires_in": state.tokens.api_max_age,
    }


@router.get("/moderator/queue", tags=["moderator"], responses=_AUTH_ERRORS)
def queue(state: State, user: ModeratorName, limit: int = 50) -> dict[str, Any]:
    """Comments awaiting a moderator, oldest first, with findings and spans."""
    return {"comments": [c.to_dict() for c in state.store.pending(min(limit, 500))]}


@router.get("/moderator/rejected", tags=["moderator"], responses=_AUTH_ERRORS)
def rejected(state: State, user: ModeratorName, limit: int = 50) -> dict[str, Any]:
    """Recent automatic rejections nobody has overturned, newest first."""
    return {"comments": [c.to_dict() for c in state.store.auto_rejected(min(limit, 500))]}


@router.post(
    "/moderator/comments/{comment_id}/decision", tags=["moderator"], responses=_AUTH_ERRORS
)
def decide(comment_id: int, body: DecisionIn, state: State, user: ModeratorName) -> dict[str, Any]:
    """Approve or reject a comment (queued, or overturning an automatic decision)."""
    comment = state.store.decide(comment_id, user, Status(body.status), body.note)
    return {"comment": comment.to_dict()}


@router.get("/moderator/comments/{comment_id}/audit", tags=["moderator"], responses=_AUTH_ERRORS)
def audit(comment_id: int, state: State, user: ModeratorName) -> dict[str, Any]:
    """Every automatic and human decision on one comment, oldest first."""
    state.store.get_comment(comment_id)
    return {"entries": [e.to_dict() for e in state.store.audit(comment_id)]}


@router.get("/moderator/stats", tags=["moderator"], responses=_AUTH_ERRORS)
def stats(state: State, user: ModeratorName, days: int = 14) -> dict[str, Any]:
    """Automatic decisions and findings per clause, per day."""
    return state.store.stats(max(1, min(days, 366)))
