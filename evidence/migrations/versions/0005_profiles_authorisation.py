"""authorisations, their requirement per case; capture kind, persona and authorisation

Revision ID: 0005
Revises: 0001
Create Date: 2026-11-22 09:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "authorisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_authorisations_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_authorisations")),
    )
    op.create_index(op.f("ix_authorisations_case_id"), "authorisations", ["case_id"])
    op.create_table(
        "authorisation_requirements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("set_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_authorisation_requirements_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_authorisation_requirements")),
    )
    op.create_index(
        op.f("ix_authorisation_requirements_case_id"), "authorisation_requirements", ["case_id"]
    )
    # Plain ADD COLUMN (no table rebuild): captures is append-only, guarded by triggers.
    op.add_column(
        "captures",
        sa.Column("kind", sa.String(length=20), server_default="listing", nullable=False),
    )
    op.add_column("captures", sa.Column("persona", sa.String(length=200), nullable=True))
    fk_name = op.f("fk_captures_authorisation_id_authorisations")
    if op.get_bind().dialect.name == "sqlite":  # SQLite adds a foreign key only inline
        op.execute(
            "ALTER TABLE captures ADD COLUMN authorisation_id INTEGER "
            f"CONSTRAINT {fk_name} REFERENCES authorisations (id)"
        )
    else:
        op.add_column("captures", sa.Column("authorisation_id", sa.Integer(), nullable=True))
        op.create_foreign_key(fk_name, "captures", "authorisations", ["authorisation_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("captures") as batch_op:
        batch_op.drop_column("authorisation_id")
        batch_op.drop_column("persona")
        batch_op.drop_column("kind")
    op.drop_index(op.f("ix_authorisation_requirements_case_id"), "authorisation_requirements")
    op.drop_table("authorisation_requirements")
    op.drop_index(op.f("ix_authorisations_case_id"), "authorisations")
    op.drop_table("authorisations")
