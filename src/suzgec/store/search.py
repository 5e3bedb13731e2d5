"""The moderator desk's one filtered, sorted, paged comment query (UI and API use it).

Text and author match as case-insensitive substrings with Turkish casing (İ/i, I/ı).
There is no folded column (no migration for it), so the column is folded in SQL and the
pattern the same way in Python. Only ASCII letters and the Turkish (and circumflexed)
capitals are folded, on both databases alike: SQLite's lower() knows ASCII alone, and
PostgreSQL's depends on the server's locale, so neither is trusted with the rest.

Paging is by keyset (a cursor after the last comment shown), not by offset: a queue
drains while a moderator works through it, and an offset would skip comments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from suzgec.model import Status
from suzgec.store.base import StoreBase, utcnow
from suzgec.store.tables import articles, audit_log, comments

SORTS = ("oldest", "newest", "reported", "score")
DECIDERS = ("auto", "human")

# The Turkish capitals with their small letters (İ→i and I→ı are the point), then ASCII.
_TURKISH_UPPER = "İIÇĞÖŞÜÂÎÛ"
_TURKISH_LOWER = "iıçğöşüâîû"
_ASCII_UPPER = "ABCDEFGHJKLMNOPQRSTUVWXYZ"  # I is Turkish above
_ASCII_LOWER = "abcdefghjklmnopqrstuvwxyz"
_FOLD = str.maketrans(_TURKISH_UPPER + _ASCII_UPPER, _TURKISH_LOWER + _ASCII_LOWER)

# Audit actions that set a status by a person; an undo takes the latest one back.
_HUMAN_DECISIONS = ("approve", "reject", "overturn_approve", "overturn_reject")


def fold(text: str) -> str:
    """Turkish lower case, as the SQL side folds (see the module docstring)."""
    return text.translate(_FOLD)


def _folded(column: Any, dialect: str) -> Any:
    if dialect == "postgresql":
        return sa.func.translate(
            column, _TURKISH_UPPER + _ASCII_UPPER, _TURKISH_LOWER + _ASCII_LOWER
        )
    expr = column
    for upper, lower in zip(_TURKISH_UPPER, _TURKISH_LOWER, strict=True):
        expr = sa.func.replace(expr, upper, lower)
    return sa.func.lower(expr)  # SQLite: ASCII only, which is what is left


def _contains(column: Any, needle: str, dialect: str) -> Any:
    escaped = fold(needle).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return _folded(column, dialect).like(f"%{escaped}%", escape="\\")


def _has_clause(clause: str, dialect: str) -> Any:
    """The stored decision has a finding of `clause` (JSON, read per dialect)."""
    if dialect == "postgresql":
        sql = (
            "EXISTS (SELECT 1 FROM json_array_elements(comments.decision -> 'findings') f "
            "WHERE f ->> 'clause' = :search_clause)"
        )
    else:
        sql = (
            "EXISTS (SELECT 1 FROM json_each(comments.decision, '$.findings') f "
            "WHERE json_extract(f.value, '$.clause') = :search_clause)"
        )
    return sa.text(sql).bindparams(search_clause=clause)


def score_of(dialect: str) -> Any:
    """The highest finding score of the stored decision (0 without findings)."""
    if dialect == "postgresql":
        sql = (
            "(SELECT coalesce(max((f ->> 'score')::float), 0) "
            "FROM json_array_elements(comments.decision -> 'findings') f)"
        )
    else:
        sql = (
            "(SELECT coalesce(max(json_extract(f.value, '$.score')), 0) "
            "FROM json_each(comments.decision, '$.findings') f)"
        )
    return sa.literal_column(sql, sa.Float)


def _decided_by_human() -> Any:
    """A person's decision stands: more human decisions than undos on the comment."""
    action = audit_log.c.action
    net = (
        sa.select(
            sa.func.coalesce(
                sa.func.sum(
                    sa.case((action.in_(_HUMAN_DECISIONS), 1), (action == "undo", -1), else_=0)
                ),
                0,
            )
        )
        # The first entry's action is the automatic decision ("approve", "reject"), by
        # the system actor: not a person's.
        .where(audit_log.c.comment_id == comments.c.id, audit_log.c.actor != "system")
        .scalar_subquery()
    )
    return net > 0


@dataclass(frozen=True, slots=True)
class CommentFilter:
    """What a moderator narrows a list down to; empty fields do not narrow."""

    text: str = ""
    author: str = ""
    article: str = ""  # slug
    clause: str = ""
    statuses: tuple[str, ...] = ()
    auto_action: str = ""  # the automatic decision (the rejections list: "reject")
    decided_by: str = ""  # auto | human
    since: datetime | None = None  # created at or after
    until: datetime | None = None  # created before
    sort: str = "oldest"

    def where(self, dialect: str) -> Any:
        parts: list[Any] = []
        if self.text.strip():
            parts.append(_contains(comments.c.text, self.text.strip(), dialect))
        if self.author.strip():
            parts.append(_contains(comments.c.author, self.author.strip(), dialect))
        if self.article:
            parts.append(
                comments.c.article_id.in_(
                    sa.select(articles.c.id).where(articles.c.slug == self.article)
                )
            )
        if self.clause:
            parts.append(_has_clause(self.clause, dialect))
        if self.statuses:
            parts.append(comments.c.status.in_(self.statuses))
        if self.auto_action:
            parts.append(comments.c.auto_action == self.auto_action)
        if self.decided_by == "human":
            parts.append(_decided_by_human())
        elif self.decided_by == "auto":
            parts.append(sa.not_(_decided_by_human()))
        if self.since is not None:
            parts.append(comments.c.created_at >= self.since)
        if self.until is not None:
            parts.append(comments.c.created_at < self.until)
        return sa.and_(sa.true(), *parts)


