"""provenance ledger, time-stamps, corrections; append-only evidence tables

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 08:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Kept literal here: a migration must not change when the models do.
APPEND_ONLY = (
    "listings", "captures", "artefacts", "capture_errors", "events",
    "ledger_entries", "timestamps", "timestamp_captures", "capture_corrections",
)  # fmt: skip


def _append_only_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            CREATE FUNCTION jasper_refuse_change() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'jasper: % is append-only (% refused)', TG_TABLE_NAME, TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END;
            $$ LANGUAGE plpgsql
            """
        )
        for table in APPEND_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION jasper_refuse_change()"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION jasper_refuse_change()"
            )
        return
    for table in APPEND_ONLY:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'jasper: {table} is append-only ({action} refused)'); "
                "END"
            )


def _drop_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in APPEND_ONLY:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        op.execute("DROP FUNCTION IF EXISTS jasper_refuse_change()")
        return
    for table in APPEND_ONLY:
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}")


def upgrade() -> None:
    op.create_table(
        "ledger_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=128), nullable=False),
        sa.Column("entry_hash", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_ledger_entries_event_id_events")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_entries")),
        sa.UniqueConstraint("event_id", name=op.f("uq_ledger_entries_event_id")),
        sa.UniqueConstraint("seq", name=op.f("uq_ledger_entries_seq")),
    )
    op.create_table(
        "timestamps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("tsa_url", sa.Text(), nullable=True),
        sa.Column("manifest_path", sa.Text(), nullable=False),
        sa.Column("manifest_sha256", sa.String(length=128), nullable=False),
        sa.Column("token_path", sa.Text(), nullable=True),
        sa.Column("token_sha256", sa.String(length=128), nullable=True),
        sa.Column("chain_path", sa.Text(), nullable=True),
        sa.Column("gen_time", sa.String(length=40), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["run_id"], ["crawl_runs.id"], name=op.f("fk_timestamps_run_id_crawl_runs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timestamps")),
    )
    with op.batch_alter_table("timestamps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_timestamps_run_id"), ["run_id"], unique=False)

    op.create_table(
        "timestamp_captures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("timestamp_id", sa.Integer(), nullable=False),
        sa.Column("capture_id", sa.Integer(), nullable=False),
        sa.Column("capture_manifest_sha256", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(
            ["capture_id"], ["captures.id"], name=op.f("fk_timestamp_captures_capture_id_captures")
        ),
        sa.ForeignKeyConstraint(
            ["timestamp_id"],
            ["timestamps.id"],
            name=op.f("fk_timestamp_captures_timestamp_id_timestamps"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timestamp_captures")),
    )
    with op.batch_alter_table("timestamp_captures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_timestamp_captures_capture_id"), ["capture_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_timestamp_captures_timestamp_id"), ["timestamp_id"], unique=False
        )

    op.create_table(
        "capture_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("capture_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["capture_id"],
            ["captures.id"],
            name=op.f("fk_capture_corrections_capture_id_captures"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_capture_corrections")),
    )
    with op.batch_alter_table("capture_corrections", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_capture_corrections_capture_id"), ["capture_id"], unique=False
        )
    _append_only_triggers()


def downgrade() -> None:
    _drop_triggers()
    op.drop_table("capture_corrections")
    op.drop_table("timestamp_captures")
    op.drop_table("timestamps")
    op.drop_table("ledger_entries")
