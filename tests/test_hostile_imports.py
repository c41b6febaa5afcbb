"""Hostile imports and inputs of unbounded size: each case refused in one line or stored whole.

Every test's docstring names the case it covers. The store-level cases run on SQLite and,
with COUNTERCLAIM_TEST_PG_URL set (scripts/test-postgres), on PostgreSQL.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import multiprocessing.pool
import os
import random
import tracemalloc
from pathlib import Path

import pytest
from conftest import make_claim
from hostile_helpers import assert_refused, digest, invoke, write

from claims.models import Claim, SourceMeta
from store.api import ClaimFilter, open_store
from store.batch import AddResult
from store.candidates import candidates_for_claims
from store.conflict_refresh import refresh_conflicts

FIRST = [
    "Alda",
    "Borin",
    "Cass",
    "Delma",
    "Evart",
    "Fenna",
    "Gorm",
    "Hilde",
    "Ivo",
    "Jorun",
    "Kell",
    "Lissa",
]
FAMILY = [
    "Quillon",
    "Rasmark",
    "Sorvell",
    "Tandry",
    "Ulfsen",
    "Varrow",
    "Wexley",
    "Yardley",
    "Zorin",
    "Ambler",
    "Brisco",
    "Corwin",
]
# 144 fictional people, more than the ~110 distinct speakers one lookup could hold before.
PEOPLE = [f"{first} {family}" for first in FIRST for family in FAMILY]


def _statement(index: int) -> str:
    # Words of its own in every statement, so the claims are unrelated and the test stays quick.
    return f"Kelv{index}a dorp{index}i will trune{index}k"


def _many_speakers_document(count: int) -> tuple[str, list]:
    lines = [f'"{_statement(index)}," said {name}.' for index, name in enumerate(PEOPLE[:count])]
    document = "\n\n".join(lines)
    return document, [
        make_claim(_statement(index), document, name) for index, name in enumerate(PEOPLE[:count])
    ]


def _store_document(store, document: str, extracted) -> AddResult:
    sha = hashlib.sha256(document.encode()).hexdigest()
    return store.add_extracted(document, sha, SourceMeta(title="Ferry fares"), extracted, "tester")


class TestManySpeakers:
    """More distinct speakers than one SQL expression can hold are looked up in bounded chunks."""

    def test_document_with_140_speakers_is_stored(self, store):
        """Case: one document quoting 140 distinct speakers ("Expression tree is too large" on SQLite)."""
        document, extracted = _many_speakers_document(140)
        result = _store_document(store, document, extracted)
        assert len(result.claim_ids) == 140
        assert {speaker.name for speaker in store.list_speakers()} == set(PEOPLE[:140])

    def test_second_document_with_140_speakers_finds_them(self, store):
        """Case: 140 speakers already stored are found again by a second document (the chunked lookup)."""
        document, extracted = _many_speakers_document(140)
        _store_document(store, document, extracted)
        again = document.replace("will", "shall")
        extracted_again = [
            make_claim(claim.text.replace("will", "shall"), again, claim.speaker)
            for claim in extracted
        ]
        _store_document(store, again, extracted_again)
        assert len(store.list_speakers()) == 140

    def test_speaker_name_of_four_hundred_words(self, store):
        """Case: one speaker name of 400 distinct words (each word adds conditions to the lookup)."""
        _store_document(store, *_many_speakers_document(3))
        name = " ".join(f"Word{index}x" for index in range(400))
        document = f'"The ferry fare will fall," said {name}.'
        result = _store_document(
            store, document, [make_claim("The ferry fare will fall,", document, name)]
        )
        assert len(result.claim_ids) == 1

    def test_csv_of_140_speakers_imports(self, tmp_path):
        """Case: `import` of a CSV whose 140 rows name 140 distinct speakers."""
        rows = ["claim,speaker"] + [
            f"{_statement(index)},{name}" for index, name in enumerate(PEOPLE[:140])
        ]
        db = tmp_path / "case.db"
        result = invoke(db, "import", str(write(tmp_path, "speakers.csv", "\n".join(rows) + "\n")))
        assert result.exit_code == 0, result.output
        assert "claims=140" in result.stdout
        assert invoke(db, "speakers").stdout.splitlines()[-1] == "140 speakers"

    def test_add_of_a_document_with_140_speakers(self, tmp_path):
        """Case: `add` of a text quoting 140 distinct speakers, through extraction."""
        document, _ = _many_speakers_document(140)
        db = tmp_path / "case.db"
        result = invoke(
            db, "add", str(write(tmp_path, "fares.txt", "Ferry fares\n\n" + document + "\n"))
        )
        assert result.exit_code == 0, result.output
        assert "140 claims" in result.stdout


@pytest.fixture
def stock_sqlite_limits():
    """SQLite connections opened during the test bind at most 32,766 parameters a statement, as stock
    SQLite builds do (Debian's allows 250,000; PostgreSQL's protocol allows 65,535)."""
    import sqlite3

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    def limit(dbapi_connection, _record):
        if isinstance(dbapi_connection, sqlite3.Connection):
            dbapi_connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 32_766)

    event.listen(Engine, "connect", limit)
    yield
    event.remove(Engine, "connect", limit)


@pytest.mark.usefixtures("stock_sqlite_limits")
class TestUnboundedIdLists:
    """Lists of ids of any length are queried in bounded pieces (stock SQLite allows 32,766 parameters)."""

    MANY = 40_000

    def test_refresh_conflicts_over_forty_thousand_ids(self, store, port_story):
        """Case: conflicts refreshed for 40,000 claim ids, as an import of a 40,000-row file does."""
        with store._write() as connection:
            kept = refresh_conflicts(
                connection, [*port_story.claim_ids, *range(10_000, 10_000 + self.MANY)]
            )
        assert len(kept) == len(store.conflicts())

    def test_listing_filtered_by_forty_thousand_ids(self, store, port_story):
        """Case: a claim listing narrowed to 40,000 ids (the desk's thread scope)."""
        ids = (port_story.claim_ids[0], *range(10_000, 10_000 + self.MANY))
        found = store.list_claims(ClaimFilter(claim_ids=ids))
        assert [claim.id for claim in found] == [port_story.claim_ids[0]]
        assert store.count_claims(ClaimFilter(claim_ids=ids)) == 1

    def test_candidates_of_a_claim_of_forty_thousand_words(self, store, port_story):
        """Case: a claim of 40,000 distinct words looks up candidates by a bounded set of its keys."""
        words = " ".join(f"w{index}q" for index in range(self.MANY))
        claim = Claim(
            id=10**6,
            source_id=10**6,
            text=f"The port handled 4,000 containers last week {words}",
            quote="x",
            start=0,
            end=1,
            kind="narrative",
        )
        with store._read() as connection:
            found = candidates_for_claims(connection, [claim], set())
        assert port_story.claim_ids[0] in [candidate.id for candidate in found[claim.id]]


SECOND_STORY = (
    'Ferry captain Ola Berg said, "The crossing takes forty minutes." '
    "Harbour master Mira Olsen said the crossing takes an hour."
)


@pytest.fixture
def exported(tmp_path, add_story) -> dict:
    """Our own JSON export of two fictional sources (three claims, then two)."""
    from conftest import PORT_CLAIMS, PORT_STORY

    db = tmp_path / "origin.db"
    with open_store(str(db)) as store:
        add_story(store, PORT_STORY, PORT_CLAIMS, title="Port figures")
        add_story(
            store,
            SECOND_STORY,
            [
                ("The crossing takes forty minutes.", "Ola Berg"),
                ("the crossing takes an hour", "Mira Olsen"),
            ],
            title="Crossing",
        )
    result = invoke(db, "export", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def target(tmp_path, add_story) -> Path:
    """A casefile holding one unrelated story, to import into."""
    db = tmp_path / "target.db"
    with open_store(str(db)) as store:
        add_story(
            store,
            'Kari Dahl said, "The bakery opens at six."',
            [("The bakery opens at six.", "Kari Dahl")],
        )
    return db


def _first_claim(export: dict, **changes) -> dict:
    export["claims"][0].update(changes)
    return export


def _second_source_takes_first_id(export: dict) -> dict:
    first, second = export["sources"]
    for claim in export["claims"]:
        if claim["source_id"] == second["id"]:
            claim["source_id"] = first["id"]
    second["id"] = first["id"]
    return export


def _mention_moved(export: dict) -> dict:
    claim = export["claims"][0]
    claim["speaker_mention"] = {
        **claim["speaker_mention"],
        "start": claim["speaker_mention"]["start"] + 1,
        "end": claim["speaker_mention"]["end"] + 1,
    }
    return export


def _infinite_quantity(export: dict) -> str:
    export["claims"][0]["quantities"] = [{"value": 4321.5, "text": "4,000"}]
    return json.dumps(export).replace("4321.5", "1e400", 1)


LYING_EXPORTS = {
    "negative start": (lambda e: _first_claim(e, start=-5), "claim 1: quote offsets -5-"),
    "end beyond the text": (lambda e: _first_claim(e, end=10**6), "outside its source's text"),
    "start after end": (
        lambda e: _first_claim(e, start=e["claims"][0]["end"], end=e["claims"][0]["start"]),
        "outside its source's text",
    ),
    "quote not at its offsets": (
        lambda e: _first_claim(e, quote="The port handled 9,000 containers last week."),
        "claim 1: quote is not at its offsets",
    ),
    "two sources with one id": (
        _second_source_takes_first_id,
        "source id 1 appears more than once",
    ),
    "two claims with one id": (
        lambda e: _first_claim(e, id=e["claims"][1]["id"]),
        "claim id 2 appears more than once",
    ),
    "speaker mention not at its offsets": (
        _mention_moved,
        "claim 1: speaker mention is not at its offsets",
    ),
    "version beyond 64 bits": (
        lambda e: _first_claim(e, version=2**64),
        "version 18446744073709551616",
    ),
    "quantity beyond any float": (
        _infinite_quantity,
        "claim 1: quantity '4,000' is not a finite number",
    ),
}


@pytest.mark.parametrize("case", list(LYING_EXPORTS), ids=list(LYING_EXPORTS))
def test_lying_export_is_refused_whole(case, exported, target, tmp_path):
    """Case: an export whose claims do not hold against their sources (named by the parameter) is refused."""
    tamper, fragment = LYING_EXPORTS[case]
    tampered = tamper(exported)
    path = write(
        tmp_path, "lies.json", tampered if isinstance(tampered, str) else json.dumps(tampered)
    )
    before = digest(target)
    assert_refused(invoke(target, "import", str(path)), 1, "lies.json", fragment, "--skip-bad")
    assert digest(target) == before


@pytest.mark.parametrize("case", list(LYING_EXPORTS), ids=list(LYING_EXPORTS))
def test_lying_export_with_skip_bad_imports_the_rest(case, exported, target, tmp_path):
    """Case: the same lying exports with --skip-bad: the bad parts are skipped and named, every stored claim holds."""
    tamper, fragment = LYING_EXPORTS[case]
    tampered = tamper(exported)
    path = write(
        tmp_path, "lies.json", tampered if isinstance(tampered, str) else json.dumps(tampered)
    )
    result = invoke(target, "import", "--skip-bad", "--json", str(path))
    assert result.exit_code == 0, result.output
    assert any(
        line.startswith("warning: skipped") and fragment in line
        for line in result.stderr.splitlines()
    )
    assert 0 < json.loads(result.stdout)["claims"] < 5
    stored = json.loads(invoke(target, "export", "--format", "json").stdout)
    texts = {source["id"]: source["text"] for source in stored["sources"]}
    for claim in stored["claims"]:
        assert texts[claim["source_id"]][claim["start"] : claim["end"]] == claim["quote"]
        mention = claim["speaker_mention"]
        assert (
            mention is None
            or texts[claim["source_id"]][mention["start"] : mention["end"]] == mention["text"]
        )


def test_export_with_ids_beyond_64_bits_is_renumbered(exported, target, tmp_path):
    """Case: an export whose source, speaker and claim ids exceed 64 bits imports under new ids."""
    shift = 2**70
    for source in exported["sources"]:
        source["id"] += shift
    for speaker in exported["speakers"]:
        speaker["id"] += shift
    for claim in exported["claims"]:
        claim["id"] += shift
        claim["source_id"] += shift
        claim["speaker_id"] = (
            claim["speaker_id"] + shift if claim["speaker_id"] is not None else None
        )
    for item in exported["links"] + exported["conflicts"]:
        item["claim_ids"] = [claim_id + shift for claim_id in item["claim_ids"]]
    for conflict in exported["conflicts"]:
        conflict["id"] += shift
    result = invoke(
        target, "import", "--json", str(write(tmp_path, "big.json", json.dumps(exported)))
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["claims"] == 5


BEYOND = str(2**64 + 5)
NUMBERS_BEYOND_64_BITS = {
    "show": (["show", BEYOND], "CLAIM_ID"),
    "review": (["review", BEYOND, "--status", "confirmed"], "CLAIM_ID"),
    "review --if-version": (
        ["review", "1", "--status", "confirmed", "--if-version", BEYOND],
        "--if-version",
    ),
    "link": (["link", "1", BEYOND, "--accept"], "CLAIM_B"),
    "claims --limit": (["claims", "--limit", BEYOND], "--limit"),
    "speakers merge": (["speakers", "merge", "1", BEYOND], "OTHER"),
    "speakers unmerge": (["speakers", "unmerge", BEYOND], "OTHER"),
    "log --claim": (["log", "--claim", "-" + BEYOND], "--claim"),
    "log --limit": (["log", "--limit", BEYOND], "--limit"),
}


@pytest.mark.parametrize("case", list(NUMBERS_BEYOND_64_BITS), ids=list(NUMBERS_BEYOND_64_BITS))
def test_number_beyond_64_bits_is_one_line(case, port_casefile):
    """Case: an id or number beyond 64 bits on the command line (named by the parameter) is one error line."""
    args, label = NUMBERS_BEYOND_64_BITS[case]
    before = digest(port_casefile)
    assert_refused(invoke(port_casefile, *args), 1, f"{label} ", f"{BEYOND} is out of range")
    assert digest(port_casefile) == before


@pytest.mark.parametrize("command", ["claims", "export"])
def test_source_filter_beyond_64_bits_finds_nothing(command, port_casefile):
    """Case: `claims --source` / `export --source` with a number beyond 64 bits names no source."""
    result = invoke(
        port_casefile,
        command,
        "--source",
        BEYOND,
        *(["--format", "csv"] if command == "export" else []),
    )
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert "Port figures" not in result.stdout


CSV_TEXT = "claim,speaker\nThe tunnel under the fjörd opens in June,Hanna Lund\n"


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + CSV_TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + CSV_TEXT.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + CSV_TEXT.encode("utf-32-le"),
        codecs.BOM_UTF8 + CSV_TEXT.encode("utf-8"),
    ],
    ids=["UTF-16 LE with BOM", "UTF-16 BE with BOM", "UTF-32 LE with BOM", "UTF-8 with BOM"],
)
def test_csv_with_byte_order_mark_imports(data, tmp_path):
    """Case: a CSV saved as UTF-16 / UTF-32 / UTF-8 with a byte-order mark (was "no claim text column")."""
    db = tmp_path / "case.db"
    result = invoke(db, "import", "--json", str(write(tmp_path, "sheet.csv", data)))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    (claim,) = json.loads(invoke(db, "claims", "--json").stdout)
    assert (
        claim["text"] == "The tunnel under the fjörd opens in June"
        and claim["speaker"] == "Hanna Lund"
    )


def test_windows_1252_csv_says_how_it_was_read(tmp_path):
    """Case: a CSV in Windows-1252 imports with a warning that it was not UTF-8."""
    result = invoke(
        tmp_path / "case.db", "import", str(write(tmp_path, "sheet.csv", CSV_TEXT.encode("cp1252")))
    )
    assert result.exit_code == 0, result.output
    assert "warning: the file is not UTF-8; it was read as Windows-1252" in result.stderr


def test_broken_utf16_csv_is_one_line(port_casefile, tmp_path):
    """Case: bytes after a UTF-16 byte-order mark that are not UTF-16 (an odd byte, a lone surrogate)."""
    before = digest(port_casefile)
    path = write(tmp_path, "broken.csv", codecs.BOM_UTF16_LE + b"c\x00l\x00\x00\xd8x")
    assert_refused(invoke(port_casefile, "import", str(path)), 1, "broken.csv", "invalid UTF-16")
    assert digest(port_casefile) == before


@pytest.mark.parametrize("special", ["/dev/zero", "fifo", "folder"])
def test_import_of_a_special_file_is_refused_at_once(special, port_casefile, tmp_path):
    """Case: `import /dev/zero` (read until memory ran out), of a FIFO (hung), of a folder."""
    if special == "fifo":
        path = tmp_path / "pipe.csv"
        os.mkfifo(path)
    elif special == "folder":
        path = tmp_path / "sheets"
        path.mkdir()
    else:
        path = Path(special)
    before = digest(port_casefile)
    assert_refused(invoke(port_casefile, "import", str(path)), 1, str(path), "not a regular file")
    assert digest(port_casefile) == before


def test_import_larger_than_the_limit_is_refused_unread(port_casefile, tmp_path):
    """Case: an import file over the size limit is refused before it is read (a sparse file, so the test is cheap)."""
    from claims.importers import MAX_IMPORT_BYTES

    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.write(b"claim\n")
        handle.truncate(MAX_IMPORT_BYTES + 1)
    before = digest(port_casefile)
    tracemalloc.start()
    try:
        result = invoke(port_casefile, "import", str(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert_refused(
        result, 1, "huge.csv", "too large", f"the limit is {MAX_IMPORT_BYTES // (1024 * 1024)} MB"
    )
    assert peak < 20 * 1024 * 1024
    assert digest(port_casefile) == before


def test_export_of_empty_claims_is_refused_cheaply(port_casefile, tmp_path):
    """Case: our export format holding 300,000 claims that are `{}` (a million took 58 s and 8.7 GB) is refused cheaply."""
    body = ",".join(["{}"] * 300_000)
    path = write(
        tmp_path,
        "empty.json",
        f'{{"format": "counterclaim-export", "version": 1, "claims": [{body}]}}',
    )
    before = digest(port_casefile)
    tracemalloc.start()
    try:
        result = invoke(port_casefile, "import", str(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert_refused(
        result, 1, "empty.json: 300000 problems", "claims.0.id: Field required", "(and 299997 more)"
    )
    assert peak < 150 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"
    assert digest(port_casefile) == before


def _made_up_word(index: int) -> str:
    letters = random.Random(index)
    return "".join(letters.choice("bcdfghjklmnprstvz") + letters.choice("aeiou") for _ in range(3))


def _repeated_document_claims(distinct: int, copies: int) -> tuple[list[Claim], set[int]]:
    """`distinct` statements, each printed `copies` times in one source; every copy after the first is settled."""
    claims: list[Claim] = []
    settled: set[int] = set()
    for repeat in range(copies):
        for index in range(distinct):
            words = [_made_up_word(index * 5 + offset) for offset in range(5)]
            text = f"The {words[0]} {words[1]} will {words[2]} the {words[3]} in {words[4]}"
            claim_id = len(claims) + 1
            start = claim_id * 100
            claims.append(
                Claim(
                    id=claim_id,
                    source_id=1,
                    text=text,
                    quote=text,
                    start=start,
                    end=start + len(text),
                    kind="direct",
                    speaker=PEOPLE[index % len(PEOPLE)],
                )
            )
            if repeat:
                settled.add(claim_id)
    return claims, settled


def test_linking_a_document_of_repeated_sentences_grows_linearly(monkeypatch):
    """Case: a document of repeated sentences (24 MB ran past 580 s): each copy is no longer tried against every claim."""
    from claims.matching import linking

    claims, settled = _repeated_document_claims(distinct=150, copies=4)
    tried = 0
    real_may_link = linking.may_link

    def counting_may_link(*args, **kwargs):
        nonlocal tried
        tried += 1
        return real_may_link(*args, **kwargs)

    monkeypatch.setattr(linking, "may_link", counting_may_link)
    bulk = linking.link_claims(claims, lambda claim: (), settled=settled)
    assert tried < 10 * len(claims), f"{tried} pairs tried for {len(claims)} claims"
    # The same links as comparing every pair, which the small-batch path does.
    monkeypatch.setattr(linking, "SMALL_BATCH", len(claims))
    assert linking.link_claims(claims, lambda claim: (), settled=settled) == bulk
    assert bulk  # the copies link to their first printing in the same source


def test_folder_with_a_many_speaker_file_finishes_on_rerun(tmp_path, monkeypatch):
    """Case: a folder `add` stopped by a database error finishes when rerun (a 140-speaker file once stopped every rerun)."""
    from store.batch import IngestBatch
    from store.errors import StoreError

    folder = tmp_path / "inbox"
    folder.mkdir()
    document, _ = _many_speakers_document(140)
    write(folder, "a.txt", 'Ferry captain Ola Berg said, "The crossing takes forty minutes."\n')
    write(folder, "b.txt", "Speakers\n\n" + document + "\n")
    write(
        folder,
        "c.txt",
        'Harbour master Mira Olsen said, "The port handled 4,000 containers last week."\n',
    )
    db = tmp_path / "case.db"
    real_add = IngestBatch.add

    def failing_add(self, text, *args, **kwargs):
        if "port handled" in text:
            raise StoreError("database error (simulated): disk I/O error")
        return real_add(self, text, *args, **kwargs)

    monkeypatch.setattr(IngestBatch, "add", failing_add)
    assert_refused(invoke(db, "add", str(folder)), 2, "disk I/O error")
    monkeypatch.setattr(IngestBatch, "add", real_add)
    finished = invoke(db, "add", "--json", str(folder))
    assert finished.exit_code == 0, finished.output
    assert len(json.loads(invoke(db, "export", "--format", "json").stdout)["sources"]) == 3
    again = invoke(db, "add", str(folder))
    assert again.exit_code == 0, again.output
    assert [line.split(":")[0] for line in again.stdout.splitlines()] == [
        f"unchanged {folder / name}" for name in ("a.txt", "b.txt", "c.txt")
    ]


def test_stances_restated_for_forty_thousand_checks(stock_sqlite_limits, store, port_story):
    """Case: a source's stances recomputed for 40,000 checks (an imported export's checks) in bounded queries."""
    from store.checks import judge_sources

    with store._write() as connection:
        judge_sources(
            connection,
            [(number, "Zebras glide over the moon") for number in range(1, 40_001)],
            [port_story.source_id],
        )


def _page_of_reviews(statements: list[tuple[str, str]]) -> str:
    """An HTML page of one ClaimReview script per (claim, speaker)."""
    scripts = []
    for text, speaker in statements:
        review = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": text,
            "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": speaker}},
            "reviewRating": {"@type": "Rating", "alternateName": "False"},
            "author": {"@type": "Organization", "name": "Fjord Checks"},
        }
        scripts.append(f'<script type="application/ld+json">{json.dumps(review)}</script>')
    return f"<html><body>{''.join(scripts)}</body></html>"


def _made_up_person(index: int) -> str:
    return f"{_made_up_word(10**6 + index).capitalize()} {_made_up_word(2 * 10**6 + index).capitalize()}"


BRIDGE = "The harbour bridge will close for repairs for six months next year."
BRIDGE_DENIED = "The harbour bridge will not close for repairs for six months next year."


def test_claimreview_page_of_one_claim_by_many_speakers_links_as_a_star(tmp_path):
    """Case: a ClaimReview page where N speakers make one claim (1,000 gave 499,500 `agrees` links): a star of N - 1."""
    speakers = [_made_up_person(index) for index in range(251)]
    page = _page_of_reviews(
        [(BRIDGE, speaker) for speaker in speakers[:250]] + [(BRIDGE_DENIED, speakers[250])]
    )
    db = tmp_path / "case.db"
    result = invoke(db, "import", "--json", str(write(tmp_path, "reviews.html", page)))
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)
    # Each of the 250 agrees with the first (249 links) and conflicts with the denial (250 links).
    assert counts["claims"] == 251 and counts["links"] == 249 + 250, counts
    assert counts["conflicts"] == 250, counts
    disputes = json.loads(invoke(db, "conflicts", "--json").stdout)
    assert len(disputes) == 1, disputes
    sides = {side["stance"]: side for side in disputes[0]["sides"]}
    # Still read as 250 speakers saying the same against one denying it.
    assert len(sides["asserts"]["speakers"]) == 250 and len(sides["denies"]["speakers"]) == 1
    threads = json.loads(invoke(db, "threads", "--json").stdout)
    assert [len(thread["claim_ids"]) for thread in threads] == [251]


def _one_claim_by_many(count: int) -> list[Claim]:
    """`count` speakers of one source in the same words, and one denying them, after them."""
    claims = []
    for index in range(count + 1):
        text = BRIDGE if index < count else BRIDGE_DENIED
        claims.append(
            Claim(
                id=index + 1,
                source_id=1,
                text=text,
                quote=text,
                start=index * 100,
                end=index * 100 + len(text),
                kind="direct",
                speaker=_made_up_person(index),
            )
        )
    return claims


@pytest.mark.parametrize("count", [150, 600])
def test_linking_one_claim_by_many_speakers_grows_linearly(count, monkeypatch):
    """Case: N speakers in one source in the same words are linked as a star, through the small-batch and the bulk path alike."""
    from claims.matching import linking

    claims = _one_claim_by_many(count)
    scored = 0
    real_compare = linking.compare

    def counting_compare(*args, **kwargs):
        nonlocal scored
        scored += 1
        return real_compare(*args, **kwargs)

    monkeypatch.setattr(linking, "compare", counting_compare)
    links = linking.link_claims(claims, lambda claim: ())
    assert scored < 3 * len(claims), f"{scored} pairs scored for {len(claims)} claims"
    denial = claims[-1].id
    star = [link for link in links if denial not in link.claim_ids]
    assert [link.claim_ids for link in star] == [(1, other) for other in range(2, count + 1)]
    assert {link.relation for link in star} == {"agrees"}
    against = [link for link in links if denial in link.claim_ids]
    assert [link.claim_ids[0] for link in against] == list(range(1, count + 1))
    assert {link.relation for link in against} == {"conflicts"}
    # The bulk join and comparing every pair find the same links.
    monkeypatch.setattr(linking, "SMALL_BATCH", 10 if count <= 200 else len(claims))
    assert linking.link_claims(claims, lambda claim: ()) == links


def _one_source_rows(count: int, offset: int = 0) -> list[Claim]:
    claims = []
    for index in range(offset, offset + count):
        words = [_made_up_word(index * 5 + part) for part in range(5)]
        text = f"The {words[0]} {words[1]} will {words[2]} the {words[3]} by {index + 3} percent in {words[4]}"
        claims.append(
            Claim(
                id=index + 1,
                source_id=1,
                text=text,
                quote=text,
                start=index * 100,
                end=index * 100 + len(text),
                kind="indirect",
                speaker=PEOPLE[index % len(PEOPLE)],
            )
        )
    return claims


def test_forked_linking_ships_no_features_computed_already(monkeypatch):
    """Case: a one-source CSV past the forked-linking threshold (32,000 rows took 3.5 times 16,000):
    workers recomputed every claim's features, computed already for its blocking keys, and
    pickled them back (seconds of unpickling), before linking could start."""
    from claims.matching import bulk, features
    from claims.matching.linking import link_claims

    claims = _one_source_rows(360)
    alone = link_claims(claims, lambda claim: ())
    monkeypatch.setattr(bulk, "PARALLEL_MIN_BATCH", 300)
    shipped: list[tuple] = []
    real_map = multiprocessing.pool.Pool.map

    def counting_map(self, function, chunks, *args, **kwargs):
        shipped.extend(item for chunk in chunks for item in chunk)
        return real_map(self, function, chunks, *args, **kwargs)

    monkeypatch.setattr(multiprocessing.pool.Pool, "map", counting_map)
    # Storing a document computes every claim's features for its blocking keys before linking.
    for claim in claims:
        features(claim)
    assert link_claims(claims, lambda claim: ()) == alone
    assert shipped == []
    # Features not computed yet are still computed by the workers.
    link_claims(_one_source_rows(360, offset=1000), lambda claim: ())
    assert len(shipped) == 360


def test_claim_features_cross_a_pipe_unchanged():
    """Features pickled for a worker's pipe come back equal (they travel as plain field values)."""
    import pickle

    from claims.matching import features

    for claim in _one_source_rows(20):
        found = features(claim)
        assert pickle.loads(pickle.dumps(found)) == found


def test_reviewers_setting_apart_two_speakers_of_one_claim_is_a_conflict(tmp_path):
    """Speakers of one claim linked as a star still conflict when a reviewer confirms one and disputes another."""
    speakers = [_made_up_person(index) for index in range(4)]
    db = tmp_path / "case.db"
    page = write(tmp_path, "reviews.html", _page_of_reviews([(BRIDGE, name) for name in speakers]))
    assert invoke(db, "import", str(page)).exit_code == 0
    assert invoke(db, "review", "2", "--status", "confirmed").exit_code == 0
    assert invoke(db, "review", "3", "--status", "disputed").exit_code == 0
    conflicts = json.loads(invoke(db, "conflicts", "--pairs", "--json").stdout)
    assert [(c["kind"], sorted(c["claim_ids"])) for c in conflicts] == [("status", [2, 3])]
    # Another status for one of them ends the conflict.
    assert invoke(db, "review", "3", "--status", "unreviewed").exit_code == 0
    assert json.loads(invoke(db, "conflicts", "--pairs", "--json").stdout) == []
