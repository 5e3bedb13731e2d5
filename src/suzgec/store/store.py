"""One Store over SQLite (default, embedded) or PostgreSQL, with SQLAlchemy Core.

Every write that belongs together (a comment and its audit entry, a moderator's
decision and its audit entry) happens in one transaction, so a failure leaves
nothing half-written. The store knows nothing of moderation rules: it keeps the
Decision it is given.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool

from suzgec import messages
from suzgec.model import Action, Decision, Status
from suzgec.store import threads
from suzgec.store.accounts import AccountsStore
from suzgec.store.articles import ArticlesStore
from suzgec.store.audit_search import AuditSearchStore
from suzgec.store.base import SQLITE_BUSY_SECONDS, StoreBase
from suzgec.store.bulk import BulkStore
from suzgec.store.comment_events import COMMENT_EVENTS, comment_payload, emit_status
from suzgec.store.commenters import CommenterStore
from suzgec.store.edits import EditStore
from suzgec.store.feedback import FeedbackStore
from suzgec.store.privacy import PrivacyStore
from suzgec.store.reports import ReportStore
from suzgec.store.search import CommentFilter, SearchStore
from suzgec.store.tables import (
    articles,
    audit_log,
    comments,
    idempotency_keys,
    moderators,
    rate_buckets,
    remoderation_partitions,
    remoderation_runs,
    sessions,
    used_form_tokens,
)
from suzgec.store.threads import DEFAULT_SORT, ThreadSort
from suzgec.store.trail import (
    DISMISS_REPORTS_ACTION,
    HOLD_ACTION,
    MODERATOR_STATUS,
    REMODERATE_ACTION,
    REMOVE_ACTION,
    REPORT_HOLD_ACTION,
    STATUS_FOR_ACTION,
    SUPERSEDED,
    SYSTEM_ACTOR,
    UNDO_ACTION,
    AuditEntry,
    Conflict,
    KeyTaken,
    NotFound,
    statuses,
)
from suzgec.store.webhooks import WebhookStore

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
# Any fixed 64-bit number: PostgreSQL's advisory lock that serialises migrations.
_MIGRATION_LOCK = 0x5375_7A67_6563  # "Suzgec"

# A moderator may take back their own latest decision for a short while (a mis-click,
# a wrong key); after that a change of mind is a new decision, visible as such.
UNDO_WINDOW = timedelta(minutes=5)

# How long an Idempotency-Key holds: long enough for any client's retries, short enough
# that the table stays small. Expired rows are pruned at most this often per process.
IDEMPOTENCY_TTL = timedelta(hours=24)
_KEY_PRUNE_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class IdempotencyKey:
    """A client's Idempotency-Key and the fingerprint of the request sent under it."""

    key: str
    fingerprint: str

    @staticmethod
    def fingerprint_of(request: dict[str, Any]) -> str:
        """A stable digest of a request's fields (key order and spacing do not count)."""
        canonical = json.dumps(request, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class KeyUse:
    """What an idempotency key was first used for."""

    fingerprint: str
    comment_id: int


@dataclass(frozen=True, slots=True)
class Article:
    id: int
    slug: str
    title: str
    body: str
    source: str
    image: str | None
    published_at: datetime
    updated_at: datetime
    mode: str = "open"  # open | closed | premoderated (suzgec.store.articles)
    url: str | None = None
    archived_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "slug": self.slug,
            "title": self.title,
            "body": self.body,
            "source": self.source,
            "image": self.image,
            "published_at": self.published_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "mode": self.mode,
            "url": self.url,
            "archived": self.archived_at is not None,
            "archived_at": self.archived_at.isoformat() if self.archived_at else None,
        }


@dataclass(frozen=True, slots=True)
class StoredComment:
    id: int
    article_id: int
    article_slug: str
    parent_id: int | None
    author: str
    text: str
    created_at: datetime
    status: Status
    decision: Decision
    resubmission_of: int | None = None
    root_id: int | None = None  # the thread's top comment; None for a top comment
    commenter_id: str | None = None  # the signed browser id it was posted from
    edited_at: datetime | None = None
    report_count: int = 0  # open reports

    def to_dict(self, *, with_decision: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "article": self.article_slug,
            "parent_id": self.parent_id,
            "resubmission_of": self.resubmission_of,
            "author": self.author,
            "text": self.text,
            "created_at": self.created_at.isoformat(),
            "edited_at": self.edited_at.isoformat() if self.edited_at else None,
            "status": str(self.status),
        }
        if with_decision:
            data["decision"] = self.decision.to_dict()
        return data


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list: the items, the exact total, and the cursor of the next page."""

    items: list[StoredComment]
    total: int
    next_cursor: int | None


@dataclass(frozen=True, slots=True)
class ModeratorAccount:
    id: int
    username: str
    password_hash: str
    disabled: bool = False
    role: str = "moderator"  # or "admin": manages accounts (suzgec.store.accounts)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def utcnow() -> datetime:
    return datetime.now(UTC)


def _utc(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything stored is UTC.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def make_engine(url: str) -> Engine:
    """An engine tuned for the dialect: SQLite gets WAL and a busy timeout."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(
            url, pool_pre_ping=True, pool_size=10, max_overflow=10, hide_parameters=True
        )
    database = parsed.database or ""
    if database in ("", ":memory:"):
        # One shared connection, or every pooled connection would see its own empty DB.
        return sa.create_engine(
            url,
            connect_args={"check_same_thread": False},
            poolclass=StaticPool,
            hide_parameters=True,
        )
    Path(database).parent.mkdir(parents=True, exist_ok=True)
    # hide_parameters: SQL errors must not carry comment text into logs.
    engine = sa.create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_SECONDS},
        hide_parameters=True,
    )

    @sa.event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        # WAL lets readers run beside the writer; NORMAL sync is durable in WAL mode
        # except for the last transactions on power loss, the usual trade-off.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


# Statements on the submission path are built once; executing them with a parameter
# dict skips SQLAlchemy's per-call construction and coercion (a third of the CPU time).
_INSERT_COMMENT = sa.insert(comments)
_INSERT_AUDIT = sa.insert(audit_log)
_ARTICLE_ID = sa.select(articles.c.id).where(articles.c.slug == sa.bindparam("slug"))


@cache
def _spend_statement(dialect: str) -> sa.TextClause:
    """The token-bucket upsert of Store.spend_token: a new bucket starts full less the
    token spent; an existing one is refilled for the time since it was last touched and
    spent only if a whole token is there (else no row comes back and nothing changes)."""
    if dialect == "postgresql":
        elapsed = "EXTRACT(EPOCH FROM (:now - rate_buckets.updated_at))"
        least, greatest = "LEAST", "GREATEST"
    else:  # SQLite keeps the timestamps as ISO text, which julianday() reads
        elapsed = "(julianday(:now) - julianday(rate_buckets.updated_at)) * 86400.0"
        least, greatest = "min", "max"
    refill = f"{least}(:capacity, rate_buckets.tokens + {greatest}(0, {elapsed}) * :rate)"
    return sa.text(
        "INSERT INTO rate_buckets (key, tokens, updated_at) "
        "VALUES (:key, :capacity - 1, :now) "
        f"ON CONFLICT (key) DO UPDATE SET tokens = {refill} - 1, updated_at = :now "
        f"WHERE {refill} >= 1 RETURNING tokens"
    ).bindparams(
        sa.bindparam("now", type_=sa.DateTime(timezone=True)),
        sa.bindparam("rate", type_=sa.Float),
        sa.bindparam("capacity", type_=sa.Float),
    )


