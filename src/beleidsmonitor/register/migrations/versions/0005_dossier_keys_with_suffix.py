"""Dossier keys carry the dossier's suffix: "33400-XV", "21501-02" instead of "33400", "21501".

Documents of a suffixed dossier were keyed by the number alone, which put the chapters of one
budget (33 400 XII, 33 400 XV) into one dossier. Data only: documents take their suffix into the
key, commitments take the key of the document that first made them.

Revision ID: 0005
Revises: 0001
Create Date: 2026-12-03 10:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "UPDATE documents SET dossier = dossier || '-' || suffix "
        "WHERE suffix <> '' AND dossier <> '' AND dossier NOT LIKE '%-%'"
    )
    op.execute(
        "UPDATE commitments SET dossier = "
        "(SELECT d.dossier FROM documents d WHERE d.id = commitments.first_document_id) "
        "WHERE EXISTS (SELECT 1 FROM documents d WHERE d.id = commitments.first_document_id "
        "AND d.suffix <> '' AND d.dossier <> commitments.dossier)"
    )


def downgrade() -> None:
    op.execute(
        "UPDATE commitments SET dossier = "
        "(SELECT substr(d.dossier, 1, length(d.dossier) - length(d.suffix) - 1) FROM documents d "
        "WHERE d.id = commitments.first_document_id) "
        "WHERE EXISTS (SELECT 1 FROM documents d WHERE d.id = commitments.first_document_id AND d.suffix <> '')"
    )
    op.execute(
        "UPDATE documents SET dossier = substr(dossier, 1, length(dossier) - length(suffix) - 1) "
        "WHERE suffix <> '' AND dossier LIKE '%-%'"
    )
