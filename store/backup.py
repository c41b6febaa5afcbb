"""Consistent copies of a casefile while others keep using it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from store.api import Store
from store.errors import StoreError


def backup_to(store: Store, path: Path) -> str:
    """Copy the casefile to `path`: SQLite's online backup, or a JSON export for PostgreSQL."""
    path = path.expanduser()
    if path.exists():
        raise StoreError(f"{path} already exists; choose a new file for the backup")
    if not path.parent.is_dir():
        raise StoreError(f"cannot write {path}: folder {path.parent} does not exist")
    temporary = path.with_name(f".{path.name}.partial")
    try:
        if store.backend == "sqlite":
            source_path = store.engine.url.database
            source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True, timeout=10)
            target = sqlite3.connect(temporary)
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
            kind = "SQLite"
        else:
            from claims.reports import write

            # Claims are read page by page from one snapshot: a backup of any size in bounded memory.
            with store.streamed_export() as parts, temporary.open("w", encoding="utf-8", newline="") as stream:
                write(parts, "json", stream)
            kind = "JSON export"
        os.replace(temporary, path)
    except sqlite3.Error as error:
        raise StoreError(f"backup failed: {error}") from None
    finally:
        temporary.unlink(missing_ok=True)
    return kind