def undo_refusal(
    entries: Sequence[Any],
    comment_id: int,
    actor: str,
    now: datetime,
    window: timedelta = UNDO_WINDOW,
) -> str | None:
    """Why `actor` may not undo the latest decision of a comment, or None if they may.

    `entries` is the comment's audit trail, oldest first (rows or AuditEntry: id, actor,
    action, created_at). The first entry is always the automatic decision, so only
    later ones are a moderator's, whatever the moderator is called.
    """
    if len(entries) < 2 or entries[-1].action not in MODERATOR_STATUS:
        return messages.UNDO_NOTHING.format(comment_id=comment_id)
    last = entries[-1]
    if last.actor != actor:
        return messages.UNDO_NOT_YOURS.format(actor=last.actor)
    if now - _utc(last.created_at) > window:
        return messages.UNDO_TOO_LATE.format(minutes=int(window.total_seconds() // 60))
    return None


class Store(
    ArticlesStore,
    WebhookStore,
    CommenterStore,
    PrivacyStore,
    EditStore,
    SearchStore,
    BulkStore,
    AuditSearchStore,
    AccountsStore,
    ReportStore,
    FeedbackStore,
    StoreBase,
):
    def __init__(self, engine: Engine | str) -> None:
        self.engine = make_engine(engine) if isinstance(engine, str) else engine
        # slug -> id; nothing deletes or renames articles, so an id once seen stays valid.
        self._article_ids: dict[str, int] = {}
        self._next_key_prune = 0.0  # time.monotonic() of the next pruning of expired keys

    # -- schema ---------------------------------------------------------------

    def migrate(self, revision: str = "head") -> None:
        """Apply the numbered migrations up to `revision` (idempotent)."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self._migration_lock(), self.engine.begin() as conn:
            if self.dialect == "postgresql":
                # Held to the end of this transaction: replicas starting together take
                # turns, and the later ones find the schema current.
                conn.execute(
                    sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK}
                )
            config.attributes["connection"] = conn
            command.upgrade(config, revision)

    @contextmanager
    def _migration_lock(self) -> Iterator[None]:
        """On SQLite, an exclusive lock on a file beside the database for the migration."""
        database = self.engine.url.database or ""
        if self.dialect != "sqlite" or database in ("", ":memory:"):
            yield
            return
        import fcntl

        with open(f"{database}.migrate.lock", "a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def current_revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self._read() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    # -- articles -------------------------------------------------------------

    def create_article(
        self,
        slug: str,
        title: str,
        body: str,
        source: str,
        image: str | None = None,
        published_at: datetime | None = None,
        updated_at: datetime | None = None,
    ) -> Article:
        published = published_at or utcnow()
        values = {
            "slug": slug,
            "title": title,
            "body": body,
            "source": source,
            "image": image,
            "published_at": published,
            "updated_at": updated_at or published,
        }
        try:
            with self._tx() as conn:
                new_id = conn.execute(sa.insert(articles).values(**values)).inserted_primary_key
        except sa.exc.IntegrityError:
            raise Conflict(f"“{slug}” adresli bir haber zaten var.") from None
        assert new_id is not None
        return self.get_article(slug)

    def _article(self, row: Any) -> Article:
        return Article(
            id=row.id,
            slug=row.slug,
            title=row.title,
            body=row.body,
            source=row.source,
            image=row.image,
            published_at=_utc(row.published_at),
            updated_at=_utc(row.updated_at),
            mode=row.mode,
            url=row.url,
            archived_at=_utc(row.archived_at) if row.archived_at else None,
        )

    def get_article(self, slug: str) -> Article:
        with self._read() as conn:
            row = conn.execute(sa.select(articles).where(articles.c.slug == slug)).first()
        if row is None:
            raise NotFound(f"“{slug}” adresli haber bulunamadı.")
        return self._article(row)

    def list_articles(self, limit: int = 100) -> list[Article]:
        return self.articles_page(limit=limit)[0]

    def articles_page(
        self,
        before: int | None = None,
        limit: int = 100,
        *,
        archived: bool | None = False,
        mode: str | None = None,
    ) -> tuple[list[Article], int, int | None]:
        """Articles, newest published first: a page after the article `before`, the exact
        number of articles, and the cursor of the next page (None on the last).

        Archived articles are left out unless `archived` is True (only them) or None
        (all); `mode` keeps only articles of that comment mode."""
        order = (articles.c.published_at.desc(), articles.c.id.desc())
        where: list[sa.ColumnElement[bool]] = []
        if archived is not None:
            gone = articles.c.archived_at
            where.append(gone.is_not(None) if archived else gone.is_(None))
        if mode is not None:
            where.append(articles.c.mode == mode)
        query = sa.select(articles).where(*where).order_by(*order).limit(limit + 1)
        with self._read() as conn:
            if before is not None:
                at = conn.execute(
                    sa.select(articles.c.published_at).where(articles.c.id == before)
                ).scalar()
                if at is not None:  # keyset: strictly after the cursor in the same order
                    query = query.where(
                        sa.or_(
                            articles.c.published_at < at,
                            sa.and_(articles.c.published_at == at, articles.c.id < before),
                        )
                    )
            rows = [self._article(r) for r in conn.execute(query)]
            total = conn.execute(
                sa.select(sa.func.count()).select_from(articles).where(*where)
            ).scalar_one()
        more = len(rows) > limit
        rows = rows[:limit]
        return rows, int(total), rows[-1].id if more else None

    def article_titles(self, slugs: Iterable[str]) -> dict[str, str]:
        """slug -> title for the given slugs, in one query (pages listing comments name
        each comment's article by its title)."""
        wanted = set(slugs)
        if not wanted:
            return {}
        query = sa.select(articles.c.slug, articles.c.title).where(articles.c.slug.in_(wanted))
        with self._read() as conn:
            return {slug: title for slug, title in conn.execute(query)}

    def count_articles(self) -> int:
        with self._read() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one())

    # -- comments -------------------------------------------------------------

    def _comment_query(self) -> sa.Select[Any]:
        return sa.select(comments, articles.c.slug.label("article_slug")).join(
            articles, comments.c.article_id == articles.c.id
        )

    def _comment(self, row: Any) -> StoredComment:
        return StoredComment(
            id=row.id,
            article_id=row.article_id,
            article_slug=row.article_slug,
            parent_id=row.parent_id,
            author=row.author,
            text=row.text,
            created_at=_utc(row.created_at),
            status=Status(row.status),
            decision=Decision.from_dict(row.text, row.decision),
            resubmission_of=row.resubmission_of,
            root_id=row.root_id,
            commenter_id=row.commenter_id,
            edited_at=_utc(row.edited_at) if row.edited_at else None,
            report_count=row.report_count,
        )

    def add_comment(
        self,
        article_slug: str,
        author: str,
        decision: Decision,
        parent_id: int | None = None,
        now: datetime | None = None,
        resubmission_of: int | None = None,
        idempotency: IdempotencyKey | None = None,
        *,
        commenter_id: str | None = None,
        address_hash: str | None = None,
        text_hash: str | None = None,
        hold: str | None = None,
    ) -> StoredComment:
        """Store a moderated comment and the system's audit entry, atomically.

        `hold` (a reason in Turkish: a pre-moderated article, a sanction, a spam rule)
        sends a comment the automatic decision would publish to the queue instead; the
        reason is the note of the audit entry.

        Rejected comments are stored too (status rejected): moderators may overturn them.
        `resubmission_of` names a rejected comment of the same article this one corrects;
        if this version is published, every other published version is taken down.
        With `idempotency`, the key is recorded in the same transaction; if a concurrent
        request recorded it first, nothing is stored and KeyTaken is raised.
        """
        now = now or utcnow()
        status = STATUS_FOR_ACTION[decision.action]
        if hold is not None and status is Status.APPROVED:
            status = Status.PENDING
        else:
            hold = None
        snapshot = decision.to_dict()
        with self._tx() as conn:
            article_id = self._article_ids.get(article_slug)
            if article_id is None:
                article_id = conn.execute(_ARTICLE_ID, {"slug": article_slug}).scalar()
                if article_id is None:
                    raise NotFound(f"“{article_slug}” adresli haber bulunamadı.")
                self._article_ids[article_slug] = article_id
            root_id = None
            if parent_id is not None:
                parent = conn.execute(
                    sa.select(comments.c.article_id, comments.c.status, comments.c.root_id).where(
                        comments.c.id == parent_id
                    )
                ).first()
                if (
                    parent is None
                    or parent.article_id != article_id
                    or parent.status != Status.APPROVED
                ):
                    raise Conflict("Yanıtlanan yorum bu haberde yayımlanmış bir yorum değil.")
                root_id = parent.root_id or parent_id
            if resubmission_of is not None:
                resubmission_of = self._first_version(conn, resubmission_of, article_id)
            result = conn.execute(
                _INSERT_COMMENT,
                {
                    "article_id": article_id,
                    "parent_id": parent_id,
                    "root_id": root_id,
                    "resubmission_of": resubmission_of,
                    "author": author,
                    "text": decision.text,
                    "created_at": now,
                    "status": str(status),
                    "auto_action": str(decision.action),
                    "decision": snapshot,
                    "commenter_id": commenter_id,
                    "address_hash": address_hash,
                    "text_hash": text_hash,
                    "edited_at": None,
                    "report_count": 0,
                },
            )
            comment_id = result.inserted_primary_key[0]  # type: ignore[index]
            conn.execute(
                _INSERT_AUDIT,
                {
                    "comment_id": comment_id,
                    "actor": SYSTEM_ACTOR,
                    "action": HOLD_ACTION if hold else str(decision.action),
                    "note": hold,
                    "subject": None,
                    "redacted_at": None,
                    "decision": snapshot,
                    "created_at": now,
                },
            )
            # The webhook event: built from what is at hand, one prebuilt INSERT more.
            payload = comment_payload(
                comment_id=comment_id,
                article=article_slug,
                parent_id=parent_id,
                author=author,
                text=decision.text,
                status=status,
                decision=snapshot,
                action=HOLD_ACTION if hold else str(decision.action),
                actor=SYSTEM_ACTOR,
            )
            self._emit(conn, COMMENT_EVENTS[status], payload, now)
            if status is Status.APPROVED and resubmission_of is not None:
                self._supersede(conn, comment_id, resubmission_of, SYSTEM_ACTOR, now)
            if idempotency is not None:
                self._claim_key(conn, idempotency, comment_id, now)
        log.info("comment %s stored as %s", comment_id, status)
        return StoredComment(
            id=comment_id,
            article_id=article_id,
            article_slug=article_slug,
            parent_id=parent_id,
            author=author,
            text=decision.text,
            created_at=now,
            status=status,
            decision=decision,
            resubmission_of=resubmission_of,
            root_id=root_id,
            commenter_id=commenter_id,
        )

    def key_use(self, key: str, now: datetime | None = None) -> KeyUse | None:
        """What a live (unexpired) idempotency key was first used for, or None."""
        query = sa.select(idempotency_keys.c.fingerprint, idempotency_keys.c.comment_id).where(
            idempotency_keys.c.key_hash == token_hash(key),
            idempotency_keys.c.expires_at > (now or utcnow()),
        )
        with self._read() as conn:
            row = conn.execute(query).first()
        return KeyUse(row.fingerprint, row.comment_id) if row else None

    def _claim_key(
        self, conn: Connection, idempotency: IdempotencyKey, comment_id: int, now: datetime
    ) -> None:
        """Record the key for `comment_id`, in the comment's transaction.

        The key's primary key decides a race: on PostgreSQL the second insert waits for
        the first transaction and then fails, on SQLite writers take turns; either way
        the loser's transaction, its comment included, is rolled back.
        """
        key_hash = token_hash(idempotency.key)
        expired = idempotency_keys.c.expires_at <= now
        if time.monotonic() >= self._next_key_prune:
            # Not on every insert: concurrent transactions deleting the same expired
            # rows would wait on each other's row locks.
            self._next_key_prune = time.monotonic() + _KEY_PRUNE_SECONDS
            conn.execute(sa.delete(idempotency_keys).where(expired))
        else:  # an expired use of this very key must not block its reuse
            conn.execute(
                sa.delete(idempotency_keys).where(idempotency_keys.c.key_hash == key_hash, expired)
            )
        try:
            conn.execute(
                sa.insert(idempotency_keys).values(
                    key_hash=key_hash,
                    fingerprint=idempotency.fingerprint,
                    comment_id=comment_id,
                    expires_at=now + IDEMPOTENCY_TTL,
                )
            )
        except sa.exc.IntegrityError:
            raise KeyTaken(messages.IDEMPOTENCY_RACE) from None

    @staticmethod
    def _first_version(conn: Connection, comment_id: int, article_id: int) -> int:
        """The first version of the comment `comment_id` corrects (it must be rejected)."""
        row = conn.execute(
            sa.select(comments.c.article_id, comments.c.status, comments.c.resubmission_of).where(
                comments.c.id == comment_id
            )
        ).first()
        if row is None or row.article_id != article_id or row.status != Status.REJECTED:
            raise Conflict("Düzeltilen yorum bu haberde reddedilmiş bir yorum değil.")
        return int(row.resubmission_of or comment_id)

    @staticmethod
    def _supersede(
        conn: Connection, published: int, first: int, actor: str, now: datetime
    ) -> list[int]:
        """Take down every other published version of one comment (first version `first`)."""
        family = sa.or_(comments.c.id == first, comments.c.resubmission_of == first)
        others = [
            r.id
            for r in conn.execute(
                sa.select(comments.c.id, comments.c.decision).where(
                    family, comments.c.id != published, comments.c.status == str(Status.APPROVED)
                )
            )
        ]
        for other in others:
            conn.execute(
                sa.update(comments)
                .where(comments.c.id == other)
                .values(status=str(Status.REJECTED))
            )
            conn.execute(
                _INSERT_AUDIT,
                {
                    "comment_id": other,
                    "actor": actor,
                    "action": SUPERSEDED,
                    "note": f"{published} numaralı düzeltilmiş hâli yayımlandı.",
                    "decision": None,
                    "created_at": now,
                },
            )
            emit_status(conn, other, Status.REJECTED, SUPERSEDED, actor, now)
        return others

    def versions(self, comment: StoredComment) -> list[int]:
        """Ids of the other versions of a comment (the rejected original, its corrections)."""
        first = comment.resubmission_of or comment.id
        query = sa.select(comments.c.id).where(
            sa.or_(comments.c.id == first, comments.c.resubmission_of == first),
            comments.c.id != comment.id,
        )
        with self._read() as conn:
            return sorted(r.id for r in conn.execute(query))

    def get_comment(self, comment_id: int) -> StoredComment:
        with self._read() as conn:
            row = conn.execute(self._comment_query().where(comments.c.id == comment_id)).first()
        if row is None:
            raise NotFound(f"{comment_id} numaralı yorum bulunamadı.")
        return self._comment(row)

    def list_comments(
        self, article_slug: str, status: Status = Status.APPROVED, limit: int = 1000
    ) -> list[StoredComment]:
        """Comments of one article, oldest first (a thread reads top to bottom)."""
        self.get_article(article_slug)  # 404 for an unknown article, not an empty list
        query = (
            self._comment_query()
            .where(articles.c.slug == article_slug, comments.c.status == str(status))
            .order_by(comments.c.created_at, comments.c.id)
            .limit(limit)
        )
        with self._read() as conn:
            return [self._comment(r) for r in conn.execute(query)]

    def thread_page(
        self,
        article_slug: str,
        after: int | None = None,
        limit: int = 50,
        sort: ThreadSort = DEFAULT_SORT,
    ) -> Page:
        """Published threads of one article: `limit` top comments after the cursor
        `after`, in the order `sort` (suzgec.store.threads), each with all its published
        replies. Items come thread by thread: a top comment, then its replies by id.

        A reply whose thread top is no longer published is shown as a top comment, so
        taking a comment down never hides the replies under it. `total` counts every
        published comment, replies included (what the widget's "N yorum" shows).
        """
        article_id = self.get_article(article_slug).id
        published = comments.c.status == str(Status.APPROVED)
        with self._read() as conn:
            root_ids = list(
                conn.execute(threads.top_page(article_id, sort, after, limit)).scalars()
            )
            more = len(root_ids) > limit
            root_ids = root_ids[:limit]
            rows = conn.execute(
                self._comment_query()
                .where(
                    published,
                    sa.or_(comments.c.id.in_(root_ids), comments.c.root_id.in_(root_ids)),
                )
                .order_by(comments.c.id)
            )
            found = [self._comment(r) for r in rows]
            total = conn.execute(
                sa.select(sa.func.count()).where(comments.c.article_id == article_id, published)
            ).scalar_one()
        # Thread by thread: each top comment in the page's order, then its replies by id.
        rank = {root: i for i, root in enumerate(root_ids)}
        items = sorted(found, key=lambda c: (rank[c.id if c.id in rank else c.root_id], c.id))
        cursor = threads.next_cursor(sort, after, root_ids) if more else None
        return Page(items, int(total), cursor)

    def thread_cursor(
        self, article_slug: str, comment_id: int, sort: ThreadSort = DEFAULT_SORT
    ) -> int | None:
        """The cursor of the thread page (in the order `sort`) that starts with the
        thread holding the comment `comment_id`, or None if it is not a published comment
        of this article (a deep link to it then opens the first page)."""
        article_id = self.get_article(article_slug).id
        top = comments.alias("top")
        query = (
            sa.select(comments.c.id, top.c.id.label("top_id"))
            .select_from(
                comments.outerjoin(
                    top,
                    sa.and_(top.c.id == comments.c.root_id, top.c.status == str(Status.APPROVED)),
                )
            )
            .where(
                comments.c.id == comment_id,
                comments.c.article_id == article_id,
                comments.c.status == str(Status.APPROVED),
            )
        )
        with self._read() as conn:
            row = conn.execute(query).first()
            if row is None:
                return None
            # A reply under a published top is on its top's page; one whose top was taken
            # down is a top comment itself.
            at = threads.cursor_at(article_id, row.top_id or row.id, sort)
            return at if isinstance(at, int) else int(conn.execute(at).scalar_one())

    def _page(
        self, where: sa.ColumnElement[bool], cursor: int | None, limit: int, newest: bool
    ) -> Page:
        """Comments matching `where`, by id (oldest or newest first), after the cursor id."""
        order = comments.c.id.desc() if newest else comments.c.id
        query = self._comment_query().where(where).order_by(order)
        if cursor is not None:
            query = query.where(comments.c.id < cursor if newest else comments.c.id > cursor)
        with self._read() as conn:
            items = [self._comment(r) for r in conn.execute(query.limit(limit + 1))]
            total = conn.execute(sa.select(sa.func.count()).where(where)).scalar_one()
        more = len(items) > limit
        items = items[:limit]
        return Page(items, int(total), items[-1].id if more else None)

    def pending_page(self, after: int | None = None, limit: int = 50) -> Page:
        """The moderation queue, oldest first, with the exact number waiting."""
        return self._page(comments.c.status == str(Status.PENDING), after, limit, newest=False)

    def auto_rejected_page(self, before: int | None = None, limit: int = 50) -> Page:
        """Automatic rejections nobody has overturned, newest first, with their number."""
        where = sa.and_(
            comments.c.status == str(Status.REJECTED),
            comments.c.auto_action == str(Action.REJECT),
        )
        return self._page(where, before, limit, newest=True)

    def pending(self, limit: int = 50) -> list[StoredComment]:
        """The moderation queue, oldest first."""
        return self.pending_page(limit=limit).items

    def auto_rejected(self, limit: int = 50) -> list[StoredComment]:
        """Comments the system rejected and nobody has overturned yet, newest first."""
        return self.auto_rejected_page(limit=limit).items

    def decide(
        self,
        comment_id: int,
        actor: str,
        status: Status,
        note: str | None = None,
        *,
        overturn: bool = False,
    ) -> StoredComment:
        """A moderator's approve/reject: new status plus an audit entry, atomically.

        A pending comment is decided once: a second decision (two moderators, a double
        click, a stale page) is refused with Conflict, and so is a decision on a comment
        another moderator has claimed. Changing a decided comment's status needs
        `overturn=True` and is audited as an overturn. Approving one version of a
        resubmitted comment takes the other versions down.
        """
        if status is Status.PENDING:
            raise Conflict("Moderatör kararı onay ya da ret olmalı.")
        now = utcnow()
        with self._tx() as conn:
            row = conn.execute(
                sa.select(
                    comments.c.status,
                    comments.c.decision,
                    comments.c.resubmission_of,
                    comments.c.claimed_by,
                    comments.c.claimed_until,
                ).where(comments.c.id == comment_id)
            ).first()
            if row is None:
                raise NotFound(f"{comment_id} numaralı yorum bulunamadı.")
            current = Status(row.status)
            if current is Status.PENDING:
                claimed = row.claimed_until is not None and _utc(row.claimed_until) > now
                if claimed and row.claimed_by != actor:
                    raise Conflict(messages.CLAIMED_BY.format(actor=row.claimed_by))
                action = "approve" if status is Status.APPROVED else "reject"
            elif not overturn or current is status:  # no overturn asked, or nothing to change
                raise Conflict(
                    messages.ALREADY_DECIDED.format(
                        comment_id=comment_id, status=messages.STATUS_WORDS[current]
                    )
                )
            else:
                action = "overturn_approve" if status is Status.APPROVED else "overturn_reject"
            # Conditional on the status read above: of two decisions racing on one
            # comment, the second changes no row and is refused.
            changed = conn.execute(
                sa.update(comments)
                .where(comments.c.id == comment_id, comments.c.status == str(current))
                .values(status=str(status), claimed_by=None, claimed_until=None)
            )
            if changed.rowcount != 1:
                raise Conflict(
                    messages.ALREADY_DECIDED.format(comment_id=comment_id, status="değişti")
                )
            if status is Status.APPROVED:
                # One version of a comment is public at a time: the original or a fix.
                self._supersede(conn, comment_id, row.resubmission_of or comment_id, actor, now)
            conn.execute(
                sa.insert(audit_log).values(
                    comment_id=comment_id,
                    actor=actor,
                    action=action,
                    note=note or None,
                    decision=row.decision,
                    created_at=now,
                )
            )
            emit_status(conn, comment_id, status, action, actor, now)
        log.info("comment %s set to %s by a moderator (%s)", comment_id, status, action)
        return self.get_comment(comment_id)

    def claim_page(
        self,
        actor: str,
        after: int | None = None,
        limit: int = 50,
        minutes: int = 10,
        now: datetime | None = None,
    ) -> Page:
        """Claim up to `limit` pending comments for `actor` (theirs, or nobody's for now)
        for `minutes`, oldest first after the cursor, and return them.

        On PostgreSQL the rows are picked with FOR UPDATE SKIP LOCKED, so moderators
        opening the queue at the same moment get different comments; SQLite has one
        writer at a time, which serialises the claims by itself. `total` counts every
        pending comment, claimed or not.
        """
        # One claim path, the desk's filtered one (suzgec.store.search), unfiltered here.
        page = self.claim_matching(
            actor,
            CommentFilter(),
            None if after is None else str(after),
            limit=limit,
            minutes=minutes,
            now=now,
        )
        cursor = None if page.next_cursor is None else int(page.next_cursor)
        return Page(page.items, page.total, cursor)

    def undo(
        self,
        comment_id: int,
        actor: str,
        window: timedelta = UNDO_WINDOW,
        now: datetime | None = None,
    ) -> StoredComment:
        """Undo `actor`'s latest decision on a comment, within `window` of making it.

        The comment gets back the status it had before; the undo is an audit entry of
        its own (action "undo", the note naming what was undone), so the log stays
        append-only. Raises Conflict, with the reason, when the undo is not allowed.
        """
        now = now or utcnow()
        with self._tx() as conn:
            # Touch the row first: both databases then hold its write lock while the
            # trail is read, so two undos (or an undo and a decision) cannot interleave.
            touched = conn.execute(
                sa.update(comments)
                .where(comments.c.id == comment_id)
                .values(status=comments.c.status)
            )
            if touched.rowcount == 0:
                raise NotFound(f"{comment_id} numaralı yorum bulunamadı.")
            entries = conn.execute(
                sa.select(
                    audit_log.c.id,
                    audit_log.c.actor,
                    audit_log.c.action,
                    audit_log.c.decision,
                    audit_log.c.created_at,
                )
                .where(audit_log.c.comment_id == comment_id)
                .order_by(audit_log.c.id)
            ).all()
            refusal = undo_refusal(entries, comment_id, actor, now, window)
            if refusal:
                raise Conflict(refusal)
            undone = entries[-1]
            previous = statuses(entries)[-2]
            conn.execute(
                sa.update(comments).where(comments.c.id == comment_id).values(status=str(previous))
            )
            note = messages.UNDO_NOTE.format(
                decision=messages.MODERATOR_DECISION_NAMES[undone.action],
                entry_id=undone.id,
                status=messages.STATUS_WORDS[previous],
            )
            conn.execute(
                sa.insert(audit_log).values(
                    comment_id=comment_id,
                    actor=actor,
                    action=UNDO_ACTION,
                    note=note,
                    decision=undone.decision,
                    created_at=now,
                )
            )
            emit_status(conn, comment_id, previous, UNDO_ACTION, actor, now)
        log.info("comment %s back to %s: a moderator undid their decision", comment_id, previous)
        return self.get_comment(comment_id)

    def audit(self, comment_id: int | None = None, limit: int = 200) -> list[AuditEntry]:
        query = sa.select(audit_log).order_by(audit_log.c.id).limit(limit)
        if comment_id is not None:
            query = query.where(audit_log.c.comment_id == comment_id)
        with self._read() as conn:
            return [
                AuditEntry(
                    id=r.id,
                    comment_id=r.comment_id,
                    actor=r.actor,
                    action=r.action,
                    note=r.note,
                    decision=r.decision,
                    created_at=_utc(r.created_at),
                    subject=r.subject,
                )
                for r in conn.execute(query)
            ]

    def stats(self, days: int = 14, today: date | None = None) -> dict[str, Any]:
        """Automatic decisions per day and findings per clause per day, last `days` days.

        Counted in Python over the window rather than with dialect-specific date SQL;
        one row per comment of the window is small next to what the page shows.
        """
        today = today or utcnow().date()
        first = today - timedelta(days=days - 1)
        since = datetime(first.year, first.month, first.day, tzinfo=UTC)
        query = sa.select(comments.c.created_at, comments.c.auto_action, comments.c.decision).where(
            comments.c.created_at >= since
        )
        day_keys = [(first + timedelta(days=i)).isoformat() for i in range(days)]
        per_decision = {d: Counter[str]() for d in day_keys}
        per_clause = {d: Counter[str]() for d in day_keys}
        with self._read() as conn:
            for created, action, decision in conn.execute(query):
                key = _utc(created).date().isoformat()
                if key not in per_decision:
                    continue
                per_decision[key][action] += 1
                for clause in {f["clause"] for f in decision.get("findings", [])}:
                    per_clause[key][clause] += 1
            by_status: dict[str, int] = dict(
                conn.execute(
                    sa.select(comments.c.status, sa.func.count()).group_by(comments.c.status)
                ).all()
            )
        return {
            "days": day_keys,
            "per_decision": {d: dict(c) for d, c in per_decision.items()},
            "per_clause": {d: dict(c) for d, c in per_clause.items()},
            "by_status": {str(s): int(by_status.get(str(s), 0)) for s in Status},
        }

    # -- moderators and their sessions ------------------------------------------

    def add_moderator(
        self, username: str, password_hash: str, role: str = "moderator"
    ) -> ModeratorAccount:
        try:
            with self._tx() as conn:
                result = conn.execute(
                    sa.insert(moderators).values(
                        username=username,
                        password_hash=password_hash,
                        created_at=utcnow(),
                        role=role,
                    )
                )
        except sa.exc.IntegrityError:
            raise Conflict(f"“{username}” adlı moderatör zaten var.") from None
        new_id = result.inserted_primary_key[0]  # type: ignore[index]
        return ModeratorAccount(new_id, username, password_hash, role=role)

    def set_password(self, username: str, password_hash: str) -> int:
        """New password; every session of the account ends. Returns the sessions ended."""
        with self._tx() as conn:
            account_id = self._moderator_id(conn, username)
            conn.execute(
                sa.update(moderators)
                .where(moderators.c.id == account_id)
                .values(password_hash=password_hash)
            )
            return self._revoke_all(conn, account_id)

    def set_disabled(self, username: str, disabled: bool = True) -> int:
        """Disable (or re-enable) an account; disabling ends its sessions at once."""
        with self._tx() as conn:
            account_id = self._moderator_id(conn, username)
            conn.execute(
                sa.update(moderators)
                .where(moderators.c.id == account_id)
                .values(disabled_at=utcnow() if disabled else None)
            )
            return self._revoke_all(conn, account_id) if disabled else 0

    @staticmethod
    def _moderator_id(conn: Connection, username: str) -> int:
        found = conn.execute(
            sa.select(moderators.c.id).where(moderators.c.username == username)
        ).scalar()
        if found is None:
            raise NotFound(f"“{username}” adlı moderatör yok.")
        return int(found)

    @staticmethod
    def _revoke_all(conn: Connection, account_id: int) -> int:
        result = conn.execute(
            sa.update(sessions)
            .where(sessions.c.moderator_id == account_id, sessions.c.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
        return int(result.rowcount)

    def get_moderator(self, username: str) -> ModeratorAccount | None:
        with self._read() as conn:
            row = conn.execute(
                sa.select(moderators).where(moderators.c.username == username)
            ).first()
        if row is None:
            return None
        return ModeratorAccount(
            row.id, row.username, row.password_hash, row.disabled_at is not None, row.role
        )

    def open_session(self, username: str, kind: str, hours: int) -> str:
        """A new login for an enabled account: the random token (only its hash is kept)."""
        token = secrets.token_urlsafe(32)
        now = utcnow()
        with self._tx() as conn:
            account_id = self._moderator_id(conn, username)
            # Logins ended a day ago are of no use to anyone: forget them on the way.
            conn.execute(sa.delete(sessions).where(sessions.c.expires_at < now - timedelta(days=1)))
            conn.execute(
                sa.insert(sessions).values(
                    token_hash=token_hash(token),
                    moderator_id=account_id,
                    kind=kind,
                    created_at=now,
                    expires_at=now + timedelta(hours=hours),
                )
            )
        return token

    def session_user(self, token: str, kind: str) -> str | None:
        """The moderator a live token of `kind` belongs to, or None (unknown, expired,
        revoked, or the account is disabled)."""
        query = (
            sa.select(moderators.c.username, sessions.c.expires_at)
            .select_from(sessions.join(moderators, sessions.c.moderator_id == moderators.c.id))
            .where(
                sessions.c.token_hash == token_hash(token),
                sessions.c.kind == kind,
                sessions.c.revoked_at.is_(None),
                moderators.c.disabled_at.is_(None),
            )
        )
        with self._read() as conn:
            row = conn.execute(query).first()
        if row is None or _utc(row.expires_at) <= utcnow():
            return None
        return str(row.username)

    def close_session(self, token: str) -> None:
        with self._tx() as conn:
            conn.execute(
                sa.update(sessions)
                .where(sessions.c.token_hash == token_hash(token), sessions.c.revoked_at.is_(None))
                .values(revoked_at=utcnow())
            )

    # -- reader form tokens ------------------------------------------------------

    def spend_form_token(self, nonce: str, max_age_seconds: int) -> bool:
        """Mark a form token's nonce used; False if it was used before.

        Nonces older than any valid token are forgotten on the way, so the table stays
        as small as the tokens alive at once.
        """
        now = utcnow()
        try:
            with self._tx() as conn:
                conn.execute(
                    sa.delete(used_form_tokens).where(
                        used_form_tokens.c.used_at < now - timedelta(seconds=max_age_seconds)
                    )
                )
                conn.execute(sa.insert(used_form_tokens).values(nonce=nonce, used_at=now))
        except sa.exc.IntegrityError:
            return False
        return True

    # -- rate limits -------------------------------------------------------------

    def spend_token(self, key: str, per_second: float, capacity: float) -> float:
        """Spend one token of `key`'s bucket: 0.0, or the seconds until one is there.

        The bucket refills at `per_second` up to `capacity`. It lives in the database, so
        every server process shares it and a restart does not refill it. A spend is one
        upsert that refills and spends in SQL, atomically on the row; only a refused
        spend (the rare case) reads the bucket again to say how long to wait.
        """
        now = utcnow()
        params = {"key": key, "now": now, "rate": per_second, "capacity": capacity}
        with self._tx() as conn:
            spent = conn.execute(_spend_statement(self.dialect), params).first()
            if spent is not None:
                return 0.0
            row = conn.execute(
                sa.select(rate_buckets.c.tokens, rate_buckets.c.updated_at).where(
                    rate_buckets.c.key == key
                )
            ).one()
        elapsed = max(0.0, (now - _utc(row.updated_at)).total_seconds())
        tokens = min(capacity, row.tokens + elapsed * per_second)
        return max(0.0, (1.0 - tokens) / per_second)

    def prune_buckets(self, older_than: timedelta) -> int:
        """Forget buckets untouched for `older_than` (they have refilled anyway)."""
        with self._tx() as conn:
            result = conn.execute(
                sa.delete(rate_buckets).where(rate_buckets.c.updated_at < utcnow() - older_than)
            )
        return int(result.rowcount)

    # -- archive re-moderation (`suzgec remoderate`, suzgec.archive) -------------------

    def comment_id_bounds(self) -> tuple[int, int] | None:
        """The smallest and largest comment id, or None without comments."""
        with self._read() as conn:
            lo, hi = conn.execute(
                sa.select(sa.func.min(comments.c.id), sa.func.max(comments.c.id))
            ).one()
        return None if lo is None else (int(lo), int(hi))

    def archive_rows(self, lo: int, hi: int) -> list[ArchiveRow]:
        """Comments with lo <= id < hi, by id: what re-moderation and the export read."""
        query = (
            sa.select(
                comments.c.id,
                articles.c.slug,
                comments.c.text,
                comments.c.status,
                comments.c.auto_action,
                comments.c.decision,
            )
            .join(articles, comments.c.article_id == articles.c.id)
            .where(comments.c.id >= lo, comments.c.id < hi)
            .order_by(comments.c.id)
        )
        with self._read() as conn:
            return [ArchiveRow(*row) for row in conn.execute(query)]

    def find_remoderation_run(self, fingerprint: str) -> int | None:
        """The latest run with this fingerprint that is not applied yet, to resume."""
        query = (
            sa.select(remoderation_runs.c.id)
            .where(
                remoderation_runs.c.fingerprint == fingerprint,
                remoderation_runs.c.applied_at.is_(None),
            )
            .order_by(remoderation_runs.c.id.desc())
            .limit(1)
        )
        with self._read() as conn:
            found = conn.execute(query).scalar()
        return None if found is None else int(found)

    def start_remoderation_run(
        self,
        fingerprint: str,
        source: str,
        versions: dict[str, Any],
        partitions: Sequence[tuple[int, int, str | None]],
    ) -> int:
        """A new run over `partitions` ((lo, hi, Parquet file or None) each, in order)."""
        with self._tx() as conn:
            run_id = conn.execute(
                sa.insert(remoderation_runs).values(
                    fingerprint=fingerprint, source=source, versions=versions, created_at=utcnow()
                )
            ).inserted_primary_key[0]  # type: ignore[index]
            if partitions:
                conn.execute(
                    sa.insert(remoderation_partitions),
                    [
                        {"run_id": run_id, "number": n, "lo": lo, "hi": hi, "file": file}
                        for n, (lo, hi, file) in enumerate(partitions)
                    ],
                )
        return int(run_id)

    def remoderation_run(self, run_id: int) -> RemoderationRun:
        with self._read() as conn:
            run = conn.execute(
                sa.select(remoderation_runs).where(remoderation_runs.c.id == run_id)
            ).first()
            if run is None:
                raise NotFound(messages.REMODERATE_NO_RUN.format(run=run_id))
            parts = conn.execute(
                sa.select(
                    remoderation_partitions.c.number,
                    remoderation_partitions.c.lo,
                    remoderation_partitions.c.hi,
                    remoderation_partitions.c.file,
                    remoderation_partitions.c.summary,
                    remoderation_partitions.c.outcome,
                    remoderation_partitions.c.computed_at.is_not(None).label("computed"),
                    remoderation_partitions.c.applied_at.is_not(None).label("applied"),
                )
                .where(remoderation_partitions.c.run_id == run_id)
                .order_by(remoderation_partitions.c.number)
            ).all()
        return RemoderationRun(
            id=run.id,
            fingerprint=run.fingerprint,
            source=run.source,
            versions=run.versions,
            created_at=_utc(run.created_at),
            applied_at=_utc(run.applied_at) if run.applied_at else None,
            partitions=[
                PartitionState(
                    p.number,
                    p.lo,
                    p.hi,
                    p.file,
                    bool(p.computed),
                    bool(p.applied),
                    p.summary,
                    p.outcome,
                )
                for p in parts
            ],
        )

    def save_remoderation_partition(
        self, run_id: int, number: int, summary: dict[str, Any], changes: list[dict[str, Any]]
    ) -> bool:
        """Keep a computed partition's new decisions until they are applied; False if it
        was computed already (a resumed run, or a task an engine ran twice)."""
        with self._tx() as conn:
            result = conn.execute(
                sa.update(remoderation_partitions)
                .where(
                    remoderation_partitions.c.run_id == run_id,
                    remoderation_partitions.c.number == number,
                    remoderation_partitions.c.computed_at.is_(None),
                )
                .values(computed_at=utcnow(), summary=summary, changes=changes)
            )
        return result.rowcount == 1

    def remoderation_changes(self, run_id: int, number: int) -> list[dict[str, Any]]:
        """The stored new decisions of one partition (empty once applied)."""
        with self._read() as conn:
            found = conn.execute(
                sa.select(remoderation_partitions.c.changes).where(
                    remoderation_partitions.c.run_id == run_id,
                    remoderation_partitions.c.number == number,
                )
            ).scalar()
        return list(found or [])

    def remoderation_outcomes(
        self, changes: Sequence[dict[str, Any]], now: datetime | None = None
    ) -> list[tuple[str, str]]:
        """What applying each change would do now: (status after, reason) per change, in
        order; reason as in `remoderated_status`, or "stale" / "missing"."""
        now = now or utcnow()
        with self._read() as conn:
            return [
                (str(status), reason) for _, _, status, reason in self._plan(conn, changes, now)
            ]

    def apply_remoderation_partition(
        self, run_id: int, number: int, now: datetime | None = None
    ) -> dict[str, int] | None:
        """Apply one computed partition's new decisions in one transaction: each comment's
        stored decision, its status where `remoderated_status` says so, and an audit entry.

        The partition is marked applied in the same transaction, so a crash leaves it
        either wholly applied or not at all, and a second apply (a resumed run, two
        operators at once) changes nothing: None. A comment whose stored decision changed
        since it was read is left alone ("stale"): a later run will see it afresh.
        Returns the changes counted by reason.
        """
        now = now or utcnow()
        part = remoderation_partitions.c
        with self._tx() as conn:
            mine = conn.execute(
                sa.update(remoderation_partitions)
                .where(
                    part.run_id == run_id,
                    part.number == number,
                    part.computed_at.is_not(None),
                    part.applied_at.is_(None),
                )
                .values(applied_at=now)
            )
            if mine.rowcount != 1:
                return None
            changes = conn.execute(
                sa.select(part.changes).where(part.run_id == run_id, part.number == number)
            ).scalar_one()
            counts: Counter[str] = Counter()
            for change, row, status, reason in self._plan(conn, changes or [], now, lock=True):
                counts[reason] += 1
                if row is None or reason == "stale":
                    continue
                new = change["decision"]
                values: dict[str, Any] = {"decision": new, "auto_action": new["decision"]}
                if status is not Status(row.status):
                    values.update(status=str(status), claimed_by=None, claimed_until=None)
                conn.execute(sa.update(comments).where(comments.c.id == row.id).values(**values))
                outcome = messages.REMODERATE_OUTCOMES[reason].format(
                    before=messages.STATUS_WORDS[Status(row.status)],
                    after=messages.STATUS_WORDS[status],
                    status=messages.STATUS_WORDS[status],
                )
                note = messages.REMODERATE_NOTE.format(
                    old=messages.DECISION_WORDS[Action(row.auto_action)],
                    new=messages.DECISION_WORDS[Action(new["decision"])],
                    outcome=outcome,
                )
                conn.execute(
                    _INSERT_AUDIT,
                    {
                        "comment_id": row.id,
                        "actor": SYSTEM_ACTOR,
                        "action": REMODERATE_ACTION,
                        "note": note,
                        # the status it left: replaying the trail (undo) needs it
                        "decision": {**new, "status": str(status)},
                        "created_at": now,
                    },
                )
                if status is not Status(row.status):
                    emit_status(conn, row.id, status, REMODERATE_ACTION, SYSTEM_ACTOR, now)
            conn.execute(
                sa.update(remoderation_partitions)
                .where(part.run_id == run_id, part.number == number)
                .values(changes=None, outcome=dict(counts))
            )
        log.info("re-moderation run %s: partition %s applied %s", run_id, number, dict(counts))
        return dict(counts)

    def finish_remoderation_run(self, run_id: int) -> bool:
        """Mark a run applied once every partition is; False while some are not."""
        part = remoderation_partitions.c
        with self._tx() as conn:
            left = conn.execute(
                sa.select(sa.func.count()).where(part.run_id == run_id, part.applied_at.is_(None))
            ).scalar_one()
            if left:
                return False
            conn.execute(
                sa.update(remoderation_runs)
                .where(remoderation_runs.c.id == run_id, remoderation_runs.c.applied_at.is_(None))
                .values(applied_at=utcnow())
            )
        return True

    @staticmethod
    def _plan(
        conn: Connection, changes: Sequence[dict[str, Any]], now: datetime, lock: bool = False
    ) -> list[tuple[dict[str, Any], Any, Status, str]]:
        """(change, current row or None, status after, reason) for each change, read in
        `conn` (rows locked for the update when `lock`)."""
        ids = [int(c["id"]) for c in changes]
        if not ids:
            return []
        query = sa.select(
            comments.c.id,
            comments.c.status,
            comments.c.auto_action,
            comments.c.decision,
            comments.c.claimed_until,
            comments.c.resubmission_of,
        ).where(comments.c.id.in_(ids))
        if lock:
            query = query.with_for_update()
        rows = {r.id: r for r in conn.execute(query)}
        # Every audit entry after the first (the automatic decision), other than earlier
        # re-moderations: a moderator's decision, an undo, a take-down by a later version.
        later: dict[int, set[str]] = {i: set() for i in ids}
        seen: set[int] = set()
        trails = (
            sa.select(audit_log.c.comment_id, audit_log.c.action)
            .where(audit_log.c.comment_id.in_(ids))
            .order_by(audit_log.c.comment_id, audit_log.c.id)
        )
        for comment_id, action in conn.execute(trails):
            if comment_id not in seen:
                seen.add(comment_id)
            elif action != REMODERATE_ACTION:
                later[comment_id].add(action)
        # First versions with a version of them published (see `remoderated_status`).
        firsts = {r.resubmission_of or r.id for r in rows.values()}
        published: dict[int, set[int]] = {}
        family = sa.select(comments.c.id, comments.c.resubmission_of).where(
            comments.c.status == str(Status.APPROVED),
            sa.or_(comments.c.id.in_(firsts), comments.c.resubmission_of.in_(firsts)),
        )
        for member, first in conn.execute(family):
            published.setdefault(first or member, set()).add(member)
        out: list[tuple[dict[str, Any], Any, Status, str]] = []
        for change in changes:
            row = rows.get(int(change["id"]))
            if row is None:
                out.append((change, None, Status.PENDING, "missing"))
                continue
            status = Status(row.status)
            if decision_fingerprint(row.decision) != change["old"]:
                out.append((change, row, status, "stale"))
                continue
            claimed = row.claimed_until is not None and _utc(row.claimed_until) > now
            others = published.get(row.resubmission_of or row.id, set()) - {row.id}
            new_status, reason = remoderated_status(
                status,
                Action(row.auto_action),
                Action(change["decision"]["decision"]),
                later=later[row.id],
                claimed=claimed,
                other_version_published=bool(others),
            )
            out.append((change, row, new_status, reason))
        return out


@dataclass(frozen=True, slots=True)
class ArchiveRow:
    """One stored comment as re-moderation reads it (from the database or a Parquet export)."""

    id: int
    article: str
    text: str
    status: str
    auto_action: str
    decision: dict[str, Any]


@dataclass(frozen=True, slots=True)
class PartitionState:
    number: int
    lo: int
    hi: int
    file: str | None
    computed: bool
    applied: bool
    summary: dict[str, Any] | None
    outcome: dict[str, int] | None


@dataclass(frozen=True, slots=True)
class RemoderationRun:
    id: int
    fingerprint: str
    source: str
    versions: dict[str, Any]
    created_at: datetime
    applied_at: datetime | None
    partitions: list[PartitionState]


def decision_fingerprint(decision: dict[str, Any]) -> str:
    """A short hash of a stored decision's JSON: a change computed from it is applied only
    while the comment still carries exactly that decision."""
    canonical = json.dumps(decision, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


# Take-downs, report holds and dismissals are people deciding too: re-moderation leaves
# their status (a taken-down comment is never republished by a new model).
_MODERATOR_ACTIONS = frozenset(MODERATOR_STATUS) | {
    UNDO_ACTION,
    REMOVE_ACTION,
    REPORT_HOLD_ACTION,
    DISMISS_REPORTS_ACTION,
}


def remoderated_status(
    status: Status,
    old: Action,
    new: Action,
    *,
    later: set[str],
    claimed: bool,
    other_version_published: bool,
) -> tuple[Status, str]:
    """The status a stored comment gets when its automatic decision `old` becomes `new`,
    and why (the reason names an entry of messages.REMODERATE_OUTCOMES).

    The new decision stands where the old one still does, as if the comment came in
    now, with one exception: a published comment is never rejected unseen ("held": it
    goes to the queue, pending and so hidden, and a moderator decides; a later run that
    still rejects it leaves it there). Where someone decided
    since (`later` holds a moderator's decision or undo: "moderator"; a take-down by a
    later version: "version"), the status they left stays. So does the status of a
    pending comment a moderator has claimed ("claimed") and of a rejected version
    whose other version is published (one version is public at a time: "version").
    """
    if later & _MODERATOR_ACTIONS:
        return status, "moderator"
    if SUPERSEDED in later:
        return status, "version"
    if claimed:
        return status, "claimed"
    target = STATUS_FOR_ACTION[new]
    # Pending with an automatic rejection: an earlier run held this published comment.
    held = status is Status.PENDING and old is Action.REJECT
    if target is Status.REJECTED and (status is Status.APPROVED or held):
        return Status.PENDING, "held"
    if target is status:
        return status, "same"
    if target is Status.APPROVED and other_version_published:
        return status, "version"
    return target, "status"
