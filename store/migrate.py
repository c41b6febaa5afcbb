"""Schema migrations (Alembic), the same scripts for SQLite and PostgreSQL, each in a transaction."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


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
        return MigrationContext.configure(connection).get_current_revision()


def pending_revisions(engine: Engine) -> list[str]:
    """Migrations not yet applied, oldest first."""
    script = ScriptDirectory.from_config(_config())
    current = current_revision(engine)
    pending = [rev.revision for rev in script.iterate_revisions("heads", current)]
    return list(reversed(pending))


def upgrade(engine: Engine) -> list[str]:
    """Apply every pending migration; return the revisions applied."""
    pending = pending_revisions(engine)
    if not pending:
        return []
    config = _config()
    with engine.begin() as connection:
        connection = connection.execution_options(write=True)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return pending
