"""Server-side sessions, disabled accounts, single-use form tokens, shared rate limits,
thread roots, resubmissions and queue claims.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        # sha256 of the token: a copy of the database does not hand out live logins.
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
    )
    op.create_index("ix_sessions_moderator", "sessions", ["moderator_id"])
    op.create_table(
        "used_form_tokens",
        sa.Column("nonce", sa.String(64), primary_key=True),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_used_form_tokens_used", "used_form_tokens", ["used_at"])
    op.create_table(
        "rate_buckets",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("tokens", sa.Float, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_rate_buckets_updated", "rate_buckets", ["updated_at"])
    # Plain ADD COLUMN (nullable, no default) on both dialects: a batch rebuild of
    # `comments` would have to drop a table other rows still point to.
    op.add_column("moderators", sa.Column("disabled_at", sa.DateTime(timezone=True)))
    op.add_column("comments", sa.Column("root_id", sa.Integer))
    op.add_column("comments", sa.Column("claimed_by", sa.String(80)))
    op.add_column("comments", sa.Column("claimed_until", sa.DateTime(timezone=True)))
    if op.get_bind().dialect.name == "sqlite":
        # Alembic adds no constraint on SQLite, but SQLite itself takes REFERENCES here.
        op.execute(
            "ALTER TABLE comments ADD COLUMN resubmission_of INTEGER REFERENCES comments(id)"
        )
    else:
        op.add_column(
            "comments",
            sa.Column(
                "resubmission_of",
                sa.Integer,
                sa.ForeignKey("comments.id", name="fk_comments_resubmission_of"),
            ),
        )
    op.create_index("ix_comments_root", "comments", ["root_id"])
    op.create_index("ix_comments_resubmission_of", "comments", ["resubmission_of"])
    _backfill_roots()


def _backfill_roots() -> None:
    """root_id of every existing reply: walk up its parents (replies are few and shallow)."""
    bind = op.get_bind()
    comments = sa.table(
        "comments",
        sa.column("id", sa.Integer),
        sa.column("parent_id", sa.Integer),
        sa.column("root_id", sa.Integer),
    )
    parents = dict(bind.execute(sa.select(comments.c.id, comments.c.parent_id)).all())
    for comment_id, parent_id in parents.items():
        if parent_id is None:
            continue
        root = parent_id
        while parents.get(root) is not None:
            root = parents[root]
        bind.execute(sa.update(comments).where(comments.c.id == comment_id).values(root_id=root))


def downgrade() -> None:
    op.drop_index("ix_comments_resubmission_of", "comments")
    op.drop_index("ix_comments_root", "comments")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint("fk_comments_resubmission_of", "comments")
    for table, column in (
        ("comments", "resubmission_of"),
        ("comments", "root_id"),
        ("comments", "claimed_until"),
        ("comments", "claimed_by"),
        ("moderators", "disabled_at"),
    ):
        op.drop_column(table, column)  # SQLite 3.35+ drops columns in place
    op.drop_table("rate_buckets")
    op.drop_table("used_form_tokens")
    op.drop_table("sessions")
