"""The webhook settings, checked once: a bad one stops the start with a Turkish reason."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from suzgec import messages
from suzgec.config import Settings
from suzgec.errors import ConfigError

# Every kind the store writes. A typo in webhook_events would silently send nothing.
KNOWN_EVENTS = (
    "comment.pending",
    "comment.published",
    "comment.rejected",
    "comment.removed",
    "comment.reported",
    "commenter.sanctioned",
)


def _items(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(",") if item.strip()]


@dataclass(frozen=True)
class WebhookConfig:
    urls: tuple[str, ...]
    secret: str
    kinds: frozenset[str] | None  # None: every kind
    timeout: float
    max_attempts: int
    retention_days: int

    @property
    def enabled(self) -> bool:
        return bool(self.urls)

    @classmethod
    def from_settings(cls, settings: Settings) -> WebhookConfig:
        urls = tuple(dict.fromkeys(_items(settings.webhook_urls)))  # in order, once each
        for url in urls:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ConfigError(messages.WEBHOOK_BAD_URL.format(url=url))
        if urls and not settings.webhook_secret:
            raise ConfigError(messages.WEBHOOK_NO_SECRET)
        kinds = _items(settings.webhook_events)
        for kind in kinds:
            if kind not in KNOWN_EVENTS:
                raise ConfigError(
                    messages.WEBHOOK_BAD_EVENT.format(kind=kind, known=", ".join(KNOWN_EVENTS))
                )
        for name, minimum in (("webhook_max_attempts", 1), ("webhook_retention_days", 0)):
            value = getattr(settings, name)
            if value < minimum:
                raise ConfigError(
                    messages.WEBHOOK_BAD_NUMBER.format(name=name, minimum=minimum, value=value)
                )
        if settings.webhook_timeout_seconds <= 0:
            raise ConfigError(
                messages.WEBHOOK_BAD_NUMBER.format(
                    name="webhook_timeout_seconds",
                    minimum="0'dan büyük",
                    value=settings.webhook_timeout_seconds,
                )
            )
        return cls(
            urls=urls,
            secret=settings.webhook_secret,
            kinds=frozenset(kinds) if kinds else None,
            timeout=settings.webhook_timeout_seconds,
            max_attempts=settings.webhook_max_attempts,
            retention_days=settings.webhook_retention_days,
        )
