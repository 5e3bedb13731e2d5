"""One Store over SQLite (default, embedded) or PostgreSQL, with SQLAlchemy Core.

Every write that belongs together (a comment and its audit entry, a moderator's
decision and its audit entry) happens in one transaction, so a failure leaves
nothing half-written. The store knows nothing of moderation rules: it keeps the
Decision it is given.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool

from suzgec import messages
from suzgec.errors import SuzgecError
from suzgec.model import Action, Decision, Status
from suzgec.store.tables import articles, audit_log, comments, moderators

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
SYSTEM_ACTOR = "system"

# The automatic decision decides the first status; a moderator changes it later.
STATUS_FOR_ACTION = {
    Action.APPROVE: Status.APPROVED,
    Action.REVIEW: Status.PENDING,
    Action.REJECT: Status.REJECTED,
}

# A moderator may take back their own latest decision for a short while (a mis-click,
# a wrong key); after that a change of mind is a new decision, visible as such.
UNDO_WINDOW = timedelta(minutes=5)
UNDO_ACTION = "undo"
_MODERATOR_STATUS = {"approve": Status.APPROVED, "reject": Status.REJECTED}


class NotFound(SuzgecError):
    """An article, comment or moderator that does not exist."""


class Conflict(SuzgecError):
    """A write that clashes with what is stored (duplicate slug or username, bad parent)."""


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

    def to_dict(self, *, with_decision: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "article": self.article_slug,
            "parent_id": self.parent_id,
            "author": self.author,
            "text": self.text,
            "created_at": self.created_at.isoformat(),
            "status": str(self.status),
        }
        if with_decision:
            data["decision"] = self.decision.to_dict()
        return data


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    comment_id: int
    actor: str
    action: str
    note: str | None
    decision: dict[str, Any] | None
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "comment_id": self.comment_id,
            "actor": self.actor,
            "action": self.action,
            "note": self.note,
            "decision": self.decision,
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class ModeratorAccount:
    id: int
    username: str
    password_hash: str


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
        url, connect_args={"check_same_thread": False, "timeout": 15}, hide_parameters=True
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
    if len(entries) < 2 or entries[-1].action not in _MODERATOR_STATUS:
        return messages.UNDO_NOTHING.format(comment_id=comment_id)
    last = entries[-1]
    if last.actor != actor:
        return messages.UNDO_NOT_YOURS.format(actor=last.actor)
    if now - _utc(last.created_at) > window:
        return messages.UNDO_TOO_LATE.format(minutes=int(window.total_seconds() // 60))
    return None


def _statuses(entries: Sequence[Any]) -> list[Status]:
    """Replay a comment's audit trail: the statuses it went through, as a stack.

    The automatic decision sets the first; a moderator's decision pushes one; an undo
    pops back to the status before the decision it undid.
    """
    stack = [STATUS_FOR_ACTION[Action(entries[0].action)]]
    for entry in entries[1:]:
        if entry.action == UNDO_ACTION:
            stack.pop()
        else:
            stack.append(_MODERATOR_STATUS[entry.action])
    return stack


class Store:
    def __init__(self, engine: Engine | str) -> None:
        self.engine = make_engine(engine) if isinstance(engine, str) else engine
        # slug -> id; nothing deletes or renames articles, so an id once seen stays valid.
        self._article_ids: dict[str, int] = {}

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    # -- schema ---------------------------------------------------------------

    def migrate(self, revision: str = "head") -> None:
        """Apply the numbered migrations up to `revision` (idempotent)."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, revision)

    def current_revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
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
        )

    def get_article(self, slug: str) -> Article:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(articles).where(articles.c.slug == slug)).first()
        if row is None:
            raise NotFound(f"“{slug}” adresli haber bulunamadı.")
        return self._article(row)

    def list_articles(self, limit: int = 100) -> list[Article]:
        query = sa.select(articles).order_by(articles.c.published_at.desc()).limit(limit)
        with self.engine.connect() as conn:
            return [self._article(r) for r in conn.execute(query)]

    def article_titles(self, slugs: Iterable[str]) -> dict[str, str]:
        """slug -> title for the given slugs, in one query (pages listing comments name
        each comment's article by its title)."""
        wanted = set(slugs)
        if not wanted:
            return {}
        query = sa.select(articles.c.slug, articles.c.title).where(articles.c.slug.in_(wanted))
        with self.engine.connect() as conn:
            return {slug: title for slug, title in conn.execute(query)}

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
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
        )

    def add_comment(
        self,
        article_slug: str,
        author: str,
        decision: Decision,
        parent_id: int | None = None,
        now: datetime | None = None,
    ) -> StoredComment:
        """Store a moderated comment and the system's audit entry, atomically.

        Rejected comments are stored too (status rejected): moderators may overturn them.
        """
        now = now or utcnow()
        status = STATUS_FOR_ACTION[decision.action]
        snapshot = decision.to_dict()
        with self._tx() as conn:
            article_id = self._article_ids.get(article_slug)
            if article_id is None:
                article_id = conn.execute(_ARTICLE_ID, {"slug": article_slug}).scalar()
                if article_id is None:
                    raise NotFound(f"“{article_slug}” adresli haber bulunamadı.")
                self._article_ids[article_slug] = article_id
            if parent_id is not None:
                parent = conn.execute(
                    sa.select(comments.c.article_id, comments.c.status).where(
                        comments.c.id == parent_id
                    )
                ).first()
                if (
                    parent is None
                    or parent.article_id != article_id
                    or parent.status != Status.APPROVED
                ):
                    raise Conflict("Yanıtlanan yorum bu haberde yayımlanmış bir yorum değil.")
            result = conn.execute(
                _INSERT_COMMENT,
                {
                    "article_id": article_id,
                    "parent_id": parent_id,
                    "author": author,
                    "text": decision.text,
                    "created_at": now,
                    "status": str(status),
                    "auto_action": str(decision.action),
                    "decision": snapshot,
                },
            )
            comment_id = result.inserted_primary_key[0]  # type: ignore[index]
            conn.execute(
                _INSERT_AUDIT,
                {
                    "comment_id": comment_id,
                    "actor": SYSTEM_ACTOR,
                    "action": str(decision.action),
                    "note": None,
                    "decision": snapshot,
                    "created_at": now,
                },
            )
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
        )

    def get_comment(self, comment_id: int) -> StoredComment:
        with self.engine.connect() as conn:
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
        with self.engine.connect() as conn:
            return [self._comment(r) for r in conn.execute(query)]

    def pending(self, limit: int = 50) -> list[StoredComment]:
        """The moderation queue, oldest first."""
        query = (
            self._comment_query()
            .where(comments.c.status == str(Status.PENDING))
            .order_by(comments.c.created_at, comments.c.id)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [self._comment(r) for r in conn.execute(query)]

    def auto_rejected(self, limit: int = 50) -> list[StoredComment]:
        """Comments the system rejected and nobody has overturned yet, newest first."""
        query = (
            self._comment_query()
            .where(
                comments.c.status == str(Status.REJECTED),
                comments.c.auto_action == str(Action.REJECT),
            )
            .order_by(comments.c.created_at.desc(), comments.c.id.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [self._comment(r) for r in conn.execute(query)]

    def decide(
        self, comment_id: int, actor: str, status: Status, note: str | None = None
    ) -> StoredComment:
        """A moderator's approve/reject: new status plus an audit entry, atomically."""
        if status is Status.PENDING:
            raise Conflict("Moderatör kararı onay ya da ret olmalı.")
        now = utcnow()
        with self._tx() as conn:
            row = conn.execute(
                sa.select(comments.c.decision).where(comments.c.id == comment_id)
            ).first()
            if row is None:
                raise NotFound(f"{comment_id} numaralı yorum bulunamadı.")
            conn.execute(
                sa.update(comments).where(comments.c.id == comment_id).values(status=str(status))
            )
            conn.execute(
                sa.insert(audit_log).values(
                    comment_id=comment_id,
                    actor=actor,
                    action="approve" if status is Status.APPROVED else "reject",
                    note=note or None,
                    decision=row.decision,
                    created_at=now,
                )
            )
        log.info("comment %s set to %s by a moderator", comment_id, status)
        return self.get_comment(comment_id)

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
            previous = _statuses(entries)[-2]
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
        log.info("comment %s back to %s: a moderator undid their decision", comment_id, previous)
        return self.get_comment(comment_id)

    def audit(self, comment_id: int | None = None, limit: int = 200) -> list[AuditEntry]:
        query = sa.select(audit_log).order_by(audit_log.c.id).limit(limit)
        if comment_id is not None:
            query = query.where(audit_log.c.comment_id == comment_id)
        with self.engine.connect() as conn:
            return [
                AuditEntry(
                    id=r.id,
                    comment_id=r.comment_id,
                    actor=r.actor,
                    action=r.action,
                    note=r.note,
                    decision=r.decision,
                    created_at=_utc(r.created_at),
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
        with self.engine.connect() as conn:
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

    # -- moderators -----------------------------------------------------------

    def add_moderator(self, username: str, password_hash: str) -> ModeratorAccount:
        try:
            with self._tx() as conn:
                result = conn.execute(
                    sa.insert(moderators).values(
                        username=username, password_hash=password_hash, created_at=utcnow()
                    )
                )
        except sa.exc.IntegrityError:
            raise Conflict(f"“{username}” adlı moderatör zaten var.") from None
        return ModeratorAccount(result.inserted_primary_key[0], username, password_hash)  # type: ignore[index]

    def set_password(self, username: str, password_hash: str) -> None:
        with self._tx() as conn:
            result = conn.execute(
                sa.update(moderators)
                .where(moderators.c.username == username)
                .values(password_hash=password_hash)
            )
        if result.rowcount == 0:
            raise NotFound(f"“{username}” adlı moderatör yok.")

    def get_moderator(self, username: str) -> ModeratorAccount | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(moderators).where(moderators.c.username == username)
            ).first()
        return None if row is None else ModeratorAccount(row.id, row.username, row.password_hash)
