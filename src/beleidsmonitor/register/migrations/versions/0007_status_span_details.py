"""Status spans carry the rest of a status as of a day: the deadline replaced, the fulfilment day and
its lateness, so that a list's records are read from the spans without the commitments' mentions.

The spans are computed again from what is stored (register/tracking.py).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 13:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("status_spans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("previous_start", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("previous_end", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("fulfilled_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("late_days", sa.Integer(), server_default="0", nullable=False))

    from beleidsmonitor.register.tracking import rebuild_status_spans

    rebuild_status_spans(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("status_spans", schema=None) as batch_op:
        batch_op.drop_column("late_days")
        batch_op.drop_column("fulfilled_on")
        batch_op.drop_column("previous_end")
        batch_op.drop_column("previous_start")
