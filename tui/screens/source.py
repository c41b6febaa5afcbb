"""The source view: a whole document with every claim highlighted, stepped through with n/p."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from claims.models import Claim, Source
from claims.text import display_safe, one_line
from claims.vocabulary import speaker_name
from tui.widgets.symbols import status_label

WINDOW_PARAGRAPHS = 120
"""Paragraphs mounted around the current claim; a huge document is never mounted whole."""


@dataclass(frozen=True)
class Paragraph:
    """A block of the source between blank lines, with its offset."""

    start: int
    text: str


def split_paragraphs(text: str) -> list[Paragraph]:
    """The document's paragraphs with their offsets in the source text."""
    paragraphs, position = [], 0
    while position <= len(text):
        end = text.find("\n\n", position)
        end = len(text) if end < 0 else end
        if text[position:end].strip():
            paragraphs.append(Paragraph(position, text[position:end]))
        position = end + 2
    return paragraphs or [Paragraph(0, text)]


def paragraph_of(paragraphs: list[Paragraph], offset: int) -> int:
    """Index of the paragraph holding `offset`."""
    found = 0
    for index, paragraph in enumerate(paragraphs):
        if paragraph.start <= offset:
            found = index
        else:
            break
    return found


class SourceScreen(Screen[None]):
    """Read a claim where it stands, among every other claim of the same document."""

    BINDINGS = [
        Binding("escape,o", "back", "Back", id="source.back"),
        Binding("n", "step(1)", "Next claim", id="source.next"),
        Binding("p", "step(-1)", "Previous claim", id="source.previous"),
        Binding("tab,right", "step(1)", "Next claim", show=False, id="source.next_alt"),
        Binding(
            "shift+tab,left", "step(-1)", "Previous claim", show=False, id="source.previous_alt"
        ),
        Binding("q", "app.quit", "Quit", id="source.quit"),
    ]
    COMPONENT_CLASSES = {"source-view--claim", "source-view--current"}

    def __init__(self, source: Source, claims: list[Claim], current_claim_id: int) -> None:
        super().__init__()
        self.source = source
        self.claims = sorted(claims, key=lambda claim: (claim.start, claim.id))
        ids = [claim.id for claim in self.claims]
        self.position = ids.index(current_claim_id) if current_claim_id in ids else 0
        self.paragraphs = split_paragraphs(source.text or "")
        self._window = (0, 0)

    def compose(self) -> ComposeResult:
        source = self.source
        heading = Text(
            one_line(source.title or source.path or f"source {source.id}", 100), style="bold"
        )
        details = [one_line(value, 60) for value in (source.outlet, source.url) if value]
        details.append(source.published.isoformat() if source.published else "date unknown")
        heading.append(" — " + " — ".join(details))
        yield Static(heading, id="source-heading")
        yield Static("", id="source-status", markup=False)
        low, high = self._window_around_current()
        self._window = (low, high)
        with VerticalScroll(id="source-body"):
            yield from self._paragraph_widgets(low, high)
        yield Footer()

    def on_mount(self) -> None:
        self._update_status()
        self.query_one("#source-body").focus()
        self.call_after_refresh(self._scroll_to_current)

    def _window_around_current(self) -> tuple[int, int]:
        current = self.current
        centre = paragraph_of(self.paragraphs, current.start) if current else 0
        low = max(0, centre - WINDOW_PARAGRAPHS // 2)
        return low, min(len(self.paragraphs), low + WINDOW_PARAGRAPHS)

    def _paragraph_widgets(self, low: int, high: int) -> list[Static]:
        return [
            Static(
                self._paragraph_text(self.paragraphs[index]),
                classes="paragraph",
                id=f"para-{index}",
            )
            for index in range(low, high)
        ]

    @property
    def current(self) -> Claim | None:
        return self.claims[self.position] if self.claims else None

    def _paragraph_text(self, paragraph: Paragraph) -> Text:
        text = Text(display_safe(paragraph.text))
        end = paragraph.start + len(paragraph.text)
        plain = self.get_component_rich_style("source-view--claim")
        strong = self.get_component_rich_style("source-view--current")
        current = self.current
        for claim in self.claims:
            if claim.end <= paragraph.start or claim.start >= end or claim is current:
                continue
            text.stylize(plain, max(0, claim.start - paragraph.start), claim.end - paragraph.start)
        if current is not None and current.end > paragraph.start and current.start < end:
            text.stylize(
                strong, max(0, current.start - paragraph.start), current.end - paragraph.start
            )
        return text

    def _render_window(self) -> None:
        body = self.query_one("#source-body", VerticalScroll)
        low, high = self._window_around_current()
        if (low, high) != self._window:
            body.remove_children()
            body.mount_all(self._paragraph_widgets(low, high))
            self._window = (low, high)
        self._update_status()
        self.call_after_refresh(self._scroll_to_current)

    def _scroll_to_current(self) -> None:
        current = self.current
        if current is None:
            return
        index = paragraph_of(self.paragraphs, current.start)
        widget = self.query_one(f"#para-{index}", Static)
        self.query_one("#source-body", VerticalScroll).scroll_to_center(widget, animate=False)

    def _update_status(self) -> None:
        current = self.current
        status = self.query_one("#source-status", Static)
        if current is None:
            status.update(Text("No claims found in this document."))
            return
        line = Text(
            f"Claim {self.position + 1}/{len(self.claims)} · #{current.id} · {status_label(current.status)} · "
        )
        line.append(one_line(speaker_name(current.speaker), 40), style="italic")
        line.append(" · n/p steps, escape returns")
        status.update(line)

    def action_step(self, delta: int) -> None:
        if not self.claims:
            return
        previous = self.claims[self.position]
        self.position = (self.position + delta) % len(self.claims)
        current = self.claims[self.position]
        low, high = self._window
        index = paragraph_of(self.paragraphs, current.start)
        if not low <= index < high:
            self._render_window()
            return
        for claim in (previous, current):
            paragraph_index = paragraph_of(self.paragraphs, claim.start)
            if low <= paragraph_index < high:
                widget = self.query_one(f"#para-{paragraph_index}", Static)
                widget.update(self._paragraph_text(self.paragraphs[paragraph_index]))
        self._update_status()
        self._scroll_to_current()

    def action_back(self) -> None:
        self.dismiss(None)
