"""The desk's pure parts: number labels, the number chart, the undo history, theme choice and paragraph splitting."""

from __future__ import annotations

from datetime import date

import pytest

from claims.models import Claim, Quantity, QuantityKind
from tui.app import DARK_THEME, LIGHT_THEME, terminal_theme
from tui.screens.source import paragraph_of, split_paragraphs
from tui.undo import Mark, UndoHistory
from tui.widgets.numbers import format_quantity, quantity_label
from tui.widgets.quantity_chart import ChartPoint, chart_points, render_bars


def claim(
    claim_id: int, value: float | None, unit: str = "troops", kind: QuantityKind = "count"
) -> Claim:
    quantities = (
        [Quantity(value=value, unit=unit, text=str(value), kind=kind)] if value is not None else []
    )
    return Claim(
        id=claim_id,
        source_id=claim_id,
        text="t",
        quote="q",
        start=0,
        end=1,
        kind="direct",
        quantities=quantities,
    )


class TestQuantityChart:
    """A spread of numbers becomes bars proportional to the values."""

    def test_bars_are_proportional(self):
        points = [
            ChartPoint("Ledger", 1500, False, False),
            ChartPoint("Gazette", 3000, False, False),
            ChartPoint("Courier", 12000, True, True),
        ]
        lines = render_bars(points, 60).plain.splitlines()
        bars = [line.count("█") for line in lines]
        assert bars[2] > bars[1] > bars[0] >= 1
        assert abs(bars[1] / bars[2] - 0.25) < 0.05 and abs(bars[0] / bars[2] - 0.125) < 0.05
        assert "~12,000" in lines[2] and lines[2].startswith("▶")
        assert all(len(line) <= 60 for line in lines)

    def test_only_same_unit_numbers_are_compared(self):
        labels = {1: "one", 2: "two", 3: "three", 4: "four"}
        points = chart_points(
            claim(1, 12000), [claim(2, 3000), claim(3, 400, unit="dollars"), claim(4, None)], labels
        )
        assert [(p.label, p.value) for p in points] == [("one", 12000), ("two", 3000)]
        assert chart_points(claim(1, 12000), [claim(3, 5, unit="tanks")], labels) == []
        assert chart_points(claim(1, None), [claim(2, 3000)], labels) == []


class TestUndoHistory:
    """Undo and redo stacks; a new mark forgets what could be redone."""

    def test_undo_redo_cycle(self):
        history = UndoHistory()
        first, second = Mark(1, "unreviewed", "confirmed"), Mark(2, "unreviewed", "disputed")
        history.record(first)
        history.record(second)
        assert history.take_undo() == second
        history.undone(second)
        assert history.can_redo
        assert history.take_redo() == second
        history.redone(second)
        assert history.take_undo() == second and history.take_undo() == first
        assert history.take_undo() is None
        history.undone(first)
        history.record(Mark(3, "unreviewed", "unverifiable"))
        assert not history.can_redo
        assert second.reversed() == Mark(2, "disputed", "unreviewed")

    def test_limit(self):
        history = UndoHistory(limit=3)
        for claim_id in range(10):
            history.record(Mark(claim_id, "unreviewed", "confirmed"))
        taken = [history.take_undo() for _ in range(3)]
        assert [mark.claim_id if mark else None for mark in taken] == [9, 8, 7]
        assert history.take_undo() is None


class TestTheme:
    """The desk follows the terminal's background unless told otherwise."""

    def test_choice(self):
        assert terminal_theme({}) == DARK_THEME
        assert terminal_theme({"COLORFGBG": "0;15"}) == LIGHT_THEME
        assert terminal_theme({"COLORFGBG": "15;0"}) == DARK_THEME
        assert terminal_theme({"COLORFGBG": "0;15", "COUNTERCLAIM_THEME": "nord"}) == "nord"


class TestParagraphs:
    """The source view splits text into paragraphs whose offsets match the source."""

    def test_offsets(self):
        text = "One.\n\nTwo words.\n\n\n\nThree."
        paragraphs = split_paragraphs(text)
        assert [p.text for p in paragraphs] == ["One.", "Two words.", "Three."]
        assert all(text[p.start : p.start + len(p.text)] == p.text for p in paragraphs)
        assert paragraph_of(paragraphs, text.index("words")) == 1
        assert paragraph_of(paragraphs, len(text) - 1) == 2


class TestQuantityLabels:
    """The QTY column and the chart show what kind of number a claim states."""

    @pytest.mark.parametrize(
        ("quantity", "label"),
        [
            (Quantity(value=1, text="by November 1", kind="date", qualifier="by"), "Nov 1"),
            (
                Quantity(value=3, text="on March 3", kind="date", date_value=date(2031, 3, 3)),
                "Mar 3",
            ),
            (Quantity(value=2030, text="2030", kind="date"), "2030"),
            (Quantity(value=400_000_000, unit="USD", text="$400 million", kind="money"), "$400M"),
            (
                Quantity(value=1_250_000_000, unit="EUR", text="1.25 billion euros", kind="money"),
                "€1.25B",
            ),
            (Quantity(value=1_500, unit="USD", text="$1,500", kind="money"), "$1,500"),
            (
                Quantity(value=5_000_000, unit="RUB", text="5 million rubles", kind="money"),
                "5M RUB",
            ),
            (
                Quantity(
                    value=45,
                    unit="%",
                    text="about 45%",
                    kind="percent",
                    approximate=True,
                    qualifier="about",
                ),
                "~45%",
            ),
            (
                Quantity(
                    value=15,
                    unit="%",
                    text="between 10 and 20 percent",
                    kind="percent",
                    approximate=True,
                    low=10,
                    high=20,
                ),
                "10–20%",
            ),
            (
                Quantity(
                    value=12_000,
                    unit="containers",
                    text="about 12,000 containers",
                    approximate=True,
                ),
                "~12,000",
            ),
            (
                Quantity(
                    value=500,
                    unit="people",
                    text="more than 500 people",
                    approximate=True,
                    qualifier="more than",
                ),
                ">500",
            ),
            (Quantity(value=2_500_000, unit="people", text="2.5 million people"), "2.5M"),
            (Quantity(value=12, unit="km", text="12 km", kind="measure"), "12 km"),
            (
                Quantity(
                    value=20,
                    unit="tonnes",
                    text="up to 20 tonnes",
                    kind="measure",
                    approximate=True,
                    qualifier="up to",
                ),
                "≤20",
            ),
        ],
    )
    def test_label(self, quantity, label):
        assert format_quantity(quantity) == label

    def test_first_quantity_of_a_claim(self):
        claim = Claim(
            id=1,
            source_id=1,
            text="t",
            quote="q",
            start=0,
            end=1,
            kind="direct",
            quantities=[
                Quantity(value=1, text="by November 1", kind="date"),
                Quantity(value=2, unit="brigades", text="two brigades"),
            ],
        )
        assert quantity_label(claim) == "Nov 1"
        assert quantity_label(claim.model_copy(update={"quantities": []})) == ""

    def test_chart_shows_money_with_its_currency(self):
        def spend(claim_id: int, value: float) -> Claim:
            quantity = Quantity(value=value, unit="USD", text="money", kind="money")
            return Claim(
                id=claim_id,
                source_id=1,
                text="t",
                quote="q",
                start=0,
                end=1,
                kind="direct",
                quantities=[quantity],
            )

        points = chart_points(
            spend(1, 400_000_000), [spend(2, 1_200_000_000)], {1: "Courier", 2: "Ledger"}
        )
        chart = render_bars(points, 60).plain
        assert "$400M" in chart and "$1.2B" in chart
