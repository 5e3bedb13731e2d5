"""The database schema as SQLAlchemy Core tables.

This is the shape the numbered migrations produce; the migrations, not
`metadata.create_all`, create it, so a deployed database can always be upgraded
step by step. States are stored as their string values ("pending"), never as codes.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("slug", sa.String(200), nullable=False, unique=True),
    sa.Column("title", sa.String(300), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("source", sa.String(200), nullable=False),
    sa.Column("image", sa.String(500), nullable=True),
    sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    # open | closed (thread shown, no form) | premoderated (every comment to the queue)
    sa.Column("mode", sa.String(16), nullable=False, server_default="open"),
    sa.Column("url", sa.String(500), nullable=True),  # the story page (threads made on first use)
    sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
)

comments = sa.Table(
    "comments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("parent_id", sa.Integer, sa.ForeignKey("comments.id"), nullable=True),
    # The top comment of the thread (NULL for a top comment): a page of threads is then
    # its top comments plus every reply with one of their ids, without recursive SQL.
    sa.Column("root_id", sa.Integer, nullable=True),
    # A pending comment shown in one moderator's queue is theirs until claimed_until, so
    # two moderators never work on the same comment.
    sa.Column("claimed_by", sa.String(80), nullable=True),
    sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
    # The first rejected version this comment corrects; all versions of one comment share
    # it, so publishing one can take the others down.
    sa.Column(
        "resubmission_of",
        sa.Integer,
        sa.ForeignKey("comments.id", name="fk_comments_resubmission_of"),
        nullable=True,
    ),
    sa.Column("author", sa.String(80), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    # The automatic decision (approve/review/reject), kept beside the JSON so the
    # rejections view and the dashboard can filter on it in SQL.
    sa.Column("auto_action", sa.String(16), nullable=False),
    sa.Column("decision", sa.JSON, nullable=False),
    # The signed browser id of the commenter (no accounts), and the client address only
    # as a keyed hash: no raw address is stored (KVKK).
    sa.Column("commenter_id", sa.String(64), nullable=True),
    sa.Column("address_hash", sa.String(64), nullable=True),
    sa.Column("text_hash", sa.String(64), nullable=True),  # finds repeats of one text
    sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True),
    # Open (not dismissed) reports, kept beside the reports rows to sort the queue by.
    sa.Column("report_count", sa.Integer, nullable=False, server_default="0"),
    sa.Index("ix_comments_article_status", "article_id", "status"),
    sa.Index("ix_comments_status_created", "status", "created_at"),
    sa.Index("ix_comments_created", "created_at"),
    sa.Index("ix_comments_root", "root_id"),
    sa.Index("ix_comments_resubmission_of", "resubmission_of"),
    sa.Index("ix_comments_commenter", "commenter_id", "created_at"),
    sa.Index("ix_comments_text_hash", "text_hash"),
)

moderators = sa.Table(
    "moderators",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(80), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("role", sa.String(16), nullable=False, server_default="moderator"),  # or admin
)

# Moderator logins (cookie sessions and API bearer tokens), so that logout, a password
# change or a disabled account ends them on every replica at once.
sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column(
        "moderator_id",
        sa.Integer,
        sa.ForeignKey("moderators.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    sa.Index("ix_sessions_moderator", "moderator_id"),
)

# Reader form tokens already spent: each token posts once.
used_form_tokens = sa.Table(
    "used_form_tokens",
    metadata,
    sa.Column("nonce", sa.String(64), primary_key=True),
    sa.Column("used_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_used_form_tokens_used", "used_at"),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    # NULL for an entry about a person (a sanction, an account): `subject` names them.
    sa.Column("comment_id", sa.Integer, sa.ForeignKey("comments.id"), nullable=True),
    sa.Column("actor", sa.String(80), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("note", sa.Text, nullable=True),
    sa.Column("decision", sa.JSON, nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("subject", sa.String(120), nullable=True),  # "commenter:…", "moderator:…"
    # Set when a data-protection request cleared note and decision; the only update the
    # database allows on this table (migration 0005).
    sa.Column("redacted_at", sa.DateTime(timezone=True), nullable=True),
    sa.Index("ix_audit_log_comment", "comment_id"),
    sa.Index("ix_audit_log_created", "created_at"),
    sa.Index("ix_audit_log_subject", "subject"),
)

# Token buckets of the rate limits (comment submissions, login attempts), shared by
# every server process on the database and kept across restarts.
rate_buckets = sa.Table(
    "rate_buckets",
    metadata,
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("tokens", sa.Float, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_rate_buckets_updated", "updated_at"),
)

# Idempotency-Key of comments posted through the API, so that a client retrying after a
# lost response gets the comment stored the first time instead of a second one. In the
# database, not in memory, so every replica sees it; the primary key is what makes two
# identical requests at once store one comment. Rows expire (24 h).
idempotency_keys = sa.Table(
    "idempotency_keys",
    metadata,
    sa.Column("key_hash", sa.String(64), primary_key=True),  # sha256 of the key
    sa.Column("fingerprint", sa.String(64), nullable=False),  # sha256 of the request
    sa.Column(
        "comment_id",
        sa.Integer,
        sa.ForeignKey("comments.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_idempotency_keys_expires", "expires_at"),
)

# Archive re-moderation (`suzgec remoderate`): one row per run, one per partition of the
# comment ids it covers. A partition's new decisions are kept until they are applied, so
# an interrupted run neither recomputes a partition nor applies one twice.
remoderation_runs = sa.Table(
    "remoderation_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    # sha256 of the source and of what decides (policy, model versions, thresholds): the
    # same command resumes only a run that would compute the same decisions.
    sa.Column("fingerprint", sa.String(64), nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("versions", sa.JSON, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True),
    sa.Index("ix_remoderation_runs_fingerprint", "fingerprint"),
)

remoderation_partitions = sa.Table(
    "remoderation_partitions",
    metadata,
    sa.Column(
        "run_id",
        sa.Integer,
        sa.ForeignKey("remoderation_runs.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("number", sa.Integer, primary_key=True),
    # Comment ids lo <= id < hi; `file` is the Parquet export file holding them, if any.
    sa.Column("lo", sa.BigInteger, nullable=False),
    sa.Column("hi", sa.BigInteger, nullable=False),
    sa.Column("file", sa.Text, nullable=True),
    sa.Column("computed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("summary", sa.JSON, nullable=True),  # counts and examples for the preview
    sa.Column("changes", sa.JSON, nullable=True),  # the new decisions; emptied once applied
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("outcome", sa.JSON, nullable=True),  # what applying did, counted
)

# Reader reports on a published comment; one browser reports a comment once.
reports = sa.Table(
    "reports",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "comment_id", sa.Integer, sa.ForeignKey("comments.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("reporter", sa.String(64), nullable=False),  # the reporting browser's id
    sa.Column("reason", sa.String(16), nullable=False),
    sa.Column("note", sa.Text, nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("dismissed_at", sa.DateTime(timezone=True), nullable=True),
    sa.UniqueConstraint("comment_id", "reporter", name="uq_reports_comment_reporter"),
    sa.Index("ix_reports_comment", "comment_id"),
)

# Sanctions on a commenter (warn, premoderate, suspend, ban), by browser id.
sanctions = sa.Table(
    "sanctions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("commenter_id", sa.String(64), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("actor", sa.String(80), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),  # suspensions
    sa.Column("lifted_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("seen_at", sa.DateTime(timezone=True), nullable=True),  # a warning shown
    sa.Index("ix_sanctions_commenter", "commenter_id"),
)

# The outbox: every event a webhook may carry is written in the transaction that caused
# it, so a crash never sends an event for a change that did not happen, or loses one.
events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(40), nullable=False),  # comment.published, ...
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_events_created", "created_at"),
)

# One row per event and receiving URL: the delivery log and the retry schedule.
webhook_deliveries = sa.Table(
    "webhook_deliveries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("url", sa.String(500), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # pending | delivered | failed
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_status", sa.Integer, nullable=True),  # the receiver's HTTP status
    sa.Column("last_error", sa.Text, nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
    sa.UniqueConstraint("event_id", "url", name="uq_webhook_deliveries_event_url"),
    sa.Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
)
