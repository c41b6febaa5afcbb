"""A second empty casefile on the same backend as the `store` fixture, for comparing two ingest paths."""

from __future__ import annotations

import uuid

import pytest


@pytest.fixture
def second_store(tmp_path, request, db_url):
    """Another fresh casefile on the same backend as `store` (its own SQLite file or PostgreSQL database)."""
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
