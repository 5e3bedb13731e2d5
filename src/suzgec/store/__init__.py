"""Storage: SQLAlchemy Core tables, numbered Alembic migrations, one Store class."""

from suzgec.store.store import (
    SYSTEM_ACTOR,
    UNDO_WINDOW,
    Article,
    AuditEntry,
    Conflict,
    ModeratorAccount,
    NotFound,
    Store,
    StoredComment,
    make_engine,
    undo_refusal,
)

__all__ = [
    "SYSTEM_ACTOR",
    "UNDO_WINDOW",
    "Article",
    "AuditEntry",
    "Conflict",
    "ModeratorAccount",
    "NotFound",
    "Store",
    "StoredComment",
    "make_engine",
    "undo_refusal",
]
