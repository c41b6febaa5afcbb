"""Inline SVG bars comparing the numbers two sides of a numeric conflict state."""

from __future__ import annotations

from html import escape

from claims.models import Claim, Quantity
from claims.reports.view import describe_quantity

WIDTH = 320
BAR_HEIGHT = 18
LABEL_HEIGHT = 16
ROW_HEIGHT = BAR_HEIGHT + LABEL_HEIGHT + 8


def comparable_pair(first: Claim, second: Claim) -> tuple[Quantity, Quantity] | None:
    """The two quantities the conflict is most likely about: same unit first, then same kind."""
    best: tuple[int, Quantity, Quantity] | None = None
    for left in first.quantities:
        for right in second.quantities:
            if left.kind == "date" or right.kind == "date":
                continue
            score = (2 if (left.unit or "") == (right.unit or "") else 0) + (
                1 if left.kind == right.kind else 0
            )
            if best is None or score > best[0]:
                best = (score, left, right)
    return (best[1], best[2]) if best else None


def conflict_chart(rows: list[tuple[str, Quantity]]) -> str:
    """Horizontal bars on a common scale from zero, one per (label, quantity), each labelled with its value."""
    highest = max(
        (max(quantity.value, quantity.high or 0.0) for _label, quantity in rows), default=0.0
    )
    lowest = min(
        (min(quantity.value, quantity.low or quantity.value) for _label, quantity in rows),
        default=0.0,
    )
    if highest <= 0 or lowest < 0:
        return ""
    height = ROW_HEIGHT * len(rows)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'xmlns="http://www.w3.org/2000/svg">',
        "<title>Values stated by each side</title>",
    ]
    for index, (label, quantity) in enumerate(rows):
        top = index * ROW_HEIGHT
        bar_top = top + LABEL_HEIGHT
        text = f"{label}: {describe_quantity(quantity)}"
        parts.append(f'<text x="0" y="{top + 12}" class="label">{escape(text)}</text>')
        if quantity.low is not None and quantity.high is not None and quantity.high > quantity.low:
            start = WIDTH * quantity.low / highest
            span = max(1.0, WIDTH * (quantity.high - quantity.low) / highest)
            parts.append(
                f'<rect x="{start:.1f}" y="{bar_top}" width="{span:.1f}" height="{BAR_HEIGHT}" class="range side{index}"/>'
            )
        width = max(1.0, WIDTH * quantity.value / highest)
        parts.append(
            f'<rect x="0" y="{bar_top + 4}" width="{width:.1f}" height="{BAR_HEIGHT - 8}" class="bar side{index}"/>'
        )
    parts.append("</svg>")
    return "".join(parts)
