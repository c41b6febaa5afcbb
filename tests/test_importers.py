"""Importing claims: ClaimReview markup, CSV, JSON Lines and our own export; bad rows by line."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_fixtures import sample_export

from claims.importers import ImportFailed, parse_import
from claims.reports import ReportOptions, render

REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://checks.example/2031/ports",
    "claimReviewed": "The ports of Fictland are closed",
    "datePublished": "2031-04-02",
    "author": {"@type": "Organization", "name": "Fictland Checks"},
    "reviewRating": {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 5,
        "alternateName": "False",
    },
    "itemReviewed": {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "Marta Quillon", "jobTitle": "Harbour Minister"},
        "datePublished": "2031-03-30",
        "appearance": {
            "@type": "CreativeWork",
            "url": "https://herald.example/a",
            "headline": "Ports shut",
        },
    },
}


def second_review(**changes) -> dict:
    review = json.loads(json.dumps(REVIEW))
    review.update(
        claimReviewed="Strikers number 12,000", url="https://checks.example/2031/strikers"
    )
    review["itemReviewed"]["author"] = {"@type": "Organization", "name": "Ministry of Harbours"}
    review.update(changes)
    return review


class TestClaimReview:
    """Earlier fact-checks become claims carrying their rating, publisher and date."""

    def test_single_object(self):
        batch = parse_import(json.dumps(REVIEW).encode(), "check.json")
        assert batch.format == "claimreview" and len(batch.claims) == 1
        claim = batch.claims[0]
        assert claim.text == "The ports of Fictland are closed"
        assert (claim.speaker, claim.speaker_role, claim.speaker_kind) == (
            "Marta Quillon",
            "Harbour Minister",
            "person",
        )
        assert (claim.rating, claim.rated_by, claim.rated_on) == (
            "False",
            "Fictland Checks",
            date(2031, 4, 2),
        )
        assert (claim.url, claim.source, claim.date) == (
            "https://herald.example/a",
            "Ports shut",
            date(2031, 3, 30),
        )
        assert (
            claim.review_url == "https://checks.example/2031/ports" and claim.status == "unreviewed"
        )

    @pytest.mark.parametrize(
        "document",
        [
            [REVIEW, second_review()],
            {"@context": "https://schema.org", "@graph": [REVIEW, second_review()]},
            {
                "@type": "DataFeed",
                "dataFeedElement": [{"item": [REVIEW]}, {"item": [second_review()]}],
            },
        ],
        ids=["list", "graph", "feed"],
    )
    def test_lists_graphs_and_feeds(self, document):
        batch = parse_import(json.dumps(document, indent=2).encode(), "feed.json")
        assert [claim.text for claim in batch.claims] == [
            "The ports of Fictland are closed",
            "Strikers number 12,000",
        ]
        assert batch.claims[1].speaker_kind == "organization"

    def test_html_page_with_json_ld(self):
        page = (
            "<!DOCTYPE html>\n<html><head><title>x</title>\n"
            '<script type="application/ld+json">\n' + json.dumps(REVIEW, indent=1) + "\n</script>\n"
            '<script>var ignored = {"@type": "ClaimReview"};</script>\n'
            "</head><body><p>Checked.</p></body></html>"
        )
        batch = parse_import(page.encode(), "page.html")
        assert [claim.rating for claim in batch.claims] == ["False"]
        line = batch.claims[0].line
        assert line is not None
        assert page.split("\n")[line - 1].strip() == '"@type": "ClaimReview",'

    def test_fact_check_api_answer(self):
        answer = {
            "claims": [
                {
                    "text": "Ports closed",
                    "claimant": "Marta Quillon",
                    "claimDate": "2031-03-30T00:00:00Z",
                    "claimReview": [
                        {
                            "publisher": {"name": "Fictland Checks"},
                            "url": "https://c.example/1",
                            "textualRating": "Mostly false",
                            "reviewDate": "2031-04-02",
                        }
                    ],
                }
            ]
        }
        claim = parse_import(json.dumps(answer).encode(), "api.json").claims[0]
        assert (claim.text, claim.speaker, claim.rating, claim.rated_by) == (
            "Ports closed",
            "Marta Quillon",
            "Mostly false",
            "Fictland Checks",
        )
        assert claim.date == date(2031, 3, 30)

    def test_malformed_review_is_reported_by_line(self):
        broken = second_review(claimReviewed="")
        text = json.dumps([REVIEW, broken], indent=2)
        with pytest.raises(ImportFailed) as failure:
            parse_import(text.encode(), "feed.json")
        ((line, message),) = failure.value.problems
        assert line is not None
        assert text.split("\n")[line - 1].strip().startswith('"@type": "ClaimReview"')
        assert line > 3 and "claimReviewed" in message
        batch = parse_import(text.encode(), "feed.json", skip_bad=True)
        assert len(batch.claims) == 1 and batch.warnings == [
            f"skipped line {line}: ClaimReview has no claimReviewed"
        ]

    def test_our_own_claimreview_output_imports(self):
        options = ReportOptions(
            organization_name="Fictland Checks", organization_url="https://checks.example/"
        )
        text = render(sample_export(), "claimreview", options=options)
        batch = parse_import(text.encode(), "ours.jsonld")
        assert [claim.rating for claim in batch.claims] == ["True", "Unproven", "False"]
        assert batch.claims[1].text.startswith("Ports are <script>")

    def test_json_without_claim_reviews_is_refused(self):
        with pytest.raises(ImportFailed, match="no ClaimReview"):
            parse_import(b'{"hello": "world"}', "x.json")


class TestCsv:
    """CSV columns are mapped by a case-insensitive header with synonyms; bad rows are named by line."""

    GOOD = (
        "Claim,Claimant,Source Title,URL,Date,Status,Notes,Verdict,Fact-checker,Review date,Mood\n"
        '"Ports are closed",Marta Quillon,Ports shut,https://herald.example/a,2031-03-30,Confirmed,"seen, twice",'
        "False,Fictland Checks,2031-04-02,calm\n"
    )

    def test_header_synonyms_and_values(self):
        batch = parse_import(self.GOOD.encode(), "claims.csv")
        claim = batch.claims[0]
        assert batch.format == "csv"
        assert (claim.text, claim.speaker, claim.source, claim.url) == (
            "Ports are closed",
            "Marta Quillon",
            "Ports shut",
            "https://herald.example/a",
        )
        assert (claim.date, claim.status, claim.note) == (
            date(2031, 3, 30),
            "confirmed",
            "seen, twice",
        )
        assert (claim.rating, claim.rated_by, claim.rated_on, claim.line) == (
            "False",
            "Fictland Checks",
            date(2031, 4, 2),
            2,
        )

    def test_unknown_columns_are_warned(self):
        assert parse_import(self.GOOD.encode(), "claims.csv").warnings == [
            "unknown column 'Mood' ignored"
        ]

    def test_malformed_rows_refuse_the_file_with_line_numbers(self):
        data = (
            "text,speaker,date,status\n"
            '"A claim that spans\ntwo lines",Oskar Brenn,2031-03-01,\n'
            ",Nobody,,\n"
            "Fine claim,Oskar Brenn,yesterday-ish,\n"
            "Other claim,Oskar Brenn,,maybe\n"
            "Too,many,cells,here,really\n"
        )
        with pytest.raises(ImportFailed) as failure:
            parse_import(data.encode(), "claims.csv")
        assert [line for line, _ in failure.value.problems] == [4, 5, 6, 7]
        messages = [message for _, message in failure.value.problems]
        assert (
            messages[0] == "no claim text"
            and "not a date" in messages[1]
            and "status 'maybe'" in messages[2]
        )
        assert "line 4: no claim text" in str(failure.value)

    def test_skip_bad_keeps_the_good_rows(self):
        data = "text,speaker\nGood one,Oskar Brenn\n,Nobody\nGood two,\n"
        batch = parse_import(data.encode(), "claims.csv", skip_bad=True)
        assert [claim.text for claim in batch.claims] == ["Good one", "Good two"]
        assert batch.warnings == ["skipped line 3: no claim text"]

    def test_missing_text_column_is_refused(self):
        with pytest.raises(ImportFailed, match="no claim text column"):
            parse_import(b"speaker,date\nOskar Brenn,2031-01-01\n", "claims.csv")

    def test_tab_separated_and_bom(self):
        data = "\ufefftext\tspeaker\nPorts closed\tMarta Quillon\n".encode("utf-8")
        claim = parse_import(data, "claims.tsv").claims[0]
        assert (claim.text, claim.speaker) == ("Ports closed", "Marta Quillon")

    def test_not_utf8_is_read_with_a_warning(self):
        batch = parse_import("text\nCaf\u00e9 workers struck\n".encode("cp1252"), "claims.csv")
        assert batch.claims[0].text == "Café workers struck" and "not UTF-8" in batch.warnings[0]


class TestJsonLines:
    """JSON Lines rows use the same field names as CSV headers."""

    def test_rows_bad_lines_and_unknown_keys(self):
        data = (
            '{"text": "Ports closed", "speaker": {"name": "Marta Quillon"}, "date": "2031-03-30", "colour": "red"}\n'
            "\n"
            "{not json}\n"
            '{"claim": "Strikers number 12,000", "status": "DISPUTED", "note": "payroll"}\n'
            '["a list"]\n'
        )
        with pytest.raises(ImportFailed) as failure:
            parse_import(data.encode(), "claims.jsonl")
        assert [line for line, _ in failure.value.problems] == [3, 5]
        batch = parse_import(data.encode(), "claims.jsonl", skip_bad=True)
        assert batch.format == "jsonl"
        assert [(claim.text, claim.line) for claim in batch.claims] == [
            ("Ports closed", 1),
            ("Strikers number 12,000", 4),
        ]
        assert batch.claims[0].speaker == "Marta Quillon" and batch.claims[1].status == "disputed"
        assert "unknown key 'colour' ignored" in batch.warnings
        assert (
            "skipped line 3: not JSON (Expecting property name enclosed in double quotes)"
            in batch.warnings
        )

    def test_json_lines_without_the_extension(self):
        data = '{"text": "One"}\n{"text": "Two"}\n'
        assert [claim.text for claim in parse_import(data.encode(), "claims.json").claims] == [
            "One",
            "Two",
        ]

    def test_lines_of_claim_reviews(self):
        data = json.dumps(REVIEW) + "\n" + json.dumps(second_review()) + "\n"
        batch = parse_import(data.encode(), "feed.jsonl")
        assert batch.format == "claimreview" and [claim.line for claim in batch.claims] == [1, 2]


class TestOwnExport:
    """Our JSON export imports exactly, and one that points nowhere is refused."""

    def test_lossless(self):
        export = sample_export()
        batch = parse_import(render(export, "json").encode(), "case.json")
        assert (
            batch.format == "counterclaim-export" and batch.export == export and batch.claims == []
        )

    def test_dangling_references_are_refused(self):
        export = sample_export()
        export.sources = export.sources[:1]
        with pytest.raises(ImportFailed, match="names source 2"):
            parse_import(render(export, "json").encode(), "case.json")

    def test_invalid_fields_are_refused(self):
        data = json.loads(render(sample_export(), "json"))
        data["claims"][0]["status"] = "perhaps"
        with pytest.raises(ImportFailed, match=r"claims\.0\.status"):
            parse_import(json.dumps(data).encode(), "case.json")

    def test_truncated_json_names_its_line(self):
        with pytest.raises(ImportFailed) as failure:
            parse_import(render(sample_export(), "json")[:200].encode(), "case.json")
        assert failure.value.problems[0][0] is not None


class TestNeverCrashes:
    """Whatever the bytes, parse_import returns a batch or refuses with ImportFailed."""

    @staticmethod
    def attempt(data: bytes, name: str) -> None:
        try:
            batch = parse_import(data, name, skip_bad=True)
        except ImportFailed as failure:
            assert failure.problems and str(failure)
        else:
            assert all(claim.text.strip() for claim in batch.claims)

    @given(st.binary(max_size=300), st.sampled_from(["x.csv", "x.json", "x.jsonl", "x.html", "x"]))
    @settings(max_examples=150, deadline=None)
    def test_arbitrary_bytes(self, data, name):
        self.attempt(data, name)

    @given(st.text(alphabet='{}[]<>",:\n\t\\ abc@=-', max_size=200))
    @settings(max_examples=150, deadline=None)
    def test_structured_looking_text(self, text):
        self.attempt(text.encode(), "x")

    @pytest.mark.parametrize(
        "data",
        [
            b"[" * 5000 + b"]" * 5000,
            b'text\n"' + b"x" * 200_000 + b'"\n',
            b"\x00\x00\xff",
            b"",
            b"<html>",
        ],
    )
    def test_awkward_inputs(self, data):
        self.attempt(data, "x")


def test_csv_with_an_unterminated_quote_is_refused_with_its_line():
    from claims.importers import parse_import

    data = b'text,speaker\nA calm first claim,Ann Example\n"an unterminated claim,Bo Sample\nthird,Cy Person\n'
    with pytest.raises(ValueError) as failure:
        parse_import(data, "claims.csv")
    assert "line 3" in str(failure.value)
