"""captures: notes on what was done to the page while capturing it, and the egress used

Revision ID: render_notes_egress
Revises: triage_concerns
Create Date: 2026-12-01 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "render_notes_egress"
down_revision: str | None = "triage_concerns"  # written after 0008; re-linked behind main's head
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN: on SQLite a table rebuild would drop the append-only triggers.
    op.add_column("captures", sa.Column("notes", sa.JSON(), server_default="[]", nullable=False))
    op.add_column("captures", sa.Column("egress", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("captures") as batch:
        batch.drop_column("egress")
        batch.drop_column("notes")
