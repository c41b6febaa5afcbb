"""The engine factory: a path or an SQLAlchemy URL in, a ready engine out, or one clear error."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from store.errors import StoreError
from store.redaction import looks_like_libpq_string, redact, scrub

__all__ = ["database_url", "make_engine", "redact", "scrub", "sqlite_file"]

SQLITE_BUSY_TIMEOUT_MS = 10_000


def database_url(db: str) -> str:
    """Turn `--db` (a file path or an SQLAlchemy URL) into a URL."""
    if "://" in db:
        return db
    if looks_like_libpq_string(db):
        raise StoreError(
            f"--db takes a file path or a URL, not a libpq connection string ({scrub(db)}): "
            "write it as postgresql+psycopg://USER@HOST:PORT/DBNAME"
        )
    return "sqlite:///" + str(Path(db).expanduser().resolve())


def sqlite_file(url: str) -> Path | None:
    """The file an SQLite URL names, or None (another backend, or an in-memory database)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:") and parsed.query.get("uri") == "true":
        return Path(database[len("file:") :].split("?", 1)[0])
    return Path(database)


def make_engine(db: str) -> Engine:
    """Build the engine for `db`; SQLite files get WAL, a busy timeout and foreign keys."""
    url = database_url(db)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"not a database path or URL: {redact(url)}") from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database)
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            return create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 5})
        except ModuleNotFoundError as error:
            raise StoreError(
                f"cannot use {redact(url)}: the PostgreSQL driver {error.name or 'psycopg'!r} is not "
                "installed (pip install -e '.[postgres]')"
            ) from None
        except Exception as error:  # URL malformed
            raise StoreError(f"cannot use {redact(url)}: {type(error).__name__}") from None
    raise StoreError(
        f"unsupported database {parsed.get_backend_name()!r}: use a SQLite path or a postgresql:// URL"
    )


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database.startswith("file:") and make_url(url).query.get("uri") == "true":
        # An SQLite URI (e.g. `sqlite:///file:case.db?mode=ro&uri=true` for a read-only view).
        file_path = Path(database[len("file:") :].split("?", 1)[0])
        if not file_path.is_file():
            raise StoreError(f"{file_path}: no such database file")
        _check_sqlite_path(file_path)
    elif database and database != ":memory:":
        _check_sqlite_path(Path(database))
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event emit BEGIN so writers can ask for IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if database and database != ":memory:":
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # Read-modify-write transactions take the write lock up front (BEGIN IMMEDIATE):
        # a deferred transaction that upgrades to a writer can fail with "database is locked".
        mode = "IMMEDIATE" if connection.get_execution_options().get("write") else "DEFERRED"
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _check_sqlite_path(path: Path) -> None:
    if path.exists():
        if path.is_dir():
            raise StoreError(f"{path} is a directory, not a database file")
        if not os.access(path, os.R_OK):
            raise StoreError(f"cannot read the database file {path} (permission denied)")
        with path.open("rb") as handle:
            header = handle.read(16)
        if header and header != b"SQLite format 3\x00":
            raise StoreError(f"{path} is not a SQLite database")
        return
    parent = path.parent
    if not parent.exists():
        raise StoreError(f"cannot create the database {path}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise StoreError(f"cannot create the database {path}: folder {parent} is not writable")
