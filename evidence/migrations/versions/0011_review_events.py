"""review decisions: dispositions, notes and tags on listings, append-only; workspace accounts

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 20:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
# main's 0010 carries the revision id "render_notes_egress"; re-linked by the lead at merge.
down_revision: str | None = "render_notes_egress"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "review_events"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("listing_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_review_events_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["listing_id"], ["listings.id"], name=op.f("fk_review_events_listing_id_listings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_events")),
    )
    op.create_index("ix_review_events_listing_kind", TABLE, ["listing_id", "kind"])
    op.create_index("ix_review_events_case_kind", TABLE, ["case_id", "kind", "listing_id", "id"])
    # The triage queue's latest score per listing, read from the index alone.
    op.create_index(
        "ix_listing_scores_case_listing", "listing_scores", ["case_id", "listing_id", "id"]
    )
    op.create_table(
        "review_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_users")),
        sa.UniqueConstraint("name", name=op.f("uq_review_users_name")),
    )
    # Append-only, as 0002 and 0007 do for the other evidence tables.
    if op.get_bind().dialect.name == "postgresql":  # jasper_refuse_change() comes from 0002
        op.execute(
            f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION jasper_refuse_change()"
        )
        op.execute(
            f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} "
            "FOR EACH STATEMENT EXECUTE FUNCTION jasper_refuse_change()"
        )
        return
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER {TABLE}_no_{action.lower()} BEFORE {action} ON {TABLE} "
            f"BEGIN SELECT RAISE(ABORT, 'jasper: {TABLE} is append-only ({action} refused)'); "
            "END"
        )


def downgrade() -> None:
    op.drop_index("ix_listing_scores_case_listing", "listing_scores")
    op.drop_table("review_users")
    op.drop_table(TABLE)  # its triggers go with it
