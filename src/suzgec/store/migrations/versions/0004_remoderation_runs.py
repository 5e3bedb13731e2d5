"""Archive re-moderation runs and their partitions, so an interrupted run resumes.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "remoderation_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("versions", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_remoderation_runs_fingerprint", "remoderation_runs", ["fingerprint"])
    op.create_table(
        "remoderation_partitions",
        sa.Column(
            "run_id",
            sa.Integer,
            sa.ForeignKey("remoderation_runs.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("number", sa.Integer, primary_key=True),
        sa.Column("lo", sa.BigInteger, nullable=False),
        sa.Column("hi", sa.BigInteger, nullable=False),
        sa.Column("file", sa.Text, nullable=True),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("summary", sa.JSON, nullable=True),
        sa.Column("changes", sa.JSON, nullable=True),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.JSON, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("remoderation_partitions")
    op.drop_index("ix_remoderation_runs_fingerprint", "remoderation_runs")
    op.drop_table("remoderation_runs")
