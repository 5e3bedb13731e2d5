"""Articles as a desk runs them: comment mode, edit, archive, threads made on first use,
and the published-comment counts of article lists.

Every change is written to the audit log about the article ("article:<slug>"), in the
transaction of the change itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from suzgec import messages
from suzgec.model import Status
from suzgec.store.base import StoreBase, utcnow
from suzgec.store.tables import articles, comments
from suzgec.store.trail import NotFound

if TYPE_CHECKING:
    from suzgec.store.store import Article

# open: anyone may comment; closed: the thread is shown with no form; premoderated:
# every comment the automatic decision would publish waits for a moderator.
MODES = ("open", "closed", "premoderated")
# Fields an edit may change, with their names in the audit note.
EDITABLE = ("title", "body", "source", "image", "url")
ARTICLE_CREATE = "article_create"  # a thread made on first use of the widget
ARTICLE_EDIT = "article_edit"
ARTICLE_MODE = "article_mode"
ARTICLE_ARCHIVE = "article_archive"
ARTICLE_UNARCHIVE = "article_unarchive"
_SYSTEM = "system"


def article_subject(slug: str) -> str:
    # audit_log.subject is 120 characters; a slug may be 200 (the column), so it is cut.
    return f"article:{slug}"[:120]


class ArticlesStore(StoreBase):
    if TYPE_CHECKING:

        def get_article(self, slug: str) -> Article: ...

        def _article(self, row: Any) -> Article: ...

    def update_article(
        self, slug: str, actor: str, changes: Mapping[str, Any], now: datetime | None = None
    ) -> Article:
        """Change an article: any of EDITABLE, `mode` and `archived` (bool). Only what
        differs is written and audited; an edit of the text moves `updated_at`."""
        unknown = set(changes) - {*EDITABLE, "mode", "archived"}
        if unknown:
            raise ValueError(f"unknown article fields: {sorted(unknown)}")
        if "mode" in changes and changes["mode"] not in MODES:
            raise ValueError(f"unknown mode {changes['mode']!r}")
        now = now or utcnow()
        with self._tx() as conn:
            row = conn.execute(
                sa.select(articles).where(articles.c.slug == slug).with_for_update()
            ).first()
            if row is None:
                raise NotFound(f"“{slug}” adresli haber bulunamadı.")
            values: dict[str, Any] = {}
            edited = [f for f in EDITABLE if f in changes and changes[f] != getattr(row, f)]
            for field in edited:
                values[field] = changes[field]
            subject = article_subject(slug)
            if edited:
                values["updated_at"] = now
                names = ", ".join(messages.ARTICLE_FIELD_NAMES[f] for f in edited)
                note = messages.ARTICLE_EDITED.format(fields=names)
                self._audit_person(conn, subject, actor, ARTICLE_EDIT, note, now)
            if "mode" in changes and changes["mode"] != row.mode:
                values["mode"] = changes["mode"]
                note = messages.ARTICLE_MODE_CHANGED.format(
                    old=messages.ARTICLE_MODE_NAMES[row.mode],
                    new=messages.ARTICLE_MODE_NAMES[changes["mode"]],
                )
                self._audit_person(conn, subject, actor, ARTICLE_MODE, note, now)
            if "archived" in changes and bool(changes["archived"]) != (row.archived_at is not None):
                archive = bool(changes["archived"])
                values["archived_at"] = now if archive else None
                action = ARTICLE_ARCHIVE if archive else ARTICLE_UNARCHIVE
                self._audit_person(conn, subject, actor, action, None, now)
            if values:
                conn.execute(sa.update(articles).where(articles.c.id == row.id).values(**values))
        return self.get_article(slug)

    def create_article_on_first_use(
        self, slug: str, title: str, url: str, source: str, now: datetime | None = None
    ) -> tuple[Article, bool]:
        """The article of a widget's first load, and whether this call created it. Two
        first loads at once create one article: the unique slug makes the later insert
        fail, and that call returns the article the other one made."""
        now = now or utcnow()
        values = {
            "slug": slug,
            "title": title,
            "body": "",
            "source": source,
            "url": url,
            "published_at": now,
            "updated_at": now,
        }
        try:
            with self._tx() as conn:
                conn.execute(sa.insert(articles).values(**values))
                self._audit_person(conn, article_subject(slug), _SYSTEM, ARTICLE_CREATE, url, now)
        except sa.exc.IntegrityError:
            return self.get_article(slug), False
        return self.get_article(slug), True

    def status_counts(self, slugs: Iterable[str]) -> dict[str, dict[str, int]]:
        """slug -> {status: number of comments} for the given slugs, in one query; a slug
        with no comments (or no article) maps to an empty dict."""
        wanted = set(slugs)
        out: dict[str, dict[str, int]] = {slug: {} for slug in wanted}
        if not wanted:
            return out
        query = (
            sa.select(articles.c.slug, comments.c.status, sa.func.count())
            .select_from(articles.join(comments, comments.c.article_id == articles.c.id))
            .where(articles.c.slug.in_(wanted))
            .group_by(articles.c.slug, comments.c.status)
        )
        with self._read() as conn:
            for slug, status, n in conn.execute(query):
                out[slug][status] = int(n)
        return out

    def comment_counts(self, slugs: Iterable[str]) -> dict[str, int]:
        """slug -> number of published comments (0 for an unknown slug)."""
        return {
            slug: counts.get(str(Status.APPROVED), 0)
            for slug, counts in self.status_counts(slugs).items()
        }
