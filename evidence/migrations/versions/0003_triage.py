"""triage: listing scores and reference images

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-22 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "listing_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("listing_id", sa.Integer(), nullable=False),
        sa.Column("capture_id", sa.Integer(), nullable=True),
        sa.Column("scored_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("contacts", sa.JSON(), nullable=False),
        sa.Column("signals", sa.JSON(), nullable=False),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("rules_digest", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["capture_id"], ["captures.id"], name=op.f("fk_listing_scores_capture_id_captures")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_listing_scores_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["listing_id"], ["listings.id"], name=op.f("fk_listing_scores_listing_id_listings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_listing_scores")),
    )
    with op.batch_alter_table("listing_scores", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_listing_scores_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            "ix_listing_scores_listing_scored", ["listing_id", "scored_at"], unique=False
        )

    op.create_table(
        "reference_images",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("brand", sa.String(length=200), nullable=False),
        sa.Column("source_name", sa.Text(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("media_type", sa.String(length=255), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("digest_hex", sa.String(length=128), nullable=False),
        sa.Column("phash", sa.String(length=64), nullable=True),
        sa.Column("dhash", sa.String(length=64), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reference_images")),
    )
    with op.batch_alter_table("reference_images", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reference_images_brand"), ["brand"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_reference_images_digest_hex"), ["digest_hex"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("reference_images", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reference_images_digest_hex"))
        batch_op.drop_index(batch_op.f("ix_reference_images_brand"))
    op.drop_table("reference_images")
    with op.batch_alter_table("listing_scores", schema=None) as batch_op:
        batch_op.drop_index("ix_listing_scores_listing_scored")
        batch_op.drop_index(batch_op.f("ix_listing_scores_case_id"))
    op.drop_table("listing_scores")
