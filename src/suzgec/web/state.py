"""What the web layer shares between requests, and the one submit path both API and UI use."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

from fastapi import Request

from suzgec.config import Settings
from suzgec.errors import InvalidComment
from suzgec.model import Action, Decision
from suzgec.pipeline import Moderator
from suzgec.store import Article, IdempotencyKey, Store, StoredComment
from suzgec.store.commenters import Sanction
from suzgec.text.normalize import first_control
from suzgec.web import commenter_rules, texts
from suzgec.web.comment_modes import CommentsClosed, closed_reason, premoderation_reason
from suzgec.web.images import image_hosts
from suzgec.web.ratelimit import Limiter
from suzgec.web.security import Tokens, check_login

MAX_AUTHOR_CHARS = 80


class LoginRefused(Exception):
    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


@dataclass
class AppState:
    settings: Settings
    store: Store
    moderator: Moderator
    limiter: Limiter
    login_limiter: Limiter
    tokens: Tokens
    secret: str

    @property
    def allowed_origins(self) -> list[str]:
        return [
            o.strip().rstrip("/") for o in self.settings.allowed_origins.split(",") if o.strip()
        ]

    @property
    def image_hosts(self) -> list[str]:
        return image_hosts(self.settings)

    def submit(
        self,
        slug: str,
        author: str | None,
        text: object,
        parent_id: int | None = None,
        resubmission_of: int | None = None,
        idempotency: IdempotencyKey | None = None,
        *,
        commenter_id: str | None = None,
        address_hash: str | None = None,
    ) -> StoredComment:
        """Moderate at once and store whatever the verdict (rejected ones too).

        With `idempotency`, raises KeyTaken if a concurrent request with the same key
        stored its comment first (this one is then not stored).

        Raises CommentsClosed for a closed or archived article, before moderating."""
        name = (author or "").strip() or texts.DEFAULT_AUTHOR
        if len(name) > MAX_AUTHOR_CHARS:
            raise InvalidComment(texts.AUTHOR_TOO_LONG.format(limit=MAX_AUTHOR_CHARS))
        if (bad := first_control(name)) is not None:  # a name is one line, shown as written
            raise InvalidComment(texts.AUTHOR_CONTROL_CHAR.format(code=f"U+{ord(bad):04X}"))
        with self.store.pinned():  # one database connection for the reads and the write
            article = self.store.get_article(slug)
            live, decision, digest = self.admit(article, commenter_id, text)
            return self.store.add_comment(
                slug,
                name,
                decision,
                parent_id,
                resubmission_of=resubmission_of,
                idempotency=idempotency,
                commenter_id=commenter_id,
                address_hash=address_hash,
                text_hash=digest,
                # Only a comment that would be published can be held: the rules' queries
                # are skipped for the others.
                hold=self.hold_reason(
                    article, commenter_id, decision.text, live, digest, address_hash
                )
                if decision.action is Action.APPROVE
                else None,
            )

    def admit(
        self, article: Article, commenter_id: str | None, text: object
    ) -> tuple[list[Sanction], Decision, str]:
        """What a new comment and an edit go through, in order: the article must take
        comments (else CommentsClosed) and the commenter be neither banned nor suspended
        (SubmissionRefused), both before anything is moderated; then the text is moderated.
        Returns the commenter's live sanctions, the decision and the text's hash."""
        if (closed := closed_reason(article)) is not None:
            raise CommentsClosed(closed)
        live = self.store.active_sanctions(commenter_id) if commenter_id else []
        commenter_rules.refusal(live)
        decision = self.moderator.moderate(text)
        return live, decision, text_hash(decision.text)

    def hold_reason(
        self,
        article: Article,
        commenter_id: str | None,
        text: str,
        sanctions: list[Sanction],
        digest: str,
        address_hash: str | None = None,
    ) -> str | None:
        """Why a comment the automatic decision would publish goes to the queue instead
        (a pre-moderated article, a sanction, a spam rule), or None. `sanctions` and
        `digest` (the text's hash) are what `admit` returned."""
        if (premoderated := premoderation_reason(article)) is not None:
            return premoderated
        return commenter_rules.hold_reason(
            self.settings,
            self.store,
            commenter_id,
            address_hash,
            digest,
            text,
            sanctions,
        )

    def authenticate(self, username: str, password: str, client: str) -> str:
        """Check a moderator login; raise LoginRefused saying why (throttled, wrong, disabled).

        Attempts are throttled per account and per client address, each on its own
        budget, so neither guessing one password from many addresses nor many accounts
        from one address gets far. The throttle is on even when comments are unlimited.
        """
        waits = [
            self.login_limiter.retry_after("login-user:" + username.casefold()),
            self.login_limiter.retry_after("login-client:" + client),
        ]
        wait = max(waits)
        if wait > 0:
            seconds = max(1, math.ceil(wait))
            raise LoginRefused(429, texts.LOGIN_THROTTLED.format(seconds=seconds), seconds)
        account = self.store.get_moderator(username)
        if not check_login(account.password_hash if account else None, password):
            raise LoginRefused(401, texts.BAD_LOGIN)
        assert account is not None
        if account.disabled:
            raise LoginRefused(403, texts.ACCOUNT_DISABLED)
        return account.username


def text_hash(text: str) -> str:
    """The same comment posted again, whatever its case and spacing, hashes the same."""
    return hashlib.sha256(" ".join(text.casefold().split()).encode()).hexdigest()


def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.suzgec
    return state


def client_key(request: Request) -> str:
    """The reader's address: behind trusted proxies the app's ProxyHeadersMiddleware has
    already put the forwarded one here (suzgec.web.proxies); headers are not read again."""
    return request.client.host if request.client else "unknown"
