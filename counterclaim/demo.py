"""The demo: the bundled sample story in a fresh casefile."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from claims.documents import DocumentError
from counterclaim.sources import collect_inputs, read_input

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


def build_demo(reviewer: str, keep: Path | None = None):
    """Ingest seeds/ into a new casefile (temporary unless `keep`); return the open store and its path.

    A temporary casefile is the caller's to remove with `remove_demo` when the desk closes.
    """
    from store.api import open_store

    if not SEEDS_DIR.is_dir():
        raise DocumentError(f"the sample stories are missing ({SEEDS_DIR} not found)")
    if keep is not None:
        path = keep.expanduser()
        if path.exists():
            raise DocumentError(f"{path} already exists; the demo needs a new file")
    else:
        path = Path(tempfile.mkdtemp(prefix="counterclaim-demo-")) / "demo.db"
    store = open_store(str(path))
    try:
        for item in collect_inputs([str(SEEDS_DIR)]):
            document, meta = read_input(item, {})
            store.add_document(document, meta, reviewer)
    except BaseException:
        store.close()
        if keep is None:
            remove_demo(path)
        raise
    return store, path


def remove_demo(path: Path) -> None:
    """Delete a temporary demo casefile and the folder made for it (WAL files included)."""
    shutil.rmtree(path.parent, ignore_errors=True)
