"""The newsroom workflow: article modes, commenters and sanctions, reports, takedowns,
roles, the event outbox behind webhooks, and audit entries about people.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The audit log stays append-only, with one exception a data-protection request needs:
# an entry's note and decision (which can quote the comment) may be cleared, once, by
# setting redacted_at. Who did what and when is never rewritten.
_SQLITE_REDACTION_ONLY = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "WHEN NOT (OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL "
    "AND NEW.note IS NULL AND NEW.decision IS NULL "
    "AND NEW.id = OLD.id AND NEW.actor = OLD.actor AND NEW.action = OLD.action "
    "AND NEW.created_at = OLD.created_at "
    "AND NEW.comment_id IS OLD.comment_id AND NEW.subject IS OLD.subject) "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
)
_SQLITE_NO_DELETE = (
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
)
_PG_REDACTION_ONLY = [
    "DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log",
    "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$ "
    "BEGIN "
    "IF TG_OP = 'UPDATE' AND OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL "
    "AND NEW.note IS NULL AND NEW.decision IS NULL "
    "AND NEW.id = OLD.id AND NEW.actor = OLD.actor AND NEW.action = OLD.action "
    "AND NEW.created_at = OLD.created_at "
    "AND NEW.comment_id IS NOT DISTINCT FROM OLD.comment_id "
    "AND NEW.subject IS NOT DISTINCT FROM OLD.subject THEN RETURN NEW; END IF; "
    "RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql",
    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    # Plain ADD COLUMN on articles and comments (see 0002): constant defaults only.
    op.add_column(
        "articles", sa.Column("mode", sa.String(16), nullable=False, server_default="open")
    )
    op.add_column("articles", sa.Column("url", sa.String(500)))
    op.add_column("articles", sa.Column("archived_at", sa.DateTime(timezone=True)))
    for column in (
        sa.Column("commenter_id", sa.String(64)),  # the signed browser id, if any
        sa.Column("address_hash", sa.String(64)),  # keyed hash of the client address
        sa.Column("text_hash", sa.String(64)),  # sha256 of the folded text (repeats)
        sa.Column("edited_at", sa.DateTime(timezone=True)),
        sa.Column("report_count", sa.Integer, nullable=False, server_default="0"),
    ):
        op.add_column("comments", column)
    op.create_index("ix_comments_commenter", "comments", ["commenter_id", "created_at"])
    op.create_index("ix_comments_text_hash", "comments", ["text_hash"])
    op.add_column(
        "moderators",
        sa.Column("role", sa.String(16), nullable=False, server_default="moderator"),
    )

    op.create_table(
        "reports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "comment_id",
            sa.Integer,
            sa.ForeignKey("comments.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("reporter", sa.String(64), nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("dismissed_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("comment_id", "reporter", name="uq_reports_comment_reporter"),
    )
    op.create_index("ix_reports_comment", "reports", ["comment_id"])
    op.create_table(
        "sanctions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("commenter_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("actor", sa.String(80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lifted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_sanctions_commenter", "sanctions", ["commenter_id"])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_events_created", "events", ["created_at"])
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("url", sa.String(500), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_status", sa.Integer, nullable=True),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("event_id", "url", name="uq_webhook_deliveries_event_url"),
    )
    op.create_index(
        "ix_webhook_deliveries_due", "webhook_deliveries", ["status", "next_attempt_at"]
    )

    # Audit entries about a commenter or an account have no comment: comment_id becomes
    # nullable and `subject` names who the entry is about ("commenter:…", "moderator:…").
    if dialect == "sqlite":
        # The batch rebuild copies the table; its triggers go with the old one.
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    with op.batch_alter_table("audit_log") as batch:
        batch.alter_column("comment_id", existing_type=sa.Integer, nullable=True)
        batch.alter_column(
            "action", existing_type=sa.String(16), type_=sa.String(32), existing_nullable=False
        )
        batch.add_column(sa.Column("subject", sa.String(120), nullable=True))
        batch.add_column(sa.Column("redacted_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_audit_log_created", "audit_log", ["created_at"])
    op.create_index("ix_audit_log_subject", "audit_log", ["subject"])
    if dialect == "sqlite":
        op.execute(_SQLITE_REDACTION_ONLY)
        op.execute(_SQLITE_NO_DELETE)
    elif dialect == "postgresql":
        for statement in _PG_REDACTION_ONLY:
            op.execute(statement)


def downgrade() -> None:
    """Back to 0004. Audit entries about people (no comment) cannot survive it: they go."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log")
    op.execute("DELETE FROM audit_log WHERE comment_id IS NULL")
    op.drop_index("ix_audit_log_subject", "audit_log")
    op.drop_index("ix_audit_log_created", "audit_log")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("redacted_at")
        batch.drop_column("subject")
        batch.alter_column(
            "action", existing_type=sa.String(32), type_=sa.String(16), existing_nullable=False
        )
        batch.alter_column("comment_id", existing_type=sa.Integer, nullable=False)
    if dialect == "sqlite":
        op.execute(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
        )
        op.execute(_SQLITE_NO_DELETE)
    else:
        op.execute(
            "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
        )
    op.drop_table("webhook_deliveries")
    op.drop_table("events")
    op.drop_table("sanctions")
    op.drop_table("reports")
    op.drop_column("moderators", "role")
    op.drop_index("ix_comments_text_hash", "comments")
    op.drop_index("ix_comments_commenter", "comments")
    for column in ("report_count", "edited_at", "text_hash", "address_hash", "commenter_id"):
        op.drop_column("comments", column)
    for column in ("archived_at", "url", "mode"):
        op.drop_column("articles", column)
