"""Reading documents: bytes in, normalised text and metadata out, or one clear error."""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from claims.models import SourceMeta
from claims.text import normalise_text

MAX_DOCUMENT_BYTES = 25 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
READ_FORMATS = "plain text (.txt, .text), Markdown (.md, .markdown) and HTML (.html, .htm, .xhtml)"
"""What `read_document` reads, as said in every refusal."""
IMPORT_SUFFIXES = (".csv", ".tsv", ".json", ".jsonl", ".ndjson")
# Signatures of document formats that are not text; each is refused by name.
_FORMAT_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"{\\rtf", "an RTF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .odt or .epub document is one)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office document"),
    (b"%!PS", "a PostScript document"),
)
# What a saved or scraped page leaves in plain text or Markdown that no reader sees: HTML
# comments (ad code such as `<!-- google_ad_client = ... -->`), script and style elements.
_HIDDEN_START_RE = re.compile(r"<!--|<(script|style)\b", re.IGNORECASE)
_HIDDEN_END_RES = {
    None: re.compile(r"-->"),
    "script": re.compile(r"</script\s*>", re.IGNORECASE),
    "style": re.compile(r"</style\s*>", re.IGNORECASE),
}


class DocumentError(ValueError):
    """A document cannot be read; the message is one line a user understands."""


@dataclass
class Document:
    text: str
    sha256: str
    meta: SourceMeta = field(default_factory=SourceMeta)
    warnings: list[str] = field(default_factory=list)
    """What a reader should know about how the document was read (its encoding was guessed, say)."""


def not_read(name: str, what: str) -> DocumentError:
    """The refusal of a document that is not text: what it is, and what is read."""
    return DocumentError(f"{name}: {what}, not text; add reads only {READ_FORMATS}")


def unsupported_suffix(name: str, suffix: str) -> DocumentError:
    """The refusal of a file named with a suffix that is not read, saying what is."""
    hint = (
        f" (claims in a {suffix} file go through `counterclaim import`)"
        if suffix in IMPORT_SUFFIXES
        else ""
    )
    return DocumentError(
        f"{name}: {suffix} files are not read; add reads only {READ_FORMATS}{hint}"
    )


def decode_bytes(data: bytes, name: str = "input", warnings: list[str] | None = None) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252; refuse binary.

    A guess is appended to `warnings`: invalid UTF-8 bytes replaced (in text that is
    otherwise UTF-8), or the whole text read as Windows-1252.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8) :], "utf-8", name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", name)
    for signature, what in _FORMAT_SIGNATURES:
        if data.lstrip()[: len(signature)] == signature:
            raise not_read(name, what)
    if b"\x00" in data[:8192]:
        raise not_read(name, "looks like a binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as failure:
        first_bad = failure.start
    if _looks_binary(data):
        raise not_read(name, "looks like a binary file")
    found = [] if warnings is None else warnings
    where = f"byte 0x{data[first_bad]:02x} at offset {first_bad}"
    replaced = data.decode("utf-8", errors="replace")
    invalid = replaced.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    if _utf8_sequences(data) > invalid:
        # Mostly UTF-8 with a stray byte: reading all of it as Windows-1252 would garble every accent.
        found.append(
            f"{name}: {invalid} invalid UTF-8 byte sequence(s), the first {where}, replaced by U+FFFD"
        )
        return replaced
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise DocumentError(
            f"{name}: cannot decode the text (not UTF-8, UTF-16 with BOM or Windows-1252)"
        ) from None
    found.append(f"{name}: not UTF-8 (the first invalid {where}); it was read as Windows-1252")
    return text


_UTF8_SEQUENCE_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _utf8_sequences(data: bytes) -> int:
    """How many well-formed multi-byte UTF-8 sequences `data` holds (Windows-1252 text rarely has any)."""
    return len(_UTF8_SEQUENCE_RE.findall(data))


def strip_hidden(text: str) -> str:
    """Remove HTML comments, scripts and styles from plain text or Markdown, keeping their line breaks.

    An unclosed comment or element runs to the end of its line. One pass: a closing mark
    found missing once is not searched for again.
    """
    kept: list[str] = []
    position = 0
    unclosed: set[str | None] = set()
    while (start := _HIDDEN_START_RE.search(text, position)) is not None:
        element = start.group(1).lower() if start.group(1) else None
        end_match = (
            None if element in unclosed else _HIDDEN_END_RES[element].search(text, start.end())
        )
        if end_match is not None:
            end = end_match.end()
        else:
            unclosed.add(element)
            end = text.find("\n", start.end())
            end = len(text) if end == -1 else end
        kept.append(text[position : start.start()])
        kept.append("\n" * text.count("\n", start.start(), end))
        position = end
    kept.append(text[position:])
    return "".join(kept)


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
    warnings: list[str] = []
    raw = decode_bytes(data, name, warnings)
    if not raw.strip():
        raise DocumentError(f"{name}: the document is empty")
    if html is None:
        html = name.lower().endswith(HTML_SUFFIXES) or _sniff_html(raw)
    meta = SourceMeta()
    if html:
        text, meta = _extract_html(raw, name)
    else:
        text = strip_hidden(raw)
    text = normalise_text(text).strip("\n")
    if not text.strip():
        raise DocumentError(f"{name}: no readable text in the document")
    return Document(text=text, sha256=sha256, meta=meta, warnings=warnings)


def _sniff_html(raw: str) -> bool:
    head = raw.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html"))


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
