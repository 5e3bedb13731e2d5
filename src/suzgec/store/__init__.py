"""Storage: SQLAlchemy Core tables, numbered Alembic migrations, one Store class."""

from suzgec.store.store import (
    SYSTEM_ACTOR,
    Article,
    AuditEntry,
    Conflict,
    ModeratorAccount,
    NotFound,
    Store,
    StoredComment,
    make_engine,
)

__all__ = [
    "SYSTEM_ACTOR",
    "Article",
    "AuditEntry",
    "Conflict",
    "ModeratorAccount",
    "NotFound",
    "Store",
    "StoredComment",
    "make_engine",
]
