"""Report formats: lossless JSON, escaped Markdown and HTML, safe CSV, ClaimReview JSON-LD."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from report_fixtures import FORMULA_QUOTE, HOSTILE_QUOTE, sample_export

from claims.models import Export
from claims.reports import FORMATS, ReportError, ReportOptions, render, write
from claims.reports.links import encode_fragment_term, quote_link, safe_url, text_directive
from claims.reports.markdown import escape_markdown


def org_options(**overrides) -> ReportOptions:
    values: dict[str, Any] = {
        "organization_name": "Fictland Checks",
        "organization_url": "https://checks.example/",
    }
    values.update(overrides)
    return ReportOptions(**values)


class TestJson:
    """The JSON export is the model dump: stable keys, UTF-8, and it reads back equal."""

    def test_round_trip_is_lossless(self):
        export = sample_export()
        text = render(export, "json")
        assert Export.model_validate_json(text) == export

    def test_keeps_the_contract_keys_and_aliases(self):
        data = json.loads(render(sample_export(), "json"))
        assert list(data) == [
            "format",
            "version",
            "checks",
            "sources",
            "speakers",
            "claims",
            "links",
            "conflicts",
            "disputes",
        ]
        assert data["format"] == "counterclaim-export" and data["version"] == 1
        assert data["claims"][0]["history"][0]["from"] == "unreviewed"

    def test_non_ascii_is_written_as_is(self):
        export = sample_export()
        export.speakers[0].name = "Márta Quillón"
        assert "Márta Quillón" in render(export, "json")

    def test_output_is_deterministic(self):
        assert render(sample_export(), "json") == render(sample_export(), "json")


class TestLinks:
    """Source links carry a Text Fragment built per the spec's percent-encoding rules."""

    def test_encodes_dash_ampersand_and_comma(self):
        assert encode_fragment_term("a-b, c&d") == "a%2Db%2C%20c%26d"

    def test_short_quote_is_matched_whole(self):
        assert text_directive("only 3,000 workers") == "text=only%203%2C000%20workers"

    def test_long_quote_uses_start_and_end_words(self):
        quote = "There could be dead and wounded soldiers fighting on the northern front today"
        assert (
            text_directive(quote) == "text=There%20could%20be%20dead,the%20northern%20front%20today"
        )

    def test_appends_to_an_existing_fragment(self):
        assert (
            quote_link("https://a.example/p#top", "hello") == "https://a.example/p#top:~:text=hello"
        )

    def test_only_web_addresses_become_links(self):
        assert safe_url("javascript:alert(1)") is None
        assert safe_url("file:///etc/passwd") is None
        assert safe_url("https://a.example/x (y)") == "https://a.example/x%20%28y%29"


class TestMarkdown:
    """The Markdown report summarises, lists conflicts with both sides, and escapes document text."""

    def test_summary_and_both_sides(self):
        text = render(sample_export(), "markdown")
        assert "- Conflicts: 2 (1 denial, 1 numeric)" in text
        assert "1 confirmed, 1 disputed, 1 unverifiable, 3 unreviewed" in text
        assert "**Marta Quillon** (Harbour Minister)" in text
        assert "**Ministry of Harbours**" in text
        assert "- Note: Payroll data says more" in text
        assert (
            "[Ministry disputes strike figures](https://coastal.example/news/strike#:~:text="
            in text
        )

    def test_hostile_quote_renders_as_plain_text(self):
        html = MarkdownIt("commonmark").render(render(sample_export(), "markdown"))
        assert "<script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert 'href="javascript' not in html
        assert "[bold]closed[/bold] *now*" in html

    @pytest.mark.parametrize(
        "raw",
        [
            "# heading",
            "- item",
            "1. first",
            "> quoted",
            "a | b",
            "<b>x</b>",
            "**bold**",
            "~~gone~~",
            "&amp;",
            "x\x1b[31mred",
        ],
    )
    def test_escaped_text_renders_literally(self, raw):
        html = (
            MarkdownIt("commonmark")
            .enable("table")
            .enable("strikethrough")
            .render(escape_markdown(raw))
        )
        assert html.startswith("<p>") and html.count("<") == 2, html
        assert "\x1b" not in escape_markdown(raw)


