"""Reading documents: bytes in, normalised text and metadata out, or one clear error."""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass, field
from datetime import date

from claims.models import SourceMeta
from claims.text import normalise_text

MAX_DOCUMENT_BYTES = 25 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


class DocumentError(ValueError):
    """A document cannot be read; the message is one line a user understands."""


@dataclass
class Document:
    text: str
    sha256: str
    meta: SourceMeta = field(default_factory=SourceMeta)


def decode_bytes(data: bytes, name: str = "input") -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252; refuse binary."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8):], "utf-8", name)
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _decode(data, "utf-16", name)
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{name}: looks like a binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise DocumentError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise DocumentError(
            f"{name}: cannot decode the text (not UTF-8, UTF-16 with BOM or Windows-1252)"
        ) from None


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise DocumentError(f"{name}: invalid {encoding.upper()} text") from None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 100)


def read_document(data: bytes, name: str = "input", *, html: bool | None = None) -> Document:
    """Turn the raw bytes of a .txt, .md or .html file into a Document (HTML via trafilatura)."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            f"{name}: too large ({len(data) // (1024 * 1024)} MB; the limit is "
            f"{MAX_DOCUMENT_BYTES // (1024 * 1024)} MB per document)"
        )
    sha256 = hashlib.sha256(data).hexdigest()
    raw = decode_bytes(data, name)
    if not raw.strip():
        raise DocumentError(f"{name}: the document is empty")
    if html is None:
        html = name.lower().endswith(HTML_SUFFIXES) or _sniff_html(raw)
    meta = SourceMeta()
    if html:
        text, meta = _extract_html(raw, name)
    else:
        text = raw
    text = normalise_text(text).strip("\n")
    if not text.strip():
        raise DocumentError(f"{name}: no readable text in the document")
    return Document(text=text, sha256=sha256, meta=meta)


def _sniff_html(raw: str) -> bool:
    head = raw.lstrip()[:512].lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


def _extract_html(raw: str, name: str) -> tuple[str, SourceMeta]:
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it

    try:
        extracted = trafilatura.bare_extraction(
            raw, include_comments=False, include_tables=False, with_metadata=True
        )
    except (ValueError, RecursionError, TypeError, AttributeError):
        extracted = None
    if extracted is None:
        raise DocumentError(f"{name}: no article text found in the HTML")
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    text = data.get("text") or ""
    meta = SourceMeta(
        title=data.get("title") or None,
        outlet=data.get("sitename") or None,
        url=data.get("url") or None,
        author=data.get("author") or None,
        published=_parse_date(data.get("date")),
    )
    return text, meta


def _parse_date(value: object) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
