"""The committee a Chamber's register names for a toezegging (``toezeggingen.commissie``).

Filled from what is stored: the Eerste Kamer register's committee column was kept as the recipient
(``toegezegd_aan``); a Tweede Kamer recipient that names a committee ("Commissie voor ...") is one.
The Tweede Kamer's lead committee of the debate (``Activiteit.Voortouwnaam``) comes with the next import.

Revision ID: 0007c
Revises: 0007
Create Date: 2026-12-03 13:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007c"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("toezeggingen", sa.Column("commissie", sa.Text(), server_default="", nullable=False))
    op.execute(
        "UPDATE toezeggingen SET commissie = toegezegd_aan WHERE chamber = 'ek' "
        "OR lower(toegezegd_aan) LIKE 'commissie%' OR lower(toegezegd_aan) LIKE 'vaste commissie%'"
    )


def downgrade() -> None:
    # in place, never by copying the table (see 0004)
    op.execute("ALTER TABLE toezeggingen DROP COLUMN commissie")
