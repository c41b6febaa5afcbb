"""Schema migrations (Alembic), the same scripts for SQLite and PostgreSQL, each in a transaction."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Any fixed number: every counterclaim process that migrates a PostgreSQL database takes this lock.
_PG_MIGRATION_LOCK = 7_271_946_305


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest migration this code knows."""
    return ScriptDirectory.from_config(_config()).get_current_head() or ""


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for an empty database."""
    with engine.connect() as connection:
        return _current(connection)


def _current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _pending(connection: Connection) -> list[str]:
    script = ScriptDirectory.from_config(_config())
    pending = [rev.revision for rev in script.iterate_revisions("heads", _current(connection))]
    return list(reversed(pending))


def pending_revisions(engine: Engine) -> list[str]:
    """Migrations not yet applied, oldest first."""
    with engine.connect() as connection:
        return _pending(connection)


def upgrade(
    engine: Engine, target: str = "head", *, notify: Callable[[str, list[str]], None] | None = None
) -> list[str]:
    """Apply pending migrations up to `target`; return the revisions applied.

    Several processes may open a new casefile at once: the migration runs under a lock
    (SQLite's write lock, a PostgreSQL advisory lock) and re-checks what is pending under it.
    `notify(current, pending)` is called first when a casefile that has a schema is about to
    be upgraded (not when a new one is created), so a caller can say why it waits.
    """
    if target == "head":
        pending = pending_revisions(engine)
        if not pending:
            return []
        current = current_revision(engine)
        if notify is not None and current is not None:
            notify(current, pending)
    config = _config()
    with engine.connect() as connection:
        connection = connection.execution_options(write=True)
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
                )
            before = _current(connection)
            config.attributes["connection"] = connection
            command.upgrade(config, target)
            after = _current(connection)
    if before == after:
        return []
    script = ScriptDirectory.from_config(_config())
    return list(reversed([rev.revision for rev in script.iterate_revisions(after, before)]))