@dataclass(frozen=True, slots=True)
class _Order:
    """A sort as SQL: its key (None: by id alone), direction, and the keyset after a cursor."""

    key: Any
    newest: bool = False

    def by(self) -> list[Any]:
        if self.key is None:
            return [comments.c.id.desc() if self.newest else comments.c.id]
        return [self.key.desc(), comments.c.id]

    def after(self, cursor: str) -> Any:
        """Rows after the cursor ("ID", or "KEY:ID" for a keyed sort); None if it is bad."""
        try:
            if self.key is None:
                cid = int(cursor)
                return comments.c.id < cid if self.newest else comments.c.id > cid
            raw, _, rest = cursor.rpartition(":")
            value, cid = float(raw), int(rest)
        except ValueError:
            return None
        return sa.or_(self.key < value, sa.and_(self.key == value, comments.c.id > cid))


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of matches, the exact number of matches, and the next page's cursor."""

    items: list[Any]  # StoredComment
    total: int
    next_cursor: str | None
    keys: dict[int, float] = field(default_factory=dict)


class SearchStore(StoreBase):
    def _order(self, sort: str) -> _Order:
        if sort == "reported":
            return _Order(comments.c.report_count)
        if sort == "score":
            return _Order(score_of(self.dialect))
        return _Order(None, newest=sort == "newest")

    def _cursor_of(self, order: _Order, row: Any) -> str:
        if order.key is None:
            return str(row.id)
        return f"{float(row.sort_key)!r}:{row.id}"

    def _select(self, order: _Order) -> sa.Select[Any]:
        query = sa.select(comments, articles.c.slug.label("article_slug")).join(
            articles, comments.c.article_id == articles.c.id
        )
        if order.key is not None:
            query = query.add_columns(order.key.label("sort_key"))
        return query

    def search_comments(
        self, filters: CommentFilter, cursor: str | None = None, limit: int = 50
    ) -> SearchPage:
        """Comments matching `filters`, in its sort, after `cursor`; no claims."""
        order = self._order(filters.sort)
        where = filters.where(self.dialect)
        query = self._select(order).where(where).order_by(*order.by())
        after = order.after(cursor) if cursor else None
        if after is not None:
            query = query.where(after)
        with self._read() as conn:
            rows = conn.execute(query.limit(limit + 1)).all()
            total = conn.execute(
                sa.select(sa.func.count()).select_from(comments).where(where)
            ).scalar_one()
        more = len(rows) > limit
        rows = rows[:limit]
        return SearchPage(
            [self._comment(r) for r in rows],  # type: ignore[attr-defined]
            int(total),
            self._cursor_of(order, rows[-1]) if more else None,
        )

    def claim_matching(
        self,
        actor: str,
        filters: CommentFilter,
        cursor: str | None = None,
        limit: int = 50,
        minutes: int = 10,
        now: datetime | None = None,
    ) -> SearchPage:
        """Claim up to `limit` pending comments matching `filters` for `actor` (theirs, or
        nobody's for now) for `minutes`, in the filter's sort after `cursor`.

        On PostgreSQL the rows are picked with FOR UPDATE SKIP LOCKED, so moderators
        opening the queue at the same moment get different comments whatever their
        filters; SQLite has one writer at a time, which serialises the claims by itself.
        `total` counts every pending match, claimed or not.
        """
        now = now or utcnow()
        until = now + timedelta(minutes=minutes)
        order = self._order(filters.sort)
        pending = sa.and_(comments.c.status == str(Status.PENDING), filters.where(self.dialect))
        free = sa.or_(
            comments.c.claimed_until.is_(None),
            comments.c.claimed_until <= now,
            comments.c.claimed_by == actor,
        )
        after = order.after(cursor) if cursor else None
        pick = (
            sa.select(comments.c.id)
            .where(pending, free)
            .order_by(*order.by())
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        if after is not None:
            pick = pick.where(after)
        with self._tx() as conn:
            # One UPDATE: on SQLite it holds the write lock from the start, so the
            # sub-select already sees any claim made just before.
            conn.execute(
                sa.update(comments)
                .where(comments.c.id.in_(pick))
                .values(claimed_by=actor, claimed_until=until)
            )
            mine = sa.and_(comments.c.claimed_by == actor, comments.c.claimed_until == until)
            rows = conn.execute(self._select(order).where(mine).order_by(*order.by())).all()
            total = conn.execute(
                sa.select(sa.func.count()).select_from(comments).where(pending)
            ).scalar_one()
            more = False
            if rows:
                beyond = order.after(self._cursor_of(order, rows[-1]))
                more = conn.execute(
                    sa.select(sa.exists().select_from(comments).where(pending, free, beyond))
                ).scalar_one()
        return SearchPage(
            [self._comment(r) for r in rows],  # type: ignore[attr-defined]
            int(total),
            self._cursor_of(order, rows[-1]) if more else None,
        )
