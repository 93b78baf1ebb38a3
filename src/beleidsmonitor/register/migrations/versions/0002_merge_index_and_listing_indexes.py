"""Merge candidate index (merge_terms, term_counts) and the indexes of the SQL-side list queries.

merge_terms holds each commitment's word keys per dossier (hashed), term_counts the counts that
merging's word weights need; both are filled from the stored mentions on upgrade. The indexes serve
the listings ordered by deadline, per dossier, of documents by date, and an entry's latest mentions.

Revision ID: 0002
Revises: 0005
Create Date: 2026-12-03 09:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "merge_terms",
        sa.Column("term", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("commitment_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("term", "commitment_id"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "term_counts",
        sa.Column("term", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("term"),
    )
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.create_index("ix_mentions_commitment_order", ["commitment_id", "id"], unique=False)
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.create_index("ix_commitments_dossier_due", ["dossier", "due_end", "id"], unique=False)
        batch_op.create_index("ix_commitments_fulfilled", ["fulfilled_by_id"], unique=False)
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index("ix_documents_date_id", ["date", "id"], unique=False)
        batch_op.create_index("ix_documents_dossier_date", ["dossier", "date"], unique=False)

    from beleidsmonitor.register.store import rebuild_merge_index

    rebuild_merge_index(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_dossier_date")
        batch_op.drop_index("ix_documents_date_id")
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.drop_index("ix_commitments_fulfilled")
        batch_op.drop_index("ix_commitments_dossier_due")
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.drop_index("ix_mentions_commitment_order")
    op.drop_table("term_counts")
    op.drop_table("merge_terms")
