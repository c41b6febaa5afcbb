"""Shared fixtures: a fresh casefile per test, on SQLite and (when configured) PostgreSQL.

Set COUNTERCLAIM_TEST_PG_URL (e.g. by `scripts/test-postgres`) to a database on a server
where that user may create databases; every PostgreSQL test gets a database of its own,
dropped afterwards. Without it the PostgreSQL variants are skipped.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest

PG_URL_ENV = "COUNTERCLAIM_TEST_PG_URL"
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


def pg_server_url() -> str | None:
    """The PostgreSQL URL tests may use, or None when none is configured."""
    return os.environ.get(PG_URL_ENV) or None


@pytest.fixture(scope="session")
def _pg_admin():
    """An autocommit engine on the configured server, for creating and dropping test databases."""
    url = pg_server_url()
    if url is None:
        pytest.skip(f"PostgreSQL tests need {PG_URL_ENV} (see scripts/test-postgres)")
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    engine = create_engine(parsed, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    yield engine, parsed
    engine.dispose()


@pytest.fixture
def pg_url(_pg_admin) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    engine, parsed = _pg_admin
    name = f"cc_test_{uuid.uuid4().hex[:16]}"
    with engine.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield parsed.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    """A fresh casefile location: a SQLite file path, or a PostgreSQL URL (parametrised)."""
    if request.param == "sqlite":
        return str(tmp_path / "casefile.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(db_url):
    """An open, migrated, empty casefile on each backend."""
    from store.api import open_store

    opened = open_store(db_url)
    yield opened
    opened.close()


@pytest.fixture
def second_store(tmp_path, request, db_url):
    """Another fresh casefile on the same backend as `store` (its own SQLite file or PostgreSQL
    database), for comparing two ingest paths."""
    from store.api import open_store

    if not db_url.startswith("postgresql"):
        opened = open_store(str(tmp_path / "second.db"))
        yield opened
        opened.close()
        return
    engine, parsed = request.getfixturevalue("_pg_admin")
    name = f"cc_test_{uuid.uuid4().hex[:16]}"
    with engine.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    opened = open_store(parsed.set(database=name).render_as_string(hide_password=False))
    try:
        yield opened
    finally:
        opened.close()
        with engine.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def make_claim(text: str, document: str, speaker: str | None, **fields):
    """An ExtractedClaim quoting `text` exactly where it first occurs in `document`."""
    from claims.models import ExtractedClaim, Span

    start = document.index(text)
    mention = None
    if speaker and speaker in document:
        mention_start = document.index(speaker)
        mention = Span(text=speaker, start=mention_start, end=mention_start + len(speaker))
    values: dict[str, Any] = {
        "text": text,
        "quote": text,
        "start": start,
        "end": start + len(text),
        "kind": "direct",
        "speaker": speaker,
        "speaker_mention": mention,
    }
    values.update(fields)
    return ExtractedClaim(**values)


@pytest.fixture
def add_story() -> Callable:
    """Store a fictional document with hand-made claims; returns the AddResult."""
    from claims.models import SourceMeta

    def add(
        store,
        document: str,
        claims: list[tuple[str, str | None]],
        *,
        title: str = "A story",
        actor="tester",
        **meta,
    ):
        extracted = [make_claim(text, document, speaker) for text, speaker in claims]
        sha = hashlib.sha256(document.encode("utf-8")).hexdigest()
        return store.add_extracted(document, sha, SourceMeta(title=title, **meta), extracted, actor)

    return add


PORT_STORY = (
    'Harbour master Mira Olsen said on Monday, "The port handled 4,000 containers last week." '
    'The shipping board disputed that. "Fewer than 3,000 containers moved," said Tomas Brenn, '
    "its chair. Olsen denied that the cranes had failed."
)
PORT_CLAIMS = [
    ("The port handled 4,000 containers last week.", "Mira Olsen"),
    ("Fewer than 3,000 containers moved,", "Tomas Brenn"),
    ("the cranes had failed", "Mira Olsen"),
]


@pytest.fixture
def port_story(store, add_story):
    """The casefile with one fictional story of three claims stored; returns the AddResult."""
    return add_story(store, PORT_STORY, PORT_CLAIMS, title="Port figures", outlet="Harbour Gazette")


@pytest.fixture
def port_casefile(tmp_path, add_story):
    """An SQLite casefile file holding the port story's three claims, closed again; its path."""
    from store.api import open_store

    path = tmp_path / "case.db"
    with open_store(str(path)) as opened:
        add_story(opened, PORT_STORY, PORT_CLAIMS, title="Port figures")
    return path
