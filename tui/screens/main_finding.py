"""Finding claims on the review desk: scope from the side list, search, filter, sort and pin."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.timer import Timer
from textual.widgets import Input

from claims.text import one_line
from tui.data import FILTERS, SORTS, Pin
from tui.screens.main_loading import ListingLoading
from tui.widgets.thread_list import ThreadList

SEARCH_DELAY = 0.25
"""Seconds of quiet typing before the search runs."""


class Finding(ListingLoading):
    """Each finding action changes the listing query and reloads the table."""

    _search_timer: Timer | None

    def _set_query(self, **changes) -> None:
        self.query_state = replace(self.query_state, **changes)
        self._update_status_bar()
        self._reload_listing()

    @on(ThreadList.ScopeChosen)
    def _scope_chosen(self, event: ThreadList.ScopeChosen) -> None:
        self._focus_claim = event.focus_claim
        self.table.cursor = 0
        self._set_query(scope=event.scope)
        self.table.focus()

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(
            SEARCH_DELAY, lambda: self._set_query(search=event.value)
        )

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        if event.value != self.query_state.search:
            self._set_query(search=event.value)
        self.query_one("#search", Input).display = bool(event.value)
        self.table.focus()

    def key_escape(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_focus or search.display:
            search.value = ""
            search.display = False
            self._set_query(search="")
            self.table.focus()

    def action_cycle_filter(self) -> None:
        names = [name for name, _ in FILTERS]
        self._set_query(
            filter_name=names[(names.index(self.query_state.filter_name) + 1) % len(names)]
        )

    def action_cycle_sort(self) -> None:
        self._set_query(sort=SORTS[(SORTS.index(self.query_state.sort) + 1) % len(SORTS)])

    def action_cycle_pin(self) -> None:
        claim, pin = self.table.current_claim, self.query_state.pin
        if pin is None and claim is not None and claim.speaker:
            pin = Pin("speaker", claim.speaker, f"speaker {one_line(claim.speaker, 30)}")
        elif (pin is None or pin.kind == "speaker") and claim is not None:
            source = self.table.sources.get(claim.source_id)
            label = (
                one_line((source.outlet or source.title or "") if source else "", 30)
                or f"#{claim.source_id}"
            )
            pin = Pin("source", str(claim.source_id), f"source {label}")
        else:
            pin = None
        self._set_query(pin=pin)
