"""The desk's filters read from a query string, the same way for pages and the API.

Dates are days in Turkish time (what a moderator means by "1 March"); `until` is
inclusive. A bad value is a Turkish message, and the values as given are kept, so a
form shows back what the moderator wrote.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from suzgec.model import Clause, Status
from suzgec.store.audit_search import AuditFilter
from suzgec.store.search import DECIDERS, SORTS, CommentFilter
from suzgec.web import texts

TURKEY = ZoneInfo("Europe/Istanbul")
FIELDS = ("q", "author", "article", "clause", "status", "decided_by", "since", "until", "sort")
AUDIT_FIELDS = ("actor", "action", "comment_id", "subject", "since", "until")


@dataclass
class Parsed:
    values: dict[str, str]  # as given, for the form
    errors: list[str] = field(default_factory=list)


def _no_nul(parsed: Parsed) -> None:
    """NUL is in no text a person types, and PostgreSQL refuses it in a query: drop it."""
    for key, value in parsed.values.items():
        if "\x00" in value:
            parsed.values[key] = ""
            parsed.errors.append(texts.FILTER_NUL)


def _day(raw: str, parsed: Parsed) -> date | None:
    raw = raw.strip()
    if not raw:
        return None
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    parsed.errors.append(texts.FILTER_BAD_DATE.format(value=raw))
    return None


def _start(day: date) -> datetime:
    return datetime.combine(day, time(), TURKEY)


def _range(parsed: Parsed) -> tuple[datetime | None, datetime | None]:
    since = _day(parsed.values.get("since", ""), parsed)
    until = _day(parsed.values.get("until", ""), parsed)
    if since and until and until < since:
        parsed.errors.append(texts.FILTER_BAD_RANGE)
    return (
        _start(since) if since else None,
        _start(until + timedelta(days=1)) if until else None,
    )


def _choice(parsed: Parsed, name: str, allowed: tuple[str, ...]) -> str:
    value = parsed.values.get(name, "").strip()
    if value and value not in allowed:
        parsed.errors.append(
            texts.FILTER_BAD_CHOICE.format(field=texts.FILTER_FIELDS[name], value=value)
        )
        return ""
    return value


def comment_filter(
    query: Mapping[str, str], *, statuses: tuple[str, ...] = (), auto_action: str = ""
) -> tuple[CommentFilter, Parsed]:
    """A CommentFilter from `query`; a list page passes what it always narrows to."""
    parsed = Parsed({k: str(query.get(k, ""))[:200] for k in FIELDS})
    _no_nul(parsed)
    since, until = _range(parsed)
    clause = _choice(parsed, "clause", tuple(str(c) for c in Clause))
    status = _choice(parsed, "status", tuple(str(s) for s in Status))
    decided_by = _choice(parsed, "decided_by", DECIDERS)
    sort = _choice(parsed, "sort", SORTS) or "oldest"
    filters = CommentFilter(
        text=parsed.values["q"],
        author=parsed.values["author"],
        article=parsed.values["article"].strip(),
        clause=clause,
        statuses=statuses or ((status,) if status else ()),
        auto_action=auto_action,
        decided_by=decided_by,
        since=since,
        until=until,
        sort=sort,
    )
    return filters, parsed


def audit_filter(query: Mapping[str, str]) -> tuple[AuditFilter, Parsed]:
    parsed = Parsed({k: str(query.get(k, ""))[:200].strip() for k in AUDIT_FIELDS})
    _no_nul(parsed)
    since, until = _range(parsed)
    raw_id = parsed.values["comment_id"]
    comment_id = None
    if raw_id:
        if raw_id.isascii() and raw_id.isdigit() and len(raw_id) < 10:
            comment_id = int(raw_id)
        else:
            parsed.errors.append(
                texts.FILTER_BAD_NUMBER.format(field=texts.FILTER_FIELDS["comment_id"])
            )
    filters = AuditFilter(
        actor=parsed.values["actor"],
        action=parsed.values["action"],
        comment_id=comment_id,
        subject=parsed.values["subject"],
        since=since,
        until=until,
    )
    return filters, parsed
