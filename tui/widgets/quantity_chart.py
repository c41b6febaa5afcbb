"""Numbers that disagree, drawn as bars so a spread like 1,500 / 3,000 / 12,000 shows at a glance."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Static

from claims.models import Claim, Quantity
from claims.text import one_line
from tui.widgets.numbers import format_quantity, plain_number

CHARTED_KINDS = {"count", "money", "percent", "measure"}


@dataclass(frozen=True)
class ChartPoint:
    """One claim's number: who said it where, and the value."""

    label: str
    value: float
    approximate: bool
    current: bool
    number: str = ""
    """The value as shown ('$400M', '~12,000'); built from value and approximate when empty."""


def primary_quantity(claim: Claim) -> Quantity | None:
    """The first chartable number in a claim."""
    for quantity in claim.quantities:
        if quantity.kind in CHARTED_KINDS:
            return quantity
    return None


def chart_points(claim: Claim, others: list[Claim], labels: dict[int, str]) -> list[ChartPoint]:
    """The claim's number and those of related claims in the same unit, one per claim."""
    mine = primary_quantity(claim)
    if mine is None:
        return []
    points = [
        ChartPoint(
            labels.get(claim.id, f"#{claim.id}"),
            mine.value,
            mine.approximate,
            True,
            format_quantity(mine),
        )
    ]
    seen = {claim.id}
    for other in others:
        quantity = primary_quantity(other)
        if other.id in seen or quantity is None:
            continue
        if quantity.kind != mine.kind or (quantity.unit or "") != (mine.unit or ""):
            continue
        seen.add(other.id)
        points.append(
            ChartPoint(
                labels.get(other.id, f"#{other.id}"),
                quantity.value,
                quantity.approximate,
                False,
                format_quantity(quantity),
            )
        )
    return points if len(points) > 1 else []


def render_bars(points: list[ChartPoint], width: int) -> Text:
    """Horizontal bars scaled to the largest value; '~' marks approximate numbers, '▶' the shown claim."""
    if not points:
        return Text("")
    label_width = min(24, max(len(point.label) for point in points) + 1)
    numbers = [
        point.number or ("~" if point.approximate else "") + plain_number(point.value)
        for point in points
    ]
    number_width = max(len(number) for number in numbers) + 1
    bar_room = max(4, width - label_width - number_width - 3)
    largest = max(abs(point.value) for point in points) or 1.0
    chart = Text(no_wrap=True, overflow="ellipsis")
    for point, number in zip(points, numbers):
        length = max(1, round(abs(point.value) / largest * bar_room))
        label = one_line(point.label, label_width - 1).ljust(label_width)
        chart.append("▶ " if point.current else "  ", style="bold" if point.current else "")
        chart.append(label)
        chart.append(number.rjust(number_width) + " ")
        chart.append("█" * length, style="chart-bar-current" if point.current else "chart-bar")
        chart.append("\n")
    chart.rstrip()
    return chart


class QuantityChart(Static):
    """Bars of the numbers a claim and its related claims state."""

    DEFAULT_CSS = "QuantityChart { height: auto; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.points: list[ChartPoint] = []

    def show_points(self, points: list[ChartPoint]) -> None:
        """Draw these points (hides itself when there is nothing to compare)."""
        self.points = points
        self.display = bool(points)
        self._draw()

    def _draw(self) -> None:
        width = max(20, (self.content_region.width or self.app.size.width // 2))
        chart = render_bars(self.points, width)
        self.update(self._styled(chart))

    def _styled(self, chart: Text) -> Text:
        bar = self.get_component_rich_style("quantity-chart--bar")
        current = self.get_component_rich_style("quantity-chart--current")
        for span_index, span in enumerate(chart.spans):
            if span.style == "chart-bar":
                chart.spans[span_index] = span._replace(style=bar)
            elif span.style == "chart-bar-current":
                chart.spans[span_index] = span._replace(style=current)
        return chart

    COMPONENT_CLASSES = {"quantity-chart--bar", "quantity-chart--current"}

    def on_resize(self) -> None:
        if self.points:
            self._draw()
