"""The Chambers' registers of commitments (toezeggingen), the source of each entry, and watch runs.

commitments gain ``source`` (written, tk, ek), ``official_number`` and ``official_status``; new
tables ``toezeggingen`` (the registers as imported) and ``fetch_runs`` (the runs of ``watch``).
Columns are added and dropped in place (no table copy), so SQLite's foreign keys keep the mentions.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 10:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "commitments", sa.Column("source", sa.String(length=10), server_default="written", nullable=False)
    )
    op.add_column(
        "commitments", sa.Column("official_number", sa.String(length=40), server_default="", nullable=False)
    )
    op.add_column(
        "commitments", sa.Column("official_status", sa.String(length=40), server_default="", nullable=False)
    )
    op.create_table(
        "toezeggingen",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("chamber", sa.String(length=10), nullable=False),
        sa.Column("nummer", sa.String(length=40), nullable=False),
        sa.Column("tekst", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("ministerie", sa.String(length=200), nullable=False),
        sa.Column("bewindspersoon", sa.Text(), nullable=False),
        sa.Column("functie", sa.Text(), nullable=False),
        sa.Column("toegezegd_aan", sa.Text(), nullable=False),
        sa.Column("dossier", sa.String(length=40), nullable=False),
        sa.Column("kamerbrief_nakoming", sa.Text(), nullable=False),
        sa.Column("herhaling_van", sa.String(length=60), nullable=False),
        sa.Column("wijziging_van", sa.String(length=60), nullable=False),
        sa.Column("aanvulling_op", sa.String(length=60), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=True),
        sa.Column("match_score", sa.Float(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitments.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index("ix_toezeggingen_dossier", "toezeggingen", ["dossier"], unique=False)
    op.create_index("ix_toezeggingen_commitment_id", "toezeggingen", ["commitment_id"], unique=False)
    op.create_table(
        "fetch_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("dossier", sa.String(length=40), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("ran_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("documents", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_fetch_runs_dossier", "fetch_runs", ["dossier"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_fetch_runs_dossier", table_name="fetch_runs")
    op.drop_table("fetch_runs")
    op.drop_index("ix_toezeggingen_commitment_id", table_name="toezeggingen")
    op.drop_index("ix_toezeggingen_dossier", table_name="toezeggingen")
    op.drop_table("toezeggingen")
    # in place, never by copying the table: a copy would cascade-delete the mentions on SQLite
    for column in ("official_status", "official_number", "source"):
        op.execute(f"ALTER TABLE commitments DROP COLUMN {column}")
