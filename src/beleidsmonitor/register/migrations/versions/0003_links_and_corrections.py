"""Tracking tables: links (later documents → earlier commitments) and corrections (the audit trail).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 09:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "links",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(length=80), nullable=False),
        sa.Column("relation", sa.String(length=20), nullable=False),
        sa.Column("evidence", sa.String(length=20), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("sentence", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("source_start", sa.Integer(), nullable=False),
        sa.Column("source_end", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("cites", sa.Text(), nullable=False),
        sa.Column("due_start", sa.Date(), nullable=True),
        sa.Column("due_end", sa.Date(), nullable=True),
        sa.Column("time_text", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitments.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_links_commitment_id"), ["commitment_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_links_document_id"), ["document_id"], unique=False)

    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.String(length=200), nullable=False),
        sa.Column("commitment_key", sa.String(length=120), nullable=False),
        sa.Column("first_document_id", sa.String(length=80), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("field", sa.String(length=20), nullable=False),
        sa.Column("document_id", sa.String(length=80), nullable=False),
        sa.Column("old", sa.Text(), nullable=False),
        sa.Column("new", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("effective", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("corrections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_corrections_commitment_key"), ["commitment_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("corrections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_corrections_commitment_key"))
    op.drop_table("corrections")
    with op.batch_alter_table("links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_links_document_id"))
        batch_op.drop_index(batch_op.f("ix_links_commitment_id"))
    op.drop_table("links")
