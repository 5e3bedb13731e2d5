"""What a client may send, checked before it reaches the store, so that SQLite and PostgreSQL
answer alike: ids the database can hold, strings it can store, dates it can convert to UTC.

Errors raised here are pydantic errors with our own types; suzgec.web.errors puts them in
Turkish like any other validation error.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar

from fastapi import Path
from pydantic import AfterValidator, BaseModel, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

# PostgreSQL INTEGER, the type of every id column; SQLite would store more, but an id past
# this can exist in neither, and both must give the same answer.
MAX_ID = 2**31 - 1


def storable(value: str, *, nul_ok: bool = False) -> str:
    """The string itself, if both databases can store it; otherwise a validation error.

    A lone surrogate ("\\ud800", legal in JSON, not in UTF-8) cannot be encoded at all, and
    PostgreSQL refuses NUL in text.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PydanticCustomError("string_unicode", "lone surrogate") from None
    if not nul_ok and "\x00" in value:
        raise PydanticCustomError("string_nul", "NUL character")
    return value


def utc(value: datetime | None) -> datetime | None:
    """Aware datetimes in UTC, naive ones taken as UTC, as the store keeps them (SQLite keeps
    the wall time and drops the offset, so the conversion must happen before it)."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:  # e.g. 9999-12-31T23:59-05:00 is past year 9999 in UTC
        raise PydanticCustomError("datetime_utc_range", "out of range in UTC") from None


class ApiModel(BaseModel):
    """Base of every JSON body: each string field must be storable (see `storable`)."""

    # Fields where NUL is left to the moderation core, which cleans comment text and checks
    # author names itself.
    nul_ok: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="after")
    @classmethod
    def _storable(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, str):
            return storable(value, nul_ok=info.field_name in cls.nul_ok)
        return value


CommentId = Annotated[int, Path(ge=1, le=MAX_ID, description="Yorumun numarası.")]
Slug = Annotated[str, Path(description="Haberin adresi."), AfterValidator(storable)]
UtcDateTime = Annotated[datetime | None, AfterValidator(utc)]
