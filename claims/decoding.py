"""File bytes to text, one decoder for documents (`add`) and for files of claims (`import`).

A byte-order mark decides (UTF-32, UTF-8, UTF-16); else formats that are not text are refused
by their signature or by their control bytes; else UTF-8; else, for text that is mostly
UTF-8 with a stray byte, UTF-8 with the bad bytes replaced; else Windows-1252. What was
guessed is returned, not said: each caller words its own warnings and refusals.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Literal

# UTF-32 first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
# Signatures of document formats that are not text; each is refused by name.
_FORMAT_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"{\\rtf", "an RTF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .odt or .epub document is one)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office document"),
    (b"%!PS", "a PostScript document"),
)
_SNIFFED_BYTES = 8192
"""How much of the start of a file the binary checks read."""
_UTF8_SEQUENCE_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


class NotText(ValueError):
    """The bytes are another format or binary; the message says what they look like ('a PDF document')."""


class Undecodable(ValueError):
    """The bytes are text in no encoding read here; the message says why, without the file's name."""


@dataclass(frozen=True)
class Decoded:
    text: str
    guess: Literal["replaced", "windows-1252"] | None = None
    """None when the text declared or validated its encoding; else how it was read."""
    first_bad: int = 0
    """Offset of the first byte that is not UTF-8, when `guess` is set."""
    replaced: int = 0
    """How many invalid UTF-8 sequences became U+FFFD (guess 'replaced')."""

    def first_bad_byte(self, data: bytes) -> str:
        """'byte 0x92 at offset 17': the first byte that is not UTF-8, for a warning."""
        return f"byte 0x{data[self.first_bad]:02x} at offset {self.first_bad}"


def decode_bytes(data: bytes) -> Decoded:
    """Decode by byte-order mark, else UTF-8, else mostly-UTF-8 with replacements, else Windows-1252.

    Raises NotText for a known non-text format or binary bytes, Undecodable for text that
    fits its byte-order mark or every encoding tried.
    """
    for mark, encoding, label in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return Decoded(data[len(mark) :].decode(encoding))
            except UnicodeDecodeError:
                raise Undecodable(f"invalid {label} text after its byte-order mark") from None
    for signature, what in _FORMAT_SIGNATURES:
        if data.lstrip()[: len(signature)] == signature:
            raise NotText(what)
    if b"\x00" in data[:_SNIFFED_BYTES]:
        raise NotText("looks like a binary file (contains NUL bytes)")
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as failure:
        first_bad = failure.start
    if _looks_binary(data):
        raise NotText("looks like a binary file")
    replaced = data.decode("utf-8", errors="replace")
    invalid = replaced.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    if _utf8_sequences(data) > invalid:
        # Mostly UTF-8 with a stray byte: reading all of it as Windows-1252 would garble every accent.
        return Decoded(replaced, "replaced", first_bad, invalid)
    try:
        return Decoded(data.decode("cp1252"), "windows-1252", first_bad)
    except UnicodeDecodeError:
        raise Undecodable(
            "cannot decode the text (not UTF-8, UTF-16 or UTF-32 with a byte-order mark, "
            "or Windows-1252)"
        ) from None


def _utf8_sequences(data: bytes) -> int:
    """How many well-formed multi-byte UTF-8 sequences `data` holds (Windows-1252 text rarely has any)."""
    return len(_UTF8_SEQUENCE_RE.findall(data))


def _looks_binary(data: bytes) -> bool:
    sample = data[:_SNIFFED_BYTES]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 100)
