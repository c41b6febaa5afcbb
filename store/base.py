"""The connection to one casefile: opening, migrating, and transactions with clear errors."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError

from claims.reports.files import casefile_companions
from store import migrate
from store.engine import database_url, make_engine, redact, sqlite_file
from store.errors import NoCasefile, StoreError
from store.redaction import scrub, url_secrets

T = TypeVar("T")
WRITE_ATTEMPTS = 6
# PostgreSQL: serialization_failure and deadlock_detected; the transaction can simply be re-run.
_RETRYABLE_SQLSTATES = {"40001", "40P01"}


def utcnow() -> datetime:
    """Now, timezone-aware in UTC (SQLModel stores datetimes in UTC on both backends)."""
    return datetime.now(UTC)


def describe_db_error(error: SQLAlchemyError, url: str) -> str:
    """One line about a database failure, never with a password in it."""
    original = getattr(error, "orig", None) or error
    detail = (
        str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
    )
    detail = scrub(detail, url_secrets(url))
    lowered = detail.lower()
    if "database is locked" in lowered or "database is busy" in lowered:
        return "the database is locked by another process; try again in a moment"
    if "readonly" in lowered or "read-only" in lowered:
        return f"the database {redact(url)} is read-only"
    if "file is not a database" in lowered or "malformed" in lowered:
        return f"{redact(url)} is not a valid SQLite database (corrupt or another kind of file)"
    if "unable to open" in lowered:
        return f"cannot open the database {redact(url)}"
    if "connection" in lowered and (
        "refused" in lowered or "failed" in lowered or "timeout" in lowered
    ):
        return f"cannot connect to {redact(url)}: {detail}"
    return f"database error ({redact(url)}): {detail}"


def is_transient(error: DBAPIError) -> bool:
    """Whether re-running the whole transaction may succeed (busy SQLite file, PostgreSQL deadlock)."""
    original = getattr(error, "orig", None)
    if getattr(original, "sqlstate", None) in _RETRYABLE_SQLSTATES:
        return True
    message = str(original).lower()
    return (
        "database is locked" in message
        or "database is busy" in message
        or "database table is locked" in message
    )


class StoreBase:
    """Holds the engine; every public store method runs in `_read()` or `_transaction()`."""

    def __init__(
        self,
        db: str,
        *,
        upgrade: bool = True,
        on_upgrade: Callable[[str, list[str]], None] | None = None,
        create: bool = True,
    ):
        self.url = database_url(db)
        self.display_url = redact(self.url)
        path = sqlite_file(self.url)
        if not create and path is not None and not path.exists():
            # Checked before connecting: connecting to SQLite creates the file.
            gone = f": folder {path.parent} does not exist" if not path.parent.exists() else ""
            raise NoCasefile(f"no casefile at {path}{gone}")
        self.engine = make_engine(db)
        try:
            # `db status` (upgrade=False) may look at a database that has no tables yet.
            if not create and upgrade and migrate.current_revision(self.engine) is None:
                where = path if path is not None else self.display_url
                raise NoCasefile(f"no casefile at {where} (it holds no counterclaim tables)")
            if upgrade:
                migrate.upgrade(self.engine, notify=on_upgrade)
            else:
                with self.engine.connect() as connection:
                    connection.execute(text("SELECT 1"))
        except SQLAlchemyError as error:
            self.engine.dispose()
            raise StoreError(describe_db_error(error, self.url)) from None
        except NoCasefile:
            self.engine.dispose()
            raise

    def upgrade_schema(self) -> list[str]:
        """Apply pending migrations; return the revisions applied (a locked or failing database is a StoreError)."""
        try:
            return migrate.upgrade(self.engine)
        except SQLAlchemyError as error:
            raise StoreError(describe_db_error(error, self.url)) from None

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def casefile_files(self) -> list[Path]:
        """The files an SQLite casefile lives in (database, WAL, shared memory, journal); none on PostgreSQL."""
        database = self.engine.url.database if self.backend == "sqlite" else None
        if not database or database == ":memory:":
            return []
        if database.startswith("file:"):
            database = database[len("file:") :].split("?", 1)[0]
        return casefile_companions(Path(database))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _store_errors(self) -> Iterator[None]:
        """A database error raised inside becomes a StoreError that names the database."""
        try:
            yield
        except (DBAPIError, SQLAlchemyError) as error:
            raise StoreError(describe_db_error(error, self.url)) from None

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._store_errors(), self.engine.connect() as connection:
            yield connection

    @contextmanager
    def _snapshot(self) -> Iterator[Connection]:
        """Several reads that see one consistent state, even while others write."""
        with self._store_errors(), self.engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                connection = connection.execution_options(isolation_level="REPEATABLE READ")
            # SQLite: a deferred transaction keeps its first read's WAL snapshot until it ends.
            with connection.begin() as transaction:
                yield connection
                transaction.rollback()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A read-modify-write transaction: all of it is stored, or none of it (no retry)."""
        with self._store_errors(), self.engine.connect() as connection:
            connection = connection.execution_options(write=True)
            with connection.begin():
                yield connection

    def _transaction(self, work: Callable[[Connection], T], *, retry_integrity: bool = False) -> T:
        """Run `work` in one write transaction, re-running it after a transient failure.

        SQLite's busy timeout absorbs most contention, but a writer can still be refused
        ("database is locked"), and PostgreSQL may abort one side of a deadlock; the whole
        transaction was rolled back, so it is safe to run again after a short, jittered wait.
        With `retry_integrity`, a unique-key clash (another writer stored the same thing first)
        is retried too, so `work` can find that row and treat it as already there.
        """
        for attempt in range(WRITE_ATTEMPTS):
            try:
                with self.engine.connect() as connection:
                    connection = connection.execution_options(write=True)
                    with connection.begin():
                        return work(connection)
            except DBAPIError as error:
                retry = is_transient(error) or (
                    retry_integrity and isinstance(error, IntegrityError)
                )
                if not retry or attempt == WRITE_ATTEMPTS - 1:
                    raise StoreError(describe_db_error(error, self.url)) from None
            except SQLAlchemyError as error:
                raise StoreError(describe_db_error(error, self.url)) from None
            time.sleep(min(2.0, 0.05 * 2**attempt) * (0.5 + random.random()))
        raise AssertionError("unreachable")  # the loop returns or raises
