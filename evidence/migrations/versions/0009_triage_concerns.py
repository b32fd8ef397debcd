"""triage per concern: the driving concern, each concern's score, the signals' version

Revision ID: triage_concerns
Revises: 0008
Create Date: 2026-12-01 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "triage_concerns"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild); earlier rows read as stale and are rescored.
    op.add_column("listing_scores", sa.Column("concern", sa.String(length=20), nullable=True))
    op.add_column(
        "listing_scores",
        sa.Column("concerns", sa.JSON(), nullable=False, server_default=sa.text("'{}'")),
    )
    op.add_column(
        "listing_scores", sa.Column("signals_digest", sa.String(length=64), nullable=True)
    )


def downgrade() -> None:
    with op.batch_alter_table("listing_scores") as batch:
        batch.drop_column("signals_digest")
        batch.drop_column("concerns")
        batch.drop_column("concern")
