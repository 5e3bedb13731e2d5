"""What a commenter's sanctions and the spam rules do to a submission.

A ban or a live suspension refuses the comment (403, with the reason and, for a
suspension, its end in Turkish); a pre-moderation sanction and every spam rule hold a
comment the automatic decision would publish, with a reason the moderator sees in the
queue. A warning changes nothing here: the widget shows it once (`take_unseen_warnings`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from suzgec import messages
from suzgec.config import Settings
from suzgec.model import Status
from suzgec.store import Store
from suzgec.store.base import utcnow
from suzgec.store.commenters import Sanction
from suzgec.text.links import has_link
from suzgec.web import texts
from suzgec.web.errors import HttpError

TURKEY = ZoneInfo("Europe/Istanbul")
_MONTHS = "Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık".split()


def turkish_date(value: datetime) -> str:
    """ "5 Mart 2025 14:30", in Turkey's time."""
    local = value.astimezone(TURKEY)
    return f"{local.day} {_MONTHS[local.month - 1]} {local.year} {local:%H:%M}"


class SubmissionRefused(HttpError):
    """A comment refused because of the commenter's sanction: 403 with a Turkish message
    (the API answers it as JSON; the widget re-renders the form with what was written)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(403, code, message)
        self.message = message


def refusal(live: list[Sanction]) -> None:
    """Raise SubmissionRefused if one of the commenter's live sanctions
    (Store.active_sanctions) is a ban or a suspension."""
    ban = next((s for s in live if s.kind == "ban"), None)
    if ban is not None:
        raise SubmissionRefused("commenter_banned", texts.BANNED.format(reason=ban.reason))
    suspensions = [s for s in live if s.kind == "suspend" and s.expires_at is not None]
    if suspensions:
        longest = max(suspensions, key=lambda s: s.expires_at or datetime.min)
        assert longest.expires_at is not None
        raise SubmissionRefused(
            "commenter_suspended",
            texts.SUSPENDED.format(until=turkish_date(longest.expires_at), reason=longest.reason),
        )


def hold_reason(
    settings: Settings,
    store: Store,
    commenter_id: str | None,
    address_hash: str | None,
    text_hash: str,
    text: str,
    sanctions: list[Sanction],
    now: datetime | None = None,
) -> str | None:
    """The first reason to hold this comment for a moderator, or None. `sanctions` are
    the commenter's live ones, as `refusal` got them.

    Cheapest checks first; each database rule runs only when its setting is on.
    """
    now = now or utcnow()
    premoderated = next((s for s in sanctions if s.kind == "premoderate"), None)
    if premoderated is not None:
        return messages.HOLD_PREMODERATED.format(reason=premoderated.reason)
    if settings.spam_hold_links and has_link(text):
        return messages.HOLD_LINK
    hours = settings.spam_repeat_hours
    if hours > 0 and store.repeats_text(
        text_hash, commenter_id, address_hash, now - timedelta(hours=hours)
    ):
        return messages.HOLD_REPEAT.format(hours=hours)
    if not commenter_id:
        return None
    first = settings.spam_new_commenter_comments
    if first > 0:
        posted = store.comment_count(commenter_id)
        if posted < first:
            return messages.HOLD_NEW_COMMENTER.format(limit=first, n=posted + 1)
    return _rejection_rate(settings, store, commenter_id)


def _rejection_rate(settings: Settings, store: Store, commenter_id: str) -> str | None:
    rate = settings.spam_rejection_rate
    if rate <= 0:
        return None
    decided = store.recent_decided(commenter_id, max(1, settings.spam_rejection_window))
    if len(decided) < max(1, settings.spam_rejection_min):
        return None
    rejected = sum(1 for s in decided if s in (Status.REJECTED, Status.REMOVED))
    share = rejected / len(decided)
    if share <= rate:
        return None
    return messages.HOLD_REJECTION_RATE.format(
        total=len(decided), rejected=rejected, rate=round(share * 100)
    )


def warnings_to_show(store: Store, commenter_id: str) -> list[Sanction]:
    """The commenter's warnings not shown yet; they count as seen from now on."""
    return store.take_unseen_warnings(commenter_id)
