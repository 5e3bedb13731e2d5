"""One frozen Settings object: defaults → TOML file → SUZGEC_* environment.

Every setting is declared once below with its help text; nothing else in the
project reads the environment. `docs/reference/config.md` lists them all (a test
checks that it does).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from suzgec.errors import ConfigError

ENV_PREFIX = "SUZGEC_"
CONFIG_ENV = "SUZGEC_CONFIG"
# Where Debian's Turkish Hunspell files are, when not in a standard folder (read by
# suzgec.text.dictionary, not a setting: the form clauses are built without Settings).
HUNSPELL_DIR_ENV = "SUZGEC_HUNSPELL_DIR"
# SUZGEC_* variables that are not settings.
NOT_SETTINGS = frozenset({CONFIG_ENV, HUNSPELL_DIR_ENV})


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    # Decision policy: a signal with score >= reject threshold rejects, >= review
    # threshold sends to review, below is dropped (docs/policy.md). The content model maps
    # its dev-chosen decision points onto 0.5 (review) and 0.8 (reject), so the content
    # defaults are those two numbers; moving them trades review load for recall.
    insult_reject: float = _setting(0.8, "Score at or above which an insult rejects the comment.")
    insult_review: float = _setting(
        0.5, "Score at or above which an insult sends the comment to review."
    )
    profanity_reject: float = _setting(0.8, "Score at or above which swearing rejects the comment.")
    profanity_review: float = _setting(
        0.5, "Score at or above which swearing sends the comment to review."
    )
    offensive_reject: float = _setting(
        0.8, "Score at or above which an offensive sentence or allusion rejects."
    )
    offensive_review: float = _setting(
        0.5, "Score at or above which an offensive sentence or allusion goes to review."
    )
    belief_attack_reject: float = _setting(
        0.8, "Score at or above which an attack on beliefs rejects."
    )
    belief_attack_review: float = _setting(
        0.5, "Score at or above which an attack on beliefs goes to review."
    )
    spelling_reject: float = _setting(
        0.8, "Score at or above which a spelling error rejects (clear errors only)."
    )
    spelling_review: float = _setting(
        0.5, "Score at or above which a doubtful spelling goes to review."
    )
    turkish_chars_reject: float = _setting(
        0.8, "Score at or above which missing Turkish characters reject."
    )
    turkish_chars_review: float = _setting(
        0.5, "Score at or above which missing Turkish characters go to review."
    )
    capitals_reject: float = _setting(0.8, "Score at or above which writing in capitals rejects.")
    capitals_review: float = _setting(
        0.5, "Score at or above which writing in capitals goes to review."
    )
    content_model: str = _setting(
        "",
        "Content model: empty for the default (trained on every shared source), `open` for "
        "the variant trained on openly licensed data only, or the base path of an artifact "
        "built by `suzgec train` (docs/models/content.md).",
    )
    max_comment_chars: int = _setting(
        5000, "Longest comment accepted, in characters; longer input is an error, not truncated."
    )

    # Web server and storage (`suzgec serve`); listed in docs/reference/config.md.
    data_dir: str = _setting(
        "suzgec-data",
        "Folder for what Süzgeç generates: the default SQLite database (`suzgec.db`) and "
        "the signing key (`suzgec.secret`, when `secret_key` is empty). Created with mode "
        "0700; a relative path starts at the working directory.",
    )
    database_url: str = _setting(
        "",
        "SQLAlchemy URL of the database: sqlite:///path.db (embedded) or "
        "postgresql+psycopg://user@host/db. Empty: SQLite file `suzgec.db` in `data_dir`.",
    )
    host: str = _setting("127.0.0.1", "Address `suzgec serve` listens on (0.0.0.0: everywhere).")
    port: int = _setting(8000, "TCP port `suzgec serve` listens on.")
    secret_key: str = _setting(
        "",
        "Key that signs session cookies, CSRF and API tokens. Empty: generated once and kept in "
        "`suzgec.secret` in `data_dir`, readable by its owner only (0600).",
    )
    session_hours: int = _setting(
        12, "How long a moderator login (session cookie or API token) stays valid, in hours."
    )
    rate_limit_per_minute: int = _setting(
        10,
        "Comment submissions (and /api/moderate calls) allowed per client per minute, "
        "refilled continuously; 0 turns the limit off.",
    )
    rate_limit_burst: int = _setting(
        5, "Submissions a client may make at once before the per-minute rate applies."
    )
    rate_limit_store: str = _setting(
        "database",
        "Where the rate limits and login throttle count: `database` (shared by every server "
        "process on the database, kept across restarts) or `memory` (this process only).",
    )
    login_attempts_per_minute: int = _setting(
        5,
        "Moderator login attempts allowed per minute, per account and per client address "
        "(the same number may be tried at once). Always on: 0 or less counts as 1.",
    )
    trust_proxy_headers: bool = _setting(
        False,
        "Take the client address from X-Forwarded-For (and the scheme from X-Forwarded-Proto) "
        "when the request comes from one of `trusted_proxies`; only behind your own proxy.",
    )
    trusted_proxies: str = _setting(
        "127.0.0.1, ::1",
        "Addresses or networks of your reverse proxies (comma separated, e.g. "
        "`10.0.0.5, 172.16.0.0/12`) whose X-Forwarded-For is believed when "
        "`trust_proxy_headers` is on; the header from anyone else is ignored.",
    )
    max_request_bytes: int = _setting(
        65536, "Largest request body accepted, in bytes; larger requests get 413."
    )
    allowed_origins: str = _setting(
        "",
        "Sites (scheme://host[:port], comma separated) that may embed the comment widget and "
        "call the API from the browser; empty: this server only.",
    )
    image_hosts: str = _setting(
        "",
        "Sites (scheme://host[:port], comma separated, e.g. `https://cdn.gazete.example`) "
        "that article photos may be loaded from: sent in the CSP `img-src`, and "
        "POST /api/articles refuses a photo from any other site. Empty: photos only from "
        "this server (paths such as /static/photo.jpg).",
    )
    create_articles_on_first_use: bool = _setting(
        True,
        "The first load of the widget for an unknown article creates it from the embed's "
        "`data-title` and `data-url`, when that URL is on one of `allowed_origins` and the "
        "request comes from that site. Does nothing while `allowed_origins` is empty.",
    )
    demo_article: bool = _setting(
        True, "Create the demo article on start when the database has no articles."
    )
    comments_per_page: int = _setting(
        50,
        "Threads (a top comment with its replies) per page of the widget and the API; "
        '"Daha fazla yorum" opens the next page.',
    )
    edit_window_minutes: int = _setting(
        5,
        "Minutes after posting in which the browser that posted a comment may edit it "
        '("Düzenle" in the widget, PATCH /api/comments/{id}); every edit is moderated '
        "again and its previous text kept in the audit log. 0 turns editing off.",
    )
    dashboard_days: int = _setting(14, "Days shown on the moderator dashboard chart.")
    cookie_secure: bool = _setting(
        False, "Send the moderator session cookie over HTTPS only (set true behind HTTPS)."
    )
    # Reader reports (suzgec.store.reports).
    report_threshold: int = _setting(
        3,
        'Open reader reports ("Şikayet et", one per browser) that take a published comment '
        "off the page and into the moderation queue until a moderator decides; at least 1.",
    )

    # Webhooks (suzgec.webhooks): signed POSTs of the outbox's events; operator guide.
    webhook_urls: str = _setting(
        "",
        "Receivers of the webhook events (http(s) URLs, comma separated); each gets every "
        "event as a signed POST. Empty: nothing is sent (events are still written, and "
        "pruned after `webhook_retention_days`).",
    )
    webhook_secret: str = _setting(
        "",
        "Key of the HMAC-SHA256 signature in `X-Suzgec-Signature`; required when "
        "`webhook_urls` is set (the server refuses to start without it).",
    )
    webhook_events: str = _setting(
        "",
        "Which events to send (comma separated: comment.pending, comment.published, "
        "comment.rejected, comment.removed, comment.reported, commenter.sanctioned). Empty: all "
        "of them.",
    )
    webhook_timeout_seconds: float = _setting(
        10.0, "How long one POST may take before it counts as a failed attempt, in seconds."
    )
    webhook_max_attempts: int = _setting(
        10,
        "Attempts per delivery (non-2xx answers and network errors are retried after 30 s, "
        "1 min, 2 min, ..., at most 1 h apart); then it is marked failed.",
    )
    webhook_retention_days: int = _setting(
        30, "Events and their delivery log are deleted after this many days; 0 keeps them."
    )

    # Spam rules and retention (issue 11): each rule holds a comment the automatic
    # decision would publish for a moderator, with a reason the queue shows.
    spam_repeat_hours: int = _setting(
        24,
        "Hold a comment whose text (ignoring case and spacing) the same browser or the same "
        "address already sent within this many hours; 0 turns the rule off.",
    )
    spam_hold_links: bool = _setting(
        True,
        "Hold comments with a link (http(s)://, www. or a bare domain such as ornek.com) "
        "for a moderator.",
    )
    spam_new_commenter_comments: int = _setting(
        0,
        "Send a new commenter's first N comments to the queue; 0 turns the rule off (a "
        "browser that blocks the widget's cookie is new on every page load).",
    )
    spam_rejection_rate: float = _setting(
        0.5,
        "Hold a commenter whose share of rejected or taken-down comments, over their last "
        "`spam_rejection_window` decided comments, is above this (0 to 1); 0 turns it off.",
    )
    spam_rejection_window: int = _setting(
        10, "How many of a commenter's latest decided comments the rejection rate looks at."
    )
    spam_rejection_min: int = _setting(
        3,
        "Decided comments a commenter needs before the rejection-rate rule applies to them.",
    )
    retention_days_rejected: int = _setting(
        90,
        "`suzgec privacy purge` blanks rejected and taken-down comments older than this many "
        "days (text, author, browser id; audit notes redacted); 0 keeps them.",
    )
    retention_days_addresses: int = _setting(
        30,
        "`suzgec privacy purge` clears the address hashes of comments older than this many "
        "days; 0 keeps them.",
    )

    def thresholds(self, clause: str) -> tuple[float, float]:
        """(reject, review) thresholds for a clause id."""
        return getattr(self, f"{clause}_reject"), getattr(self, f"{clause}_review")

    @classmethod
    def help(cls) -> dict[str, str]:
        return {f.name: f.metadata["help"] for f in fields(cls)}


def _coerce(name: str, value: Any, default: Any) -> Any:
    kind = type(default)
    try:
        if kind is bool:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off"}:
                return False
            raise ValueError(value)
        return kind(value)
    except (TypeError, ValueError):
        raise ConfigError(f"setting {name!r} needs a {kind.__name__}, got {value!r}") from None


def load_settings(path: str | Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Defaults, then the TOML file (`path`, else $SUZGEC_CONFIG if set), then SUZGEC_* env."""
    env = os.environ if env is None else env
    base = Settings()
    known = {f.name: f for f in fields(Settings)}
    values: dict[str, Any] = {}
    path = path or env.get(CONFIG_ENV)
    if path:
        try:
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {path}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
        for key, value in data.items():
            if key not in known:
                raise ConfigError(
                    f"unknown setting {key!r} in {path}; see docs/reference/config.md"
                )
            values[key] = _coerce(key, value, getattr(base, key))
    for key, value in env.items():
        if key.startswith(ENV_PREFIX) and key not in NOT_SETTINGS:
            name = key[len(ENV_PREFIX) :].lower()
            if name not in known:
                raise ConfigError(f"unknown setting {key}; see docs/reference/config.md")
            values[name] = _coerce(name, value, getattr(base, name))
    return replace(base, **values)
