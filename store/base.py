"""The connection to one casefile: opening, migrating, and transactions with clear errors."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Iterator

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from store import migrate
from store.engine import database_url, make_engine, redact
from store.errors import StoreError


def utcnow() -> datetime:
    """Now, timezone-aware in UTC (SQLModel stores datetimes in UTC on both backends)."""
    return datetime.now(timezone.utc)


def describe_db_error(error: SQLAlchemyError, url: str) -> str:
    """One line about a database failure, never with a password in it."""
    original = getattr(error, "orig", None) or error
    detail = str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
    password = None
    try:
        from sqlalchemy.engine import make_url

        password = make_url(url).password
    except Exception:  # noqa: BLE001 - a malformed URL has no password to hide
        password = None
    if password:
        detail = detail.replace(str(password), "***")
    lowered = detail.lower()
    if "database is locked" in lowered or "database is busy" in lowered:
        return "the database is locked by another process; try again in a moment"
    if "readonly" in lowered or "read-only" in lowered:
        return f"the database {redact(url)} is read-only"
    if "file is not a database" in lowered or "malformed" in lowered:
        return f"{redact(url)} is not a valid SQLite database (corrupt or another kind of file)"
    if "unable to open" in lowered:
        return f"cannot open the database {redact(url)}"
    if "connection" in lowered and ("refused" in lowered or "failed" in lowered or "timeout" in lowered):
        return f"cannot connect to {redact(url)}: {detail}"
    return f"database error ({redact(url)}): {detail}"


class StoreBase:
    """Holds the engine; every public store method runs in `_read()` or `_write()`."""

    def __init__(self, db: str, *, upgrade: bool = True):
        self.url = database_url(db)
        self.display_url = redact(self.url)
        self.engine = make_engine(db)
        try:
            if upgrade:
                migrate.upgrade(self.engine)
            else:
                with self.engine.connect() as connection:
                    connection.execute(text("SELECT 1"))
        except SQLAlchemyError as error:
            self.engine.dispose()
            raise StoreError(describe_db_error(error, self.url)) from None

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as connection:
                yield connection
        except (DBAPIError, SQLAlchemyError) as error:
            raise StoreError(describe_db_error(error, self.url)) from None

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A read-modify-write transaction: all of it is stored, or none of it."""
        try:
            with self.engine.connect() as connection:
                connection = connection.execution_options(write=True)
                with connection.begin():
                    yield connection
        except (DBAPIError, SQLAlchemyError) as error:
            raise StoreError(describe_db_error(error, self.url)) from None
