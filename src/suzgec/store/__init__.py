"""Storage: SQLAlchemy Core tables, numbered Alembic migrations, one Store class."""

from suzgec.store.store import (
    SUPERSEDED,
    SYSTEM_ACTOR,
    UNDO_WINDOW,
    Article,
    AuditEntry,
    Conflict,
    ModeratorAccount,
    NotFound,
    Page,
    Store,
    StoredComment,
    make_engine,
    undo_refusal,
)

__all__ = [
    "SUPERSEDED",
    "SYSTEM_ACTOR",
    "UNDO_WINDOW",
    "Article",
    "AuditEntry",
    "Conflict",
    "ModeratorAccount",
    "NotFound",
    "Page",
    "Store",
    "StoredComment",
    "make_engine",
    "undo_refusal",
]
