"""A virtual claim table: renders only visible rows and fetches pages of claims as you scroll."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import on, work
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from claims.models import Claim, Source
from claims.text import one_line
from claims.vocabulary import speaker_name
from tui.widgets.numbers import quantity_label
from tui.widgets.symbols import CONFLICT_SYMBOL, STATUS_SYMBOLS, source_label

PAGE_SIZE = 200
FetchPage = Callable[[int, int], "Page"]


@dataclass
class Page:
    """Rows of the table with the sources they name (so labels never wait on a casefile-wide list)."""

    claims: list[Claim]
    sources: dict[int, Source]


class ClaimTable(ScrollView, can_focus=True):
    """Claims as rows: id, speaker, source, date, status, quantity and a conflict marker."""

    COMPONENT_CLASSES = {
        "claim-table--header",
        "claim-table--cursor",
        "claim-table--cursor-focused",
        "claim-table--confirmed",
        "claim-table--disputed",
        "claim-table--unverifiable",
        "claim-table--conflict",
        "claim-table--loading",
    }
    BINDINGS = [
        Binding(
            "up,k", "move(-1)", "Up", show=False, id="table.up", tooltip="Select the claim above"
        ),
        Binding(
            "down,j",
            "move(1)",
            "Down",
            show=False,
            id="table.down",
            tooltip="Select the claim below",
        ),
        Binding(
            "pageup",
            "page(-1)",
            "Page up",
            show=False,
            id="table.page_up",
            tooltip="Up one screen of claims",
        ),
        Binding(
            "pagedown",
            "page(1)",
            "Page down",
            show=False,
            id="table.page_down",
            tooltip="Down one screen of claims",
        ),
        Binding(
            "home",
            "jump(0)",
            "First",
            show=False,
            id="table.first",
            tooltip="Select the first claim",
        ),
        Binding(
            "end", "jump(-1)", "Last", show=False, id="table.last", tooltip="Select the last claim"
        ),
    ]

    cursor: reactive[int] = reactive(0)
    """Index of the highlighted row."""

    @dataclass
    class CursorMoved(Message):
        """The highlighted claim changed (or its row was just loaded)."""

        table: ClaimTable
        claim: Claim | None

    @dataclass
    class PageLoaded(Message):
        """A page of rows arrived from the store."""

        generation: int
        number: int
        page: Page

    @dataclass
    class PageFailed(Message):
        """A page could not be read from the store."""

        message: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.total = 0
        self.sources: dict[int, Source] = {}
        self.conflicted: set[int] = set()
        self._fetch: FetchPage | None = None
        self._pages: dict[int, list[Claim]] = {}
        self._requested: set[int] = set()
        self._generation = 0
        self._last_announced: tuple[int, int] | None = None
        self._style_cache: dict[str, Style] = {}
        self._columns_cache: tuple[int, list[tuple[str, int]]] | None = None

    # -- data ---------------------------------------------------------------
    def reset(self, fetch: FetchPage, total: int, first_pages: dict[int, Page]) -> None:
        """Show a new listing, keeping the cursor's row index where it can stay."""
        self._generation += 1
        self._fetch = fetch
        self.total = total
        self._pages = {number: page.claims for number, page in first_pages.items()}
        for page in first_pages.values():
            self.sources.update(page.sources)
        self._requested = set(first_pages)
        self._last_announced = None
        self.virtual_size = Size(self.size.width, total + 1)
        self.set_reactive(ClaimTable.cursor, max(0, min(self.cursor, total - 1)))
        self._scroll_cursor_into_view()
        self.refresh()
        self._announce()

    def set_total(self, total: int) -> None:
        """The listing's length is now known exactly (it was shown capped); rows already read stay."""
        self.total = total
        self.virtual_size = Size(self.size.width, total + 1)
        if self.cursor >= total:
            self.move_to(total - 1)
        self.refresh()

    def claim_at(self, index: int) -> Claim | None:
        """The claim in row `index` if its page is loaded."""
        page = self._pages.get(index // PAGE_SIZE)
        if page is None:
            return None
        offset = index % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    @property
    def current_claim(self) -> Claim | None:
        return self.claim_at(self.cursor) if self.total else None

    def replace_claim(self, claim: Claim) -> None:
        """Show a claim's new state in place (after a review) without refetching; only its row is redrawn."""
        for number, page in self._pages.items():
            for position, existing in enumerate(page):
                if existing.id == claim.id:
                    page[position] = claim
                    self.refresh_row(number * PAGE_SIZE + position)
                    return

    def refresh_row(self, index: int) -> None:
        """Redraw row `index` alone (the header is line 0, so row i is virtual line i + 1)."""
        self.refresh_line(index + 1)

    def row_of(self, claim_id: int) -> int | None:
        """The loaded row index holding `claim_id`, if any."""
        for number, page in self._pages.items():
            for offset, claim in enumerate(page):
                if claim.id == claim_id:
                    return number * PAGE_SIZE + offset
        return None

    def _want_page(self, page: int) -> None:
        if page in self._requested or self._fetch is None or page * PAGE_SIZE >= self.total:
            return
        self._requested.add(page)
        self._load_page(self._fetch, self._generation, page)

    @work(thread=True, group="claim-pages")
    def _load_page(self, fetch: FetchPage, generation: int, page: int) -> None:
        try:
            rows = fetch(page * PAGE_SIZE, PAGE_SIZE)
        except Exception as error:
            self.post_message(self.PageFailed(str(error)))
            return
        self.post_message(self.PageLoaded(generation, page, rows))

    @on(PageLoaded)
    def _page_loaded(self, event: PageLoaded) -> None:
        event.stop()
        if event.generation != self._generation:
            return
        self._pages[event.number] = event.page.claims
        self.sources.update(event.page.sources)
        self.refresh()
        self._announce()

    def _announce(self) -> None:
        claim = self.current_claim
        key = (self.cursor, claim.id if claim else -1)
        if key == self._last_announced:
            return
        if claim is None and self.total:
            self._want_page(self.cursor // PAGE_SIZE)
            return
        self._last_announced = key
        self.post_message(self.CursorMoved(self, claim))

    # -- cursor -------------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        # A scroll redraws the whole view by itself; otherwise only the two rows change.
        self._scroll_cursor_into_view()
        self.refresh_row(old)
        self.refresh_row(new)
        self._announce()

    def _scroll_cursor_into_view(self) -> None:
        visible = max(1, self.scrollable_content_region.height - 1)
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False)

    def move_to(self, index: int) -> None:
        """Put the cursor on row `index` (clamped)."""
        if self.total:
            self.cursor = max(0, min(index, self.total - 1))

    def action_move(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(1, self.scrollable_content_region.height - 2))

    def action_jump(self, index: int) -> None:
        self.move_to(index if index >= 0 else self.total - 1)

    def on_click(self, event: Click) -> None:
        row = int(self.scroll_y) + event.y - 1
        if event.y >= 1 and 0 <= row < self.total:
            self.move_to(row)

    # -- rendering ------------------------------------------------------------
    def notify_style_update(self) -> None:
        self._style_cache.clear()
        super().notify_style_update()

    def _style(self, name: str) -> Style:
        """The rich style of a component class, resolved once per theme or stylesheet change."""
        style = self._style_cache.get(name)
        if style is None:
            base = self.rich_style
            style = (
                base
                if name == "base"
                else base + self.get_component_rich_style(f"claim-table--{name}")
            )
            self._style_cache[name] = style
        return style

    def _columns(self, width: int) -> list[tuple[str, int]]:
        if self._columns_cache is not None and self._columns_cache[0] == width:
            return self._columns_cache[1]
        columns = self._compute_columns(width)
        self._columns_cache = (width, columns)
        return columns

    def _compute_columns(self, width: int) -> list[tuple[str, int]]:
        """Columns for this width: narrow tables drop the date, then the source (the pane shows both)."""
        fixed = [("id", 6), ("status", 15), ("qty", 9), ("!", 2)]
        if width >= 84:
            fixed.insert(1, ("date", 11))
        flexible = max(8, width - sum(w for _, w in fixed) - 1)
        if width < 70:
            return [("id", 6), ("speaker", flexible)] + fixed[1:]
        speaker = max(6, flexible * 5 // 11)
        return [("id", 6), ("speaker", speaker), ("source", flexible - speaker)] + fixed[1:]

    def _cells(self, claim: Claim, columns: list[tuple[str, int]]) -> list[str]:
        source = self.sources.get(claim.source_id)
        values = {
            "id": str(claim.id),
            "speaker": one_line(speaker_name(claim.speaker)),
            "source": source_label(source),
            "date": source.published.isoformat() if source and source.published else "",
            "status": f"{STATUS_SYMBOLS.get(claim.status, '○')} {claim.status}",
            "qty": quantity_label(claim),
            "!": CONFLICT_SYMBOL if claim.id in self.conflicted else "",
        }
        return [values[name] for name, _ in columns]

    @staticmethod
    def _fit(value: str, width: int) -> str:
        if len(value) > width - 1:
            value = value[: max(0, width - 2)] + "…"
        return value.ljust(width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        columns = self._columns(width)
        base = self._style("base")
        if y == 0:
            header = "".join(
                self._fit(name.upper() if name != "!" else "⚠", w) for name, w in columns
            )
            return Strip([Segment(header.ljust(width)[:width], self._style("header"))]).crop(
                0, width
            )
        index = int(self.scroll_y) + y - 1
        if index >= self.total:
            return Strip.blank(width, base)
        claim = self.claim_at(index)
        if claim is None:
            self._want_page(index // PAGE_SIZE)
            return Strip([Segment("…".ljust(width), self._style("loading"))]).crop(0, width)
        segments = []
        for (name, column_width), value in zip(columns, self._cells(claim, columns)):
            style = base
            if name == "status" and claim.status != "unreviewed":
                style = self._style(claim.status)
            elif name == "!" and value:
                style = self._style("conflict")
            segments.append(Segment(self._fit(value, column_width), style))
        used = sum(w for _, w in columns)
        if used < width:
            segments.append(Segment(" " * (width - used), base))
        if index == self.cursor:
            cursor = self._style("cursor-focused" if self.has_focus else "cursor")
            segments = [Segment(text, (style or base) + cursor) for text, style, _ in segments]
        return Strip(segments).crop(0, width)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.total + 1)
