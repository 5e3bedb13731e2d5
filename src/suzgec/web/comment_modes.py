"""What an article's comment mode means for a reader's submission (issue 11).

closed and archived articles take no new comments: the widget shows the thread without
a form and any submission is refused (409). A pre-moderated article sends every comment
the automatic decision would publish to the moderators' queue.
"""

from __future__ import annotations

from suzgec.store import Article
from suzgec.web import texts
from suzgec.web.errors import HttpError


class CommentsClosed(HttpError):
    """A submission to an article that takes no new comments (409 comments_closed)."""

    def __init__(self, message: str) -> None:
        super().__init__(409, "comments_closed", message)


def closed_reason(article: Article) -> str | None:
    """Why this article takes no new comments, in Turkish, or None if it takes them."""
    if article.archived_at is not None:
        return texts.COMMENTS_ARCHIVED
    if article.mode == "closed":
        return texts.COMMENTS_CLOSED
    return None


def premoderation_reason(article: Article) -> str | None:
    """The hold reason of a pre-moderated article (the audit note of each held comment)."""
    return texts.PREMODERATED_HOLD if article.mode == "premoderated" else None
