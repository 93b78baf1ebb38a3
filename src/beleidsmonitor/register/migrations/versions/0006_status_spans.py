"""Status spans: each commitment's history as stretches of days, so that the database computes statuses.

Revision 0007 adds the rest of each span's columns and fills the table from the links, corrections and
mentions already stored (register/tracking.py).

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-03 13:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "status_spans",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("known_from", sa.Date(), nullable=True),
        sa.Column("known_until", sa.Date(), nullable=True),
        sa.Column("settled", sa.String(length=20), nullable=False),
        sa.Column("due_start", sa.Date(), nullable=True),
        sa.Column("due_end", sa.Date(), nullable=True),
        sa.Column("postponed", sa.Boolean(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitments.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("status_spans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_status_spans_commitment_id"), ["commitment_id"], unique=False)
        batch_op.create_index("ix_status_spans_due", ["due_end", "commitment_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("status_spans", schema=None) as batch_op:
        batch_op.drop_index("ix_status_spans_due")
        batch_op.drop_index(batch_op.f("ix_status_spans_commitment_id"))
    op.drop_table("status_spans")
