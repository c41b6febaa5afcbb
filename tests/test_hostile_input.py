"""Hostile input: every case gives one clear line (or is handled correctly), no traceback, no damage.

Each refused case checks the exit code, that stderr is exactly one `error:` line, that no
traceback escaped, and that a digest of every table is the same before and after.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import sys
import tracemalloc

import pytest
from hostile_helpers import assert_refused, digest, invoke, write

from store.api import open_store

QUOTE = '"The tunnel under the fjord will open in June," engineer Hanna Lund stated on Friday.\n'


def _fifo(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    return ["add", str(folder / "pipe.txt")]


def _symlink_loop(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    return ["add", str(tmp_path / "a.txt")]


REFUSED = {
    "empty file": (lambda t: ["add", str(write(t, "empty.txt", b""))], 1, "empty"),
    "whitespace-only file": (
        lambda t: ["add", str(write(t, "blank.txt", " \n\t\r\n  "))],
        1,
        "empty",
    ),
    "binary file": (
        lambda t: ["add", str(write(t, "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8))],
        1,
        "binary",
    ),
    "undecodable bytes": (
        lambda t: ["add", str(write(t, "odd.txt", b"Caf\x81\x8d\x8f\x90 bytes"))],
        1,
        "cannot decode",
    ),
    "UTF-16 with broken surrogate": (
        lambda t: ["add", str(write(t, "u16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8A\x00"))],
        1,
        "UTF-16",
    ),
    "deeply nested HTML": (
        lambda t: [
            "add",
            str(
                write(
                    t,
                    "deep.html",
                    "<html><body>" + "<div>" * 20000 + "x" + "</div>" * 20000 + "</body></html>",
                )
            ),
        ],
        1,
        "deep.html",
    ),
    "HTML with only a script": (
        lambda t: [
            "add",
            str(write(t, "script.html", "<html><body><script>alert('x')</script></body></html>")),
        ],
        1,
        "script.html",
    ),
    "missing file": (lambda t: ["add", str(t / "nowhere.txt")], 1, "no such file"),
    "symlink loop": (_symlink_loop, 1, "no such file"),
    "FIFO instead of a file": (_fifo, 1, "not a regular file"),
    "empty standard input": (lambda t: ["add", "-"], 1, "<stdin>"),
    "bad --published date": (
        lambda t: ["add", "--published", "2024-13-45", str(write(t, "ok.txt", QUOTE))],
        1,
        "2024-13-45",
    ),
    "bad manifest": (
        lambda t: (write(t, "manifest.json", "{not json"), ["add", str(write(t, "ok.txt", QUOTE))])[
            1
        ],
        1,
        "manifest",
    ),
    "unknown claim id": (lambda t: ["show", "999"], 1, "no claim with id 999"),
    "review an unknown claim": (
        lambda t: ["review", "999", "--status", "confirmed"],
        1,
        "no claim with id 999",
    ),
    "invalid status": (lambda t: ["review", "1", "--status", "true-ish"], 1, "true-ish"),
    "invalid status filter": (lambda t: ["claims", "--status", "maybe"], 1, "maybe"),
    "stale --if-version": (
        lambda t: ["review", "1", "--status", "confirmed", "--if-version", "7"],
        1,
        "version 7",
    ),
    "--if-version 0": (
        lambda t: ["review", "2", "--status", "disputed", "--if-version", "0"],
        1,
        "claim 2",
    ),
    "link a claim to itself": (lambda t: ["link", "1", "1", "--accept"], 1, "itself"),
    "link with neither decision": (lambda t: ["link", "1", "2"], 1, "--accept or --reject"),
    "merge unknown speaker": (lambda t: ["speakers", "merge", "1", "77"], 1, "77"),
    "unmerge a speaker never merged": (lambda t: ["speakers", "unmerge", "1"], 1, "not merged"),
    "unknown export format": (lambda t: ["export", "--format", "pdf"], 1, "pdf"),
    "bad --since date": (lambda t: ["export", "--since", "yesterday"], 1, "yesterday"),
    "export into a missing folder": (
        lambda t: ["export", "--format", "markdown", "-o", str(t / "no" / "r.md")],
        1,
        "does not exist",
    ),
    "import a missing file": (lambda t: ["import", str(t / "gone.csv")], 1, "gone.csv"),
    "import truncated JSON": (
        lambda t: ["import", str(write(t, "cut.json", '{"claims": ['))],
        1,
        "cut.json",
    ),
    "import binary as CSV": (
        lambda t: ["import", str(write(t, "junk.csv", b"\x00\x01\x02\xff" * 100))],
        1,
        "junk.csv",
    ),
    "import CSV without a claim column": (
        lambda t: ["import", str(write(t, "cols.csv", "speaker,date\nAnn,2024-01-01\n"))],
        1,
        "cols.csv",
    ),
    "backup over an existing file": (
        lambda t: ["backup", str(write(t, "exists.db", b"x"))],
        2,
        "already exists",
    ),
}


@pytest.mark.parametrize("case", list(REFUSED), ids=list(REFUSED))
def test_refused_with_one_line_and_nothing_changed(case, port_casefile, tmp_path):
    build, exit_code, fragment = REFUSED[case]
    args = build(tmp_path)
    before = digest(port_casefile)
    result = invoke(port_casefile, *args, input="")
    assert_refused(result, exit_code, fragment)
    assert digest(port_casefile) == before


class TestDatabaseLocations:
    """A --db that is not a usable casefile says so in one line and is left as it was."""

    @pytest.mark.parametrize(
        "make, fragment",
        [
            (lambda t: write(t, "random.db", os.urandom(4096)), "not a SQLite database"),
            (
                lambda t: write(t, "torn.db", b"SQLite format 3\x00" + os.urandom(4096)),
                "not a valid SQLite database",
            ),
            (lambda t: t, "is a directory"),
            (lambda t: t / "missing" / "case.db", "does not exist"),
        ],
        ids=["corrupt file", "corrupt after a valid header", "directory", "missing folder"],
    )
    def test_unusable_file(self, tmp_path, make, fragment):
        target = make(tmp_path)
        content = target.read_bytes() if target.is_file() else None
        assert_refused(invoke(target, "claims"), 2, fragment)
        if content is not None:
            assert target.read_bytes() == content

    def test_read_only_casefile(self, port_casefile):
        before = digest(port_casefile)
        read_only = f"sqlite:///file:{port_casefile}?mode=ro&uri=true"
        assert invoke(read_only, "claims").exit_code == 0
        assert_refused(invoke(read_only, "review", "1", "--status", "confirmed"), 2, "read-only")
        assert digest(port_casefile) == before

    @pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
    def test_unwritable_casefile(self, port_casefile):
        before = digest(port_casefile)
        port_casefile.chmod(0o444)
        try:
            assert_refused(
                invoke(port_casefile, "review", "1", "--status", "confirmed"), 2, "read-only"
            )
        finally:
            port_casefile.chmod(0o644)
        assert digest(port_casefile) == before

    def test_unreachable_postgresql_hides_the_password(self):
        result = invoke(
            "postgresql+psycopg://reviewer:hunter2secret@127.0.0.1:1/casefile", "claims"
        )
        assert_refused(result, 2, "cannot connect", "***")
        assert "hunter2secret" not in result.output

    def test_postgresql_without_its_driver(self, monkeypatch):
        # As after `pip install -e .` without the postgres extra: importing psycopg fails.
        monkeypatch.setitem(sys.modules, "psycopg", None)
        result = invoke("postgresql+psycopg://reviewer:hunter2secret@db.example/casefile", "claims")
        assert_refused(result, 2, "PostgreSQL driver 'psycopg' is not installed", "[postgres]")
        assert "hunter2secret" not in result.output

    def test_unsupported_url(self):
        assert_refused(
            invoke("mysql://someone:pw@localhost/x", "claims"), 2, "unsupported database"
        )


class TestHandledCorrectly:
    """Odd but legitimate input is read correctly; untrusted text stays data."""

    def _source_texts(self, db) -> list[str]:
        exported = json.loads(invoke(db, "export", "--format", "json").stdout)
        return [source["text"] for source in exported["sources"]]

    @pytest.mark.parametrize(
        "name, data",
        [
            (
                "utf16.txt",
                codecs.BOM_UTF16_LE + QUOTE.replace("fjord", "fjörd").encode("utf-16-le"),
            ),
            (
                "utf16be.txt",
                codecs.BOM_UTF16_BE + QUOTE.replace("fjord", "fjörd").encode("utf-16-be"),
            ),
            (
                "cp1252.txt",
                QUOTE.replace('"', "\u201c", 1)
                .replace('"', "\u201d")
                .replace("fjord", "fjörd")
                .encode("cp1252"),
            ),
            ("bom.txt", codecs.BOM_UTF8 + QUOTE.replace("fjord", "fjörd").encode("utf-8")),
        ],
        ids=["UTF-16 LE with BOM", "UTF-16 BE with BOM", "Windows-1252", "UTF-8 with BOM"],
    )
    def test_encodings_are_decoded(self, tmp_path, name, data):
        db = tmp_path / "enc.db"
        result = invoke(db, "add", str(write(tmp_path, name, data)))
        assert result.exit_code == 0, result.output
        (text,) = self._source_texts(db)
        assert "fjörd" in text and "\ufeff" not in text

    def test_fifty_megabyte_article_refused_in_bounded_memory(self, port_casefile, tmp_path):
        huge = tmp_path / "huge.txt"
        with huge.open("wb") as handle:
            line = QUOTE.encode("utf-8")
            for _ in range(50 * 1024 * 1024 // len(line) + 1):
                handle.write(line)
        before = digest(port_casefile)
        tracemalloc.start()
        try:
            result = invoke(port_casefile, "add", str(huge))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert_refused(result, 1, "too large")
        assert peak < 20 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"
        assert digest(port_casefile) == before

    def test_script_content_is_not_stored(self, tmp_path):
        db = tmp_path / "html.db"
        page = (
            "<html><head><title>Fjord tunnel</title><script>document.write('INJECTED')</script></head><body>"
            f"<article><p>{QUOTE}</p><p>{'The council met for three hours on Friday. ' * 20}</p></article>"
            "<script>alert('INJECTED')</script></body></html>"
        )
        assert invoke(db, "add", str(write(tmp_path, "page.html", page))).exit_code == 0
        (text,) = self._source_texts(db)
        assert "fjord" in text and "INJECTED" not in text

    def test_folder_with_loops_and_special_files(self, tmp_path):
        folder = tmp_path / "inbox"
        (folder / "sub").mkdir(parents=True)
        write(folder, "good.txt", QUOTE)
        (folder / "sub" / "back").symlink_to(folder)  # a directory cycle
        (folder / "x.txt").symlink_to(folder / "y.txt")
        (folder / "y.txt").symlink_to(folder / "x.txt")
        os.mkfifo(folder / "pipe.txt")
        db = tmp_path / "folder.db"
        result = invoke(db, "add", "--json", str(folder))
        assert result.exit_code == 1, result.output
        # Every file and link that is not read is named, with why; the FIFO is an error.
        loop = "a broken link (Too many levels of symbolic links)"
        assert result.stderr.splitlines() == [
            f"error: {folder / 'pipe.txt'}: not a regular file",
            f"skipped {folder / 'x.txt'}: {loop}",
            f"skipped {folder / 'y.txt'}: {loop}",
            f"skipped {folder / 'sub' / 'back'}: a link to a folder (links are not followed)",
        ]
        entries = json.loads(result.stdout)
        assert [entry["path"] for entry in entries] == [
            str(folder / name) for name in ("good.txt", "pipe.txt", "x.txt", "y.txt", "sub/back")
        ]
        assert (
            entries[0]["source_id"] == 1
            and "error" in entries[1]
            and all("skipped" in e for e in entries[2:])
        )

    def test_markup_and_escapes_are_stored_literally_and_printed_safely(self, tmp_path):
        hostile = '"[bold red]Vote now[/] [@click=app.quit]x[/] \x1b[31mred\x1b[0m \x07 done," Hanna Lund stated.\n'
        db = tmp_path / "markup.db"
        assert invoke(db, "add", str(write(tmp_path, "markup.txt", hostile))).exit_code == 0
        (text,) = self._source_texts(db)
        assert "[bold red]Vote now[/]" in text and "\x1b[31m" in text
        for command in (["claims"], ["show", "1"], ["log"], ["conflicts"]):
            result = invoke(db, *command)
            assert result.exit_code in (0, 1), result.output
            assert "\x1b" not in result.stdout and "\x07" not in result.stdout

    def test_csv_export_neutralises_formulas(self, tmp_path, add_story):
        db = tmp_path / "formula.db"
        document = 'Eva Stone said "=HYPERLINK(\'http://x.example\',\'click\')" and Ola Berg said "+1 more" then "@SUM(A1)".'
        with open_store(str(db)) as store:
            add_story(
                store,
                document,
                [
                    ("=HYPERLINK('http://x.example','click')", "Eva Stone"),
                    ("+1 more", "Ola Berg"),
                    ("@SUM(A1)", "Ola Berg"),
                ],
            )
        result = invoke(db, "export", "--format", "csv")
        assert result.exit_code == 0, result.output
        cells = [cell for row in csv.reader(io.StringIO(result.stdout)) for cell in row]
        assert cells and not [
            cell
            for cell in cells
            if cell[:1] in ("=", "+", "@") or cell.startswith("-") and not cell[1:2].isdigit()
        ]
        assert any("HYPERLINK" in cell for cell in cells)

    @pytest.mark.parametrize(
        "term, expected",
        [
            ("%", []),
            ("_", []),
            ("'; DROP TABLE claim; --", []),
            ("4,000", ["The port handled 4,000 containers last week."]),
        ],
        ids=["percent", "underscore", "sql injection", "plain"],
    )
    def test_search_metacharacters(self, port_casefile, term, expected):
        result = invoke(port_casefile, "claims", "--search", term, "--json")
        assert result.exit_code == 0, result.output
        assert [claim["quote"] for claim in json.loads(result.stdout)] == expected
        assert len(json.loads(invoke(port_casefile, "claims", "--json").stdout)) == 3
