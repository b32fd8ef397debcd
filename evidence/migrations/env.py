"""Alembic environment: migrations run against the URL given in the config."""

from typing import Any

from alembic import context
from sqlalchemy import Connection, Engine, engine_from_config, event, pool

from evidence.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_offline() -> None:
    """Emit SQL without a connection."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run migrations on a live connection."""
    connectable = engine_from_config(
        config.get_section(config.config_ini_section) or {},
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    if connectable.dialect.name == "sqlite":
        _transactional_ddl(connectable)
    with connectable.connect() as connection:
        context.configure(
            connection=connection, target_metadata=target_metadata, render_as_batch=True
        )
        with context.begin_transaction():
            context.run_migrations()


def _transactional_ddl(engine: Engine) -> None:
    """Run SQLite's migrations in one real transaction: Python's sqlite3 opens none for DDL,
    so each CREATE and ALTER was committed (and synced to disk) by itself, some 0.1 s of a new
    workdir's start, and a migration failing halfway left its first half applied."""

    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
