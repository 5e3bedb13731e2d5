"""What the web layer shares between requests, and the one submit path both API and UI use."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from suzgec.config import Settings
from suzgec.errors import InvalidComment
from suzgec.pipeline import Moderator
from suzgec.store import Store, StoredComment
from suzgec.text.normalize import first_control
from suzgec.web import texts
from suzgec.web.ratelimit import RateLimiter
from suzgec.web.security import Tokens

MAX_AUTHOR_CHARS = 80


@dataclass
class AppState:
    settings: Settings
    store: Store
    moderator: Moderator
    limiter: RateLimiter
    tokens: Tokens
    secret: str

    @property
    def allowed_origins(self) -> list[str]:
        return [
            o.strip().rstrip("/") for o in self.settings.allowed_origins.split(",") if o.strip()
        ]

    def submit(
        self, slug: str, author: str | None, text: object, parent_id: int | None = None
    ) -> StoredComment:
        """Moderate at once and store whatever the verdict (rejected ones too)."""
        name = (author or "").strip() or texts.DEFAULT_AUTHOR
        if len(name) > MAX_AUTHOR_CHARS:
            raise InvalidComment(texts.AUTHOR_TOO_LONG.format(limit=MAX_AUTHOR_CHARS))
        if (bad := first_control(name)) is not None:  # a name is one line, shown as written
            raise InvalidComment(texts.AUTHOR_CONTROL_CHAR.format(code=f"U+{ord(bad):04X}"))
        decision = self.moderator.moderate(text)
        return self.store.add_comment(slug, name, decision, parent_id)


def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.suzgec
    return state


def client_key(request: Request, settings: Settings) -> str:
    if settings.trust_proxy_headers:
        forwarded = request.headers.get("x-forwarded-for", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.client.host if request.client else "unknown"