class _PageReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.data: list[str] = []
        self.attrs: dict[str, list[dict]] = {}

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.setdefault(tag, []).append(dict(attrs))

    def handle_data(self, data):
        self.data.append(data)


class TestHtml:
    """The HTML report is one offline file: escaped text, viewport, print CSS, SVG for numbers."""

    def page(self) -> tuple[str, _PageReader]:
        text = render(sample_export(), "html")
        reader = _PageReader()
        reader.feed(text)
        reader.close()
        return text, reader

    def test_document_text_is_escaped(self):
        text, reader = self.page()
        assert reader.tags.count("script") == 0
        assert any("<script>alert(1)</script> [bold]closed[/bold]" in data for data in reader.data)
        assert "&lt;script&gt;" in text

    def test_self_contained_and_responsive(self):
        text, reader = self.page()
        assert {
            "name": "viewport",
            "content": "width=device-width, initial-scale=1",
        } in reader.attrs["meta"]
        assert "link" not in reader.tags and "img" not in reader.tags
        assert "@media print" in text
        hrefs = [attrs["href"] for attrs in reader.attrs.get("a", [])]
        assert hrefs and all(href.startswith("https://") for href in hrefs)

    def test_numeric_conflict_is_drawn_with_labelled_values(self):
        _text, reader = self.page()
        assert "svg" in reader.tags and reader.tags.count("rect") >= 2
        labels = " ".join(reader.data)
        assert "Marta Quillon: 12,000 workers" in labels
        assert "Ministry of Harbours: only 3,000 workers" in labels


def _with_quotes(quotes: list[str]) -> Export:
    export = sample_export()
    template = export.claims[4]
    export.claims = [
        template.model_copy(update={"id": 100 + index, "quote": quote, "text": quote})
        for index, quote in enumerate(quotes)
    ]
    export.conflicts, export.links = [], []
    return export


class TestCsv:
    """CSV has a header, one row per claim, survives the csv module, and never runs formulas."""

    def test_round_trips_through_the_csv_module(self):
        export = sample_export()
        rows = list(csv.DictReader(io.StringIO(render(export, "csv"), newline="")))
        assert len(rows) == len(export.claims)
        first = rows[0]
        assert (
            first["claim_id"] == "1"
            and first["conflict_ids"] == "1"
            and first["conflict_kinds"] == "numeric"
        )
        assert (
            first["speaker_role"] == "Harbour Minister" and first["quantities"] == "12,000 workers"
        )
        assert rows[1]["quote"] == HOSTILE_QUOTE

    @pytest.mark.parametrize("quote", [FORMULA_QUOTE, "+1", "-2", "@SUM(A1:A9)", "\tcmd", "\r=1+1"])
    def test_formula_like_cells_are_neutralised(self, quote):
        rows = list(csv.DictReader(io.StringIO(render(_with_quotes([quote]), "csv"), newline="")))
        cell = rows[0]["quote"]
        assert cell.startswith("'") and cell.lstrip("'").lstrip("\t") in quote

    def test_multiline_quote_stays_one_record(self):
        rows = list(
            csv.reader(
                io.StringIO(render(_with_quotes(["line one\nline, two"]), "csv"), newline="")
            )
        )
        assert len(rows) == 2 and rows[1][10] == "line one\nline, two"


