"""crawl runs: why a run failed, the process recording it, the watch run it belongs to

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 17:00:00
"""

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("crawl_runs", sa.Column("error", sa.Text(), nullable=True))
    op.add_column("crawl_runs", sa.Column("pid", sa.Integer(), nullable=True))
    name = "fk_crawl_runs_watch_run_id_watch_runs"
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a column with an inline REFERENCES clause without rebuilding the table
        # (a rebuild would drop the append-only triggers of the tables around it).
        op.execute(
            "ALTER TABLE crawl_runs ADD COLUMN watch_run_id INTEGER "
            f"CONSTRAINT {name} REFERENCES watch_runs (id)"
        )
    else:
        op.add_column("crawl_runs", sa.Column("watch_run_id", sa.Integer(), nullable=True))
        op.create_foreign_key(name, "crawl_runs", "watch_runs", ["watch_run_id"], ["id"])
    op.create_index(op.f("ix_crawl_runs_watch_run_id"), "crawl_runs", ["watch_run_id"])
    link_existing_runs()


def _tag(options: dict[str, Any]) -> str | None:
    """The watch run an earlier nightly named in a crawl's options (before this column)."""
    tag = options.get("watch_run")
    if isinstance(tag, str):
        return tag
    for item in options.get("settings") or []:
        if isinstance(item, str) and item.startswith("JASPER_WATCH_RUN="):
            return item.partition("=")[2]
    return None


def link_existing_runs() -> None:
    """Give crawl runs made by earlier nightly runs their watch run."""
    bind = op.get_bind()
    watch = dict(bind.execute(sa.text("SELECT uuid, id FROM watch_runs")).all())
    if not watch:
        return
    for run_id, raw in bind.execute(sa.text("SELECT id, options FROM crawl_runs")).all():
        options = json.loads(raw) if isinstance(raw, str) else (raw or {})
        tag = _tag(options) if isinstance(options, dict) else None
        if tag in watch:
            bind.execute(
                sa.text("UPDATE crawl_runs SET watch_run_id = :w WHERE id = :r"),
                {"w": watch[tag], "r": run_id},
            )


def downgrade() -> None:
    op.drop_index(op.f("ix_crawl_runs_watch_run_id"), table_name="crawl_runs")
    with op.batch_alter_table("crawl_runs") as batch:
        batch.drop_constraint(op.f("fk_crawl_runs_watch_run_id_watch_runs"), type_="foreignkey")
        batch.drop_column("watch_run_id")
        batch.drop_column("pid")
        batch.drop_column("error")
