"""How the reader thread is ordered and paged: newest, oldest, most replied.

A page holds `limit` top comments with all their published replies. A "top comment"
is a published comment whose thread top is not published (a top comment itself, or a
reply left without its top), so taking a comment down never hides the replies under it.

Cursors are one integer in every order, so the API's `next_cursor` keeps one type:
oldest and newest page by keyset (the id of the last top comment); most replied pages
by offset into the ordered top comments. The offset is bounded by one article's top
comments, and a keyset on (reply count, id) would save no work here: the reply counts
are computed in SQL over the article's published comments on every page either way
(no stored count column), so the offset only adds skipping rows already sorted.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import sqlalchemy as sa

from suzgec.model import Status
from suzgec.store.tables import comments


class ThreadSort(StrEnum):
    """The orders of the reader thread; OLDEST is the default (a thread reads top down)."""

    OLDEST = "oldest"
    NEWEST = "newest"
    REPLIES = "replies"  # most replies first; equal counts newest first


DEFAULT_SORT = ThreadSort.OLDEST


def _published() -> sa.ColumnElement[bool]:
    return comments.c.status == str(Status.APPROVED)


def reply_counts(article_id: int) -> sa.Subquery:
    """Published replies per thread top of one article (root_id, n)."""
    return (
        sa.select(comments.c.root_id.label("root_id"), sa.func.count().label("n"))
        .where(comments.c.article_id == article_id, _published(), comments.c.root_id.is_not(None))
        .group_by(comments.c.root_id)
        .subquery("reply_counts")
    )


def tops(article_id: int) -> sa.Select[Any]:
    """The article's shown top comments: (id, n) with n their published replies."""
    top = comments.alias("top")
    shown_top = sa.and_(top.c.id == comments.c.root_id, top.c.status == str(Status.APPROVED))
    counts = reply_counts(article_id)
    return (
        sa.select(comments.c.id.label("id"), sa.func.coalesce(counts.c.n, 0).label("n"))
        .select_from(
            comments.outerjoin(top, shown_top).outerjoin(counts, counts.c.root_id == comments.c.id)
        )
        .where(comments.c.article_id == article_id, _published(), top.c.id.is_(None))
    )


def top_page(article_id: int, sort: ThreadSort, cursor: int | None, limit: int) -> sa.Select[Any]:
    """The ids of up to `limit + 1` top comments after `cursor`, in the order `sort`."""
    shown = tops(article_id).subquery("tops")
    query = sa.select(shown.c.id)
    if sort is ThreadSort.REPLIES:
        query = query.order_by(shown.c.n.desc(), shown.c.id.desc()).offset(cursor or 0)
    elif sort is ThreadSort.NEWEST:
        query = query.order_by(shown.c.id.desc())
        if cursor is not None:
            query = query.where(shown.c.id < cursor)
    else:
        query = query.order_by(shown.c.id)
        if cursor is not None:
            query = query.where(shown.c.id > cursor)
    return query.limit(limit + 1)


def next_cursor(sort: ThreadSort, cursor: int | None, page_ids: list[int]) -> int:
    """The cursor of the page after one that showed `page_ids` (there is one)."""
    if sort is ThreadSort.REPLIES:
        return (cursor or 0) + len(page_ids)
    return page_ids[-1]


def cursor_at(article_id: int, top_id: int, sort: ThreadSort) -> sa.Select[Any] | int:
    """The cursor of the page that starts with the top comment `top_id`: a number for
    the keyset orders, a query for its offset in the most-replied order."""
    if sort is ThreadSort.OLDEST:
        return top_id - 1
    if sort is ThreadSort.NEWEST:
        return top_id + 1
    shown = tops(article_id).subquery("tops")
    mine = sa.select(shown.c.n).where(shown.c.id == top_id).scalar_subquery()
    ahead = sa.or_(shown.c.n > mine, sa.and_(shown.c.n == mine, shown.c.id > top_id))
    return sa.select(sa.func.count()).select_from(shown).where(ahead)
