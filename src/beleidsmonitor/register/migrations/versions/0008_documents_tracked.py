"""Whether the track stage has followed a document (``documents.tracked``).

An ingest stores each letter in its own transaction and tracks them all at the end; one stopped in
between (kill -9, power) left stored letters that no later ingest followed, since those skip letters
already stored. A new document starts false (the server default); the documents stored before this
revision were followed by their ingest, so they are set true.

Revision ID: 0008
Revises: 0007c
Create Date: 2026-12-03 14:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007c"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("tracked", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.execute(sa.text("UPDATE documents SET tracked = :yes").bindparams(yes=True))


def downgrade() -> None:
    # in place, never by copying the table (see 0004)
    op.execute("ALTER TABLE documents DROP COLUMN tracked")