class TestClaimReview:
    """ClaimReview JSON-LD covers reviewed claims only and refuses to omit Google's required fields."""

    def graph(self, export: Export | None = None, **overrides) -> tuple[list[dict], list[str]]:
        options = org_options(**overrides)
        text = render(export or sample_export(), "claimreview", options=options)
        document = json.loads(text)
        assert document["@context"] == "https://schema.org"
        return document["@graph"], options.warnings

    def test_reviewed_claims_only_with_required_fields(self):
        graph, _ = self.graph()
        assert [item["claimReviewed"][:10] for item in graph] == [
            "12,000 wor",
            "Ports are ",
            "Only 3,000",
        ]
        for item in graph:
            assert item["@type"] == "ClaimReview" and item["url"].startswith(
                "https://checks.example/"
            )
            assert item["author"] == {
                "@type": "Organization",
                "name": "Fictland Checks",
                "url": "https://checks.example/",
            }
            rating = item["reviewRating"]
            assert (
                rating["@type"] == "Rating"
                and rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
            )
        assert [item["reviewRating"]["alternateName"] for item in graph] == [
            "True",
            "Unproven",
            "False",
        ]

    def test_item_reviewed_names_speaker_and_appearance(self):
        graph, _ = self.graph()
        first, _spokes, ministry = graph
        claim = first["itemReviewed"]
        assert claim["author"] == {
            "@type": "Person",
            "name": "Marta Quillon",
            "jobTitle": "Harbour Minister",
        }
        assert claim["firstAppearance"]["url"] == "https://herald.example/strike?day=2"
        assert claim["appearance"][0]["headline"].startswith("Strike spreads")
        assert ministry["itemReviewed"]["author"]["@type"] == "Organization"
        assert first["datePublished"] == "2031-03-06"

    def test_review_url_template(self):
        graph, _ = self.graph(review_url_template="https://checks.example/c/{claim_id}")
        assert graph[0]["url"] == "https://checks.example/c/1"

    def test_long_claim_is_a_warning(self):
        _graph, warnings = self.graph()
        assert warnings == ["claim #2: claimReviewed is 87 characters; Google advises under 75"]

    def test_markup_is_safe_inside_a_script_element(self):
        text = render(sample_export(), "claimreview", options=org_options())
        assert "</script>" not in text and "<" not in text

    def test_large_graph_is_one_review_per_line_and_still_json(self):
        export = _with_quotes([f"Claim number {index} <b>" for index in range(501)])
        export.claims = [claim.model_copy(update={"status": "disputed"}) for claim in export.claims]
        text = render(export, "claimreview", options=org_options())
        graph = json.loads(text)["@graph"]
        assert len(graph) == 501 and graph[500]["claimReviewed"] == "Claim number 500 <b>"
        assert len(text.splitlines()) == 501 + 5 and "<" not in text

    def test_refuses_without_publisher_name(self):
        with pytest.raises(ReportError, match="organisation's name"):
            render(
                sample_export(),
                "claimreview",
                options=ReportOptions(organization_url="https://c.example/"),
            )

    def test_refuses_without_a_review_url(self):
        with pytest.raises(ReportError, match="url"):
            render(
                sample_export(),
                "claimreview",
                options=ReportOptions(organization_name="Fictland Checks"),
            )

    def test_refuses_a_claim_without_text(self):
        export = sample_export()
        export.claims[0].text = "  "
        with pytest.raises(ReportError, match="claim #1"):
            render(export, "claimreview", options=org_options())


class TestDispatch:
    """render and write agree, and an unknown format is an error."""

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_write_streams_what_render_returns(self, fmt):
        buffer = io.StringIO()
        write(sample_export(), fmt, buffer, options=org_options())
        assert buffer.getvalue() == render(sample_export(), fmt, options=org_options())

    def test_unknown_format(self):
        with pytest.raises(ReportError, match="unknown format"):
            render(sample_export(), "pdf")

    @pytest.mark.parametrize("fmt", ["markdown", "html", "csv", "json"])
    def test_empty_export(self, fmt):
        assert render(Export(), fmt)


class TestMarkdownEscapingProperty:
    """Any document text, escaped, renders as exactly that text in one paragraph."""

    @given(
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80)
        | st.text(alphabet="\\`*_{}[]()<>#+-.!|~&:;/ =0123456789abchtpsw\n\t\"'", max_size=60)
    )
    @settings(max_examples=300, deadline=None)
    def test_renders_literally(self, raw):
        from html import unescape

        from claims.text import one_line

        expected = one_line(raw)
        html = (
            MarkdownIt("commonmark")
            .enable("table")
            .enable("strikethrough")
            .render(escape_markdown(raw))
        )
        if not expected:
            assert html == ""
            return
        assert html.startswith("<p>") and html.endswith("</p>\n") and html.count("<") == 2, (
            raw,
            html,
        )
        assert unescape(html[3:-5]) == expected
