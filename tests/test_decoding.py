"""One decoder for documents and imports: each caller words its own warnings and refusals."""

from __future__ import annotations

import codecs

import pytest

from claims.decoding import NotText, Undecodable, decode_bytes
from claims.documents import DocumentError, read_document
from claims.importers import ImportFailed, parse_import

CSV = "claim,speaker\nThe ferry to Västerholm runs twice a day,Ilse Mårken\n"


@pytest.mark.parametrize(
    ("data", "guess"),
    [
        (codecs.BOM_UTF32_LE + "Café".encode("utf-32-le"), None),
        (codecs.BOM_UTF16_BE + "Café".encode("utf-16-be"), None),
        ("Café".encode(), None),
        ("Café crème \x92".encode().replace(b"\xc2\x92", b"\x92"), "replaced"),
        ("Café".encode("cp1252"), "windows-1252"),
    ],
    ids=["UTF-32 BOM", "UTF-16 BE BOM", "UTF-8", "UTF-8 with a stray byte", "Windows-1252"],
)
def test_what_was_guessed_is_returned(data, guess):
    decoded = decode_bytes(data)
    assert decoded.guess == guess and decoded.text.startswith("Caf")


def test_refusals_say_what_the_bytes_are():
    with pytest.raises(NotText, match="a PDF document"):
        decode_bytes(b"%PDF-1.7\n...")
    with pytest.raises(Undecodable, match="UTF-16"):
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8A\x00")


def test_a_document_in_utf32_is_read():
    document = read_document(
        codecs.BOM_UTF32_LE + "Ilse Marken said the ferry runs.".encode("utf-32-le"), "a.txt"
    )
    assert document.text.startswith("Ilse Marken said") and document.warnings == []


def test_a_document_refusal_names_the_file_and_what_add_reads():
    with pytest.raises(DocumentError, match=r"^a\.txt: a PDF document, not text; add reads only"):
        read_document(b"%PDF-1.7\n...", "a.txt")


def test_an_import_refuses_a_pdf_in_one_problem():
    with pytest.raises(ImportFailed) as failure:
        parse_import(b"%PDF-1.7\n...", "claims.csv")
    assert failure.value.problems == [(None, "a PDF document, not text")]


def test_an_import_with_a_stray_byte_keeps_its_accents():
    data = CSV.encode().replace(b"Ilse", b"\x92Ilse")
    batch = parse_import(data, "claims.csv")
    assert batch.claims[0].text == "The ferry to Västerholm runs twice a day"
    offset = data.index(b"\x92")
    assert batch.warnings == [
        f"the file has 1 invalid UTF-8 byte sequence(s), the first byte 0x92 at offset {offset}, "
        "replaced by U+FFFD"
    ]
