"""Finding the documents a user named (files, folders, stdin) and reading them with their metadata."""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from claims.documents import (
    MAX_DOCUMENT_BYTES,
    READ_FORMATS,
    SUPPORTED_SUFFIXES,
    Document,
    DocumentError,
    read_document,
    unsupported_suffix,
)
from claims.models import SourceMeta

MANIFEST_NAME = "manifest.json"
_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True)
class InputItem:
    """One document to read (a file, or standard input), or a file or folder that is not read, and why."""

    path: Path | None
    display: str
    manifest: dict | None = None
    skipped: str | None = None
    """Why this file in a folder is not read (said, and the command still succeeds)."""
    failure: str | None = None
    """Why this file or folder could not be read (an error: the command exits 1)."""


def collect_inputs(paths: list[str]) -> list[InputItem]:
    """Expand folders (recursively) and check every named file exists; what is not read is listed with why."""
    items: list[InputItem] = []
    manifests: dict[Path, dict] = {}
    for raw in paths:
        if raw == "-":
            items.append(InputItem(None, "<stdin>"))
            continue
        if _URL_RE.match(raw):
            raise DocumentError(
                f"{raw}: add reads files, not web addresses; save the page as .html and add that file"
            )
        path = Path(raw)
        if not path.exists():
            raise DocumentError(f"{raw}: no such file or folder")
        if path.is_dir():
            items.extend(_walk(path, raw, manifests))
        elif path.suffix and path.suffix.lower() not in SUPPORTED_SUFFIXES:
            items.append(
                InputItem(path, raw, failure=str(unsupported_suffix(raw, path.suffix.lower())))
            )
        else:
            items.append(InputItem(path, raw, _manifest_entry(path, manifests)))
    return items


def _walk(folder: Path, display: str, manifests: dict[Path, dict]) -> list[InputItem]:
    """The documents under `folder` in name order, with every other file, link and unreadable folder and why."""
    found: list[InputItem] = []
    seen: set[tuple[int, int]] = set()

    def unreadable(failure: OSError) -> None:
        where = failure.filename or display
        found.append(
            InputItem(
                Path(where),
                str(where),
                failure=f"{where}: cannot read the folder ({failure.strerror})",
            )
        )

    for root, dirs, files in os.walk(folder, followlinks=False, onerror=unreadable):
        dirs.sort()
        for name in dirs:
            if os.path.islink(os.path.join(root, name)):
                path = Path(root) / name
                found.append(
                    InputItem(
                        path, str(path), skipped="a link to a folder (links are not followed)"
                    )
                )
        for name in sorted(files):
            path = Path(root) / name
            if name == MANIFEST_NAME:
                continue
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                found.append(InputItem(path, str(path), skipped=f"not {_SHORT_FORMATS}"))
                continue
            try:
                stat = path.stat()
            except OSError as failure:
                reason = (
                    f"a broken link ({failure.strerror})"
                    if path.is_symlink()
                    else f"cannot read it ({failure.strerror})"
                )
                found.append(InputItem(path, str(path), skipped=reason))
                continue
            if (stat.st_dev, stat.st_ino) in seen:
                continue
            seen.add((stat.st_dev, stat.st_ino))
            found.append(InputItem(path, str(path), _manifest_entry(path, manifests)))
    if not any(item.skipped is None and item.failure is None for item in found):
        found.append(
            InputItem(
                folder,
                display,
                failure=f"{display}: no documents in the folder; add reads only {READ_FORMATS}",
            )
        )
    return found


_SHORT_FORMATS = "plain text, Markdown or HTML (" + ", ".join(SUPPORTED_SUFFIXES) + ")"


def _manifest_entry(path: Path, manifests: dict[Path, dict]) -> dict | None:
    """The manifest's entry for `path`; each folder's manifest is read once (a folder may hold thousands of files)."""
    manifest = path.parent / MANIFEST_NAME
    if manifest not in manifests:
        manifests[manifest] = _read_manifest(manifest)
    entry = manifests[manifest].get(path.name)
    return entry if isinstance(entry, dict) else None


def _read_manifest(manifest: Path) -> dict:
    if not manifest.is_file():
        return {}
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise DocumentError(f"{manifest}: not a valid JSON manifest") from None
    documents = entries.get("documents", {}) if isinstance(entries, dict) else {}
    return documents if isinstance(documents, dict) else {}


def read_input(item: InputItem, overrides: dict) -> tuple[Document, SourceMeta]:
    """Read one document; metadata comes from the command line, else the manifest, else the document."""
    # Read at most one byte past the limit, so an oversized input is refused without holding it.
    if item.path is None:
        data = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
    else:
        if not item.path.is_file():
            raise DocumentError(f"{item.display}: not a regular file")
        size = item.path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise DocumentError(
                f"{item.display}: too large ({size // (1024 * 1024)} MB; the limit is "
                f"{MAX_DOCUMENT_BYTES // (1024 * 1024)} MB per document)"
            )
        with item.path.open("rb") as handle:
            data = handle.read(MAX_DOCUMENT_BYTES + 1)
    document = read_document(data, item.display)
    meta = document.meta.model_copy()
    if item.manifest:
        for field_name in ("title", "outlet", "url", "author"):
            if item.manifest.get(field_name):
                setattr(meta, field_name, str(item.manifest[field_name]))
        if item.manifest.get("published"):
            meta.published = parse_date(
                str(item.manifest["published"]), f"{item.display} (manifest)"
            )
    for field_name, value in overrides.items():
        if value is not None:
            setattr(meta, field_name, value)
    meta.path = item.display
    if not meta.title:
        meta.title = _first_line_title(document.text) or item.display
    return document, meta


def read_import_file(path: Path) -> bytes:
    """The bytes of a file to import: a regular file of at most MAX_IMPORT_BYTES, else one clear error."""
    from claims.importers import MAX_IMPORT_BYTES

    limit = f"the limit is {MAX_IMPORT_BYTES // (1024 * 1024)} MB per import file"
    # A FIFO would block and /dev/zero never ends: only regular files are read, and no further than the limit.
    if not path.is_file():
        reason = "no such file" if not path.exists() else "not a regular file"
        raise DocumentError(f"{path}: {reason}")
    size = path.stat().st_size
    if size > MAX_IMPORT_BYTES:
        raise DocumentError(f"{path}: too large ({size // (1024 * 1024)} MB; {limit})")
    with path.open("rb") as handle:
        data = handle.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise DocumentError(
            f"{path}: too large (more than {MAX_IMPORT_BYTES // (1024 * 1024)} MB; {limit})"
        )
    return data


def parse_date(value: str, where: str = "date") -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DocumentError(f"{where}: {value!r} is not a date (use YYYY-MM-DD)") from None


def _first_line_title(text: str) -> str | None:
    first = text.strip().split("\n", 1)[0].strip().lstrip("#").strip()
    if 0 < len(first) <= 120 and not first.endswith((".", ",", ";")):
        return first
    return None
