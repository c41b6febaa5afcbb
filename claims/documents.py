"""Reading documents: bytes in, normalised text and metadata out, or one clear error."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from claims.decoding import NotText, Undecodable, decode_bytes
from claims.models import SourceMeta
from claims.text import normalise_text

MAX_DOCUMENT_BYTES = 25 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
READ_FORMATS = "plain text (.txt, .text), Markdown (.md, .markdown) and HTML (.html, .htm, .xhtml)"
"""What `read_document` reads, as said in every refusal."""
IMPORT_SUFFIXES = (".csv", ".tsv", ".json", ".jsonl", ".ndjson")
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


def decode_document(data: bytes, name: str, warnings: list[str]) -> str:
    """The document's text (`claims.decoding`), a guess appended to `warnings`; refusals name the file."""
    try:
        decoded = decode_bytes(data)
    except NotText as failure:
        raise not_read(name, str(failure)) from None
    except Undecodable as failure:
        raise DocumentError(f"{name}: {failure}") from None
    if decoded.guess == "replaced":
        warnings.append(
            f"{name}: {decoded.replaced} invalid UTF-8 byte sequence(s), the first "
            f"{decoded.first_bad_byte(data)}, replaced by U+FFFD"
        )
    elif decoded.guess == "windows-1252":
        warnings.append(
            f"{name}: not UTF-8 (the first invalid {decoded.first_bad_byte(data)}); "
            "it was read as Windows-1252"
        )
    return decoded.text


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


def read_document(data: bytes, name: str = "input", *, html: bool | None = None) -> Document:
    """Turn the raw bytes of a .txt, .md or .html file into a Document (HTML via trafilatura)."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            f"{name}: too large ({len(data) // (1024 * 1024)} MB; the limit is "
            f"{MAX_DOCUMENT_BYTES // (1024 * 1024)} MB per document)"
        )
    sha256 = hashlib.sha256(data).hexdigest()
    warnings: list[str] = []
    raw = decode_document(data, name, warnings)
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
