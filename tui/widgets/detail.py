"""The detail pane: a claim in its paragraph, who said it where, its history and the claims beside it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.visual import visualize
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from claims.context import paragraph_around
from claims.models import Claim, Link
from claims.ratings import prior_ratings, rating_sentence
from claims.text import display_safe, one_line
from claims.vocabulary import link_state_word, speaker_name
from store.api import is_note_only
from tui.data import ClaimDetail
from tui.widgets.quantity_chart import QuantityChart, chart_points
from tui.widgets.symbols import (
    CONFLICT_SYMBOL,
    RELATION_SYMBOLS,
    WEAK_CONFLICT_SYMBOL,
    source_label,
    status_label,
)

MAX_CONFLICTS_SHOWN = 3
HISTORY_DELAY = 0.3
"""Seconds after a mark before the pane's history shows it (the row and status line show it at once)."""
MAX_QUOTE_SHOWN = 2000
"""A longer quote is cut in the pane (the source view shows all of it)."""
EMPTY_CASEFILE = (
    "This casefile has no claims yet.\n\n"
    "Add documents from a terminal in this folder:\n"
    "  counterclaim add story.txt saved-page.html transcripts/\n"
    "(.txt, .md and .html files, or whole folders), then press r here to read them.\n\n"
    "To look around first: counterclaim demo opens a sample story. Press ? for every key."
)
NO_CLAIM_SELECTED = "Select a claim to see it in its source."


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit] + f" … ({len(text) - limit:,} more characters)"


def passage_text(detail: ClaimDetail, quote_style: str = "bold underline") -> Text:
    """The claim's paragraph with the quote highlighted; all of it literal text."""
    claim, source_text = detail.claim, detail.source.text or ""
    if not source_text:
        return Text(display_safe(claim.quote), style=quote_style)
    passage = paragraph_around(source_text, claim.start, claim.end, max_chars=900)
    text = Text()
    text.append(display_safe(_cut(passage.before, 600)[-600:]))
    text.append(display_safe(_cut(passage.highlighted, MAX_QUOTE_SHOWN)), style=quote_style)
    text.append(display_safe(_cut(passage.after, 600)))
    return text


def claim_card(claim: Claim, detail: ClaimDetail, heading: str) -> Text:
    """A compact block for the side-by-side comparison."""
    source = detail.sources.get(claim.source_id)
    card = Text()
    card.append(f"{heading}\n", style="bold")
    card.append(f"#{claim.id} {status_label(claim.status)}\n")
    card.append(one_line(speaker_name(claim.speaker), 60) + "\n", style="italic")
    card.append(f"in {source_label(source, 60)}\n")
    card.append("“" + one_line(_cut(claim.quote, 400)) + "”")
    return card


def meta_text(detail: ClaimDetail, chosen: frozenset[int] = frozenset()) -> Text:
    """Status and kind, each conflict with its whole reason, then speaker with role and source.

    Conflicts between claims in `chosen` (the conflict picked in the side list) come first.
    """
    claim, source = detail.claim, detail.source
    text = Text()
    text.append(f"#{claim.id} ", style="bold")
    text.append(status_label(claim.status), style="bold")
    text.append(
        f" · {claim.kind} · {claim.polarity}{' · hedged' if claim.hedged else ''} · v{claim.version}"
    )
    # The reason for a conflict is what a reviewer needs first: it comes before who and where.
    conflicts = sorted(detail.conflicts, key=lambda conflict: not set(conflict.claim_ids) <= chosen)
    for conflict in conflicts[:MAX_CONFLICTS_SHOWN]:
        text.append_text(conflict_text(detail, conflict))
    hidden = len(detail.conflicts) - MAX_CONFLICTS_SHOWN
    if hidden > 0:
        text.append(
            f"\n{CONFLICT_SYMBOL} and {hidden} more conflict{'s' if hidden > 1 else ''} (see the related claims below)"
        )
    text.append("\n\n" if detail.conflicts else "\n")
    speaker = one_line(speaker_name(claim.speaker))
    text.append("Speaker: ", style="bold")
    text.append(speaker)
    if claim.speaker_role:
        text.append(f" ({one_line(claim.speaker_role)})")
    text.append("\nSource: ", style="bold")
    text.append(one_line(source.title or source.path or f"source {source.id}"))
    details = [one_line(value) for value in (source.outlet, source.url) if value]
    details.append(source.published.isoformat() if source.published else "date unknown")
    text.append(" — " + " — ".join(details))
    if claim.reprint_of is not None:
        text.append(f"\n{RELATION_SYMBOLS['reprint']} Reprint of #{claim.reprint_of}", style="bold")
        text.append(
            " (the same words from the same speaker): its related claims and conflicts stand there"
        )
    reprints = sum(1 for _, other in detail.related if other.reprint_of == claim.id)
    if reprints:
        text.append(
            f"\n{RELATION_SYMBOLS['reprint']} Reprinted {reprints} time{'s' if reprints > 1 else ''}",
            style="bold",
        )
        text.append(" in other sources (listed below)")
    if claim.rating:
        text.append("\nPublished rating: ", style="bold")
        text.append(one_line(rating_sentence(claim).removeprefix("already rated ")))
    for rated, sentence in prior_ratings(detail.related):
        text.append(f"\n★ {one_line(sentence)} (#{rated.id})", style="bold")
    return text


def side_line(detail: ClaimDetail, claim: Claim) -> Text:
    """One side of a conflict: its id, speaker (with role) and source (outlet, else title), all of it."""
    source = detail.sources.get(claim.source_id)
    line = Text()
    line.append(f"#{claim.id} ", style="bold")
    line.append(one_line(speaker_name(claim.speaker)), style="italic")
    if claim.speaker_role:
        line.append(f" ({one_line(claim.speaker_role)})")
    line.append(" in ")
    if source is None:
        line.append(f"source {claim.source_id}")
    elif source.outlet:
        line.append(one_line(source.outlet))
    else:
        line.append("“" + one_line(source.title or source.path or f"source {source.id}") + "”")
    return line


def conflict_text(detail: ClaimDetail, conflict) -> Text:
    """A conflict with its whole reason, wrapped by the pane, and both sides' speakers and sources."""
    claims = {detail.claim.id: detail.claim} | {other.id: other for _, other in detail.related}
    weak = conflict.weak
    text = Text("\n")
    text.append(
        f"{WEAK_CONFLICT_SYMBOL if weak else CONFLICT_SYMBOL} {conflict.kind} conflict",
        style="bold",
    )
    if weak:
        text.append(" (weak: one side is hedged or only reported)")
    text.append(": ")
    text.append(one_line(conflict.explanation))
    for claim_id in sorted(conflict.claim_ids, key=lambda cid: cid != detail.claim.id):
        side = claims.get(claim_id)
        text.append("\n  ")
        text.append_text(side_line(detail, side) if side is not None else Text(f"#{claim_id}"))
        if claim_id == detail.claim.id:
            text.append(" (this claim)")
    return text


def history_text(claim: Claim) -> Text:
    """The append-only review log of a claim, oldest first."""
    text = Text()
    text.append("History", style="bold")
    if not claim.history:
        text.append("\n  not reviewed yet")
    for event in claim.history:
        change = (
            "note"
            if is_note_only(event.from_, event.to, event.note)
            else f"{event.from_} → {event.to}"
        )
        text.append(f"\n  {event.at:%Y-%m-%d %H:%M} {one_line(event.reviewer, 30)}: {change}")
        if event.note:
            text.append(" — ")
            text.append(one_line(event.note, 300), style="italic")
    return text


def update_in_place(static: Static, content: Text) -> None:
    """Update a Static, laying out the screen again only when its height changes."""
    width = static.content_region.width
    # get_height is annotated to take a RulesMap; Textual's own Widget passes its styles, as here.
    same_height = bool(width) and static.content_region.height == visualize(
        static, content, markup=False
    ).get_height(static.styles, width)  # type: ignore[arg-type]
    static.update(content, layout=not same_height)


class DetailPane(VerticalScroll):
    """Everything about the highlighted claim; the related list picks the other side to compare."""

    @dataclass
    class RelatedHighlighted(Message):
        """A related claim was picked for comparison."""

        link: Link | None
        claim: Claim | None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.detail: ClaimDetail | None = None
        self.chosen: frozenset[int] = frozenset()
        """Claims the list is narrowed to: their conflicts are shown first."""
        self._history_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(NO_CLAIM_SELECTED, id="meta", markup=False)
        yield Static("", id="passage", markup=False)
        yield QuantityChart(id="chart")
        yield OptionList(id="related")
        with Horizontal(id="compare"):
            yield Static("", id="this-side", markup=False)
            yield Static("", id="other-side", markup=False)
        yield Static("", id="history", markup=False)

    @property
    def related_pair(self) -> tuple[Link, Claim] | None:
        """The related claim highlighted in the list."""
        option_list = self.query_one("#related", OptionList)
        if self.detail is None or option_list.highlighted is None:
            return None
        if option_list.highlighted >= len(self.detail.related):
            return None
        return self.detail.related[option_list.highlighted]

    def show(self, detail: ClaimDetail, keep_related: bool = False) -> None:
        """Show a claim; keeps the related-claim selection when it is the same claim."""
        previous = self.related_pair if keep_related else None
        self._cancel_history()
        self.detail = detail
        self.query_one("#passage", Static).update(passage_text(detail))
        self.query_one("#meta", Static).update(meta_text(detail, self.chosen))
        labels = {
            claim.id: f"{source_label(detail.sources.get(claim.source_id), 14)} #{claim.id}"
            for claim in [detail.claim] + [other for _, other in detail.related]
        }
        self.query_one(QuantityChart).show_points(
            chart_points(detail.claim, [other for _, other in detail.related], labels)
        )
        option_list = self.query_one("#related", OptionList)
        option_list.clear_options()
        conflicting = {cid for conflict in detail.conflicts for cid in conflict.claim_ids}
        for link, other in detail.related:
            relation: str = "conflicts" if other.id in conflicting else link.relation
            if other.reprint_of == detail.claim.id or other.id == detail.claim.reprint_of:
                relation = "reprint"
            prompt = Text()
            prompt.append(f"{RELATION_SYMBOLS.get(relation, ' ')} {relation:<9} ")
            prompt.append(f"{link_state_word(link.state):<9} ")
            prompt.append(f"#{other.id} ")
            prompt.append(one_line(speaker_name(other.speaker), 24), style="italic")
            prompt.append(": " + one_line(other.quote, 120))
            option_list.add_option(Option(prompt))
        option_list.display = bool(detail.related)
        self.query_one("#compare").display = bool(detail.related)
        self.query_one("#history", Static).update(history_text(detail.claim))
        if detail.related:
            index = 0
            if previous is not None:
                ids = [other.id for _, other in detail.related]
                index = ids.index(previous[1].id) if previous[1].id in ids else 0
            option_list.highlighted = index
            self._compare(index)
        else:
            self.post_message(self.RelatedHighlighted(None, None))

    def clear(self, message: str) -> None:
        """Show no claim, only `message` (an empty casefile, or a listing that holds no claim)."""
        self._cancel_history()
        self.detail = None
        self.query_one("#meta", Static).update(Text(message))
        self.query_one("#passage", Static).update("")
        self.query_one(QuantityChart).show_points([])
        self.query_one("#related", OptionList).clear_options()
        self.query_one("#related").display = False
        self.query_one("#compare").display = False
        self.query_one("#history", Static).update("")
        self.post_message(self.RelatedHighlighted(None, None))

    def show_review(self, detail: ClaimDetail) -> None:
        """Refresh only what a review changes: the status line now, the history once marking pauses."""
        self.detail = detail
        update_in_place(self.query_one("#meta", Static), meta_text(detail, self.chosen))
        if detail.related:
            update_in_place(
                self.query_one("#this-side", Static), claim_card(detail.claim, detail, "This claim")
            )
        # A new history line makes the pane taller, which lays out the whole screen: when the
        # reviewer moves straight on to the next claim, that work is never needed.
        self._cancel_history()
        self._history_timer = self.set_timer(HISTORY_DELAY, self._show_history)

    def _show_history(self) -> None:
        self._history_timer = None
        if self.detail is not None:
            update_in_place(self.query_one("#history", Static), history_text(self.detail.claim))

    def on_focus(self) -> None:
        self._flush_history()

    def on_descendant_focus(self) -> None:
        self._flush_history()

    def _flush_history(self) -> None:
        """The reviewer came to read the pane: show a pending history line now."""
        if self._history_timer is not None:
            self._cancel_history()
            self._show_history()

    def _cancel_history(self) -> None:
        if self._history_timer is not None:
            self._history_timer.stop()
            self._history_timer = None

    def _compare(self, index: int) -> None:
        if self.detail is None or index >= len(self.detail.related):
            return
        link, other = self.detail.related[index]
        self.query_one("#this-side", Static).update(
            claim_card(self.detail.claim, self.detail, "This claim")
        )
        self.query_one("#other-side", Static).update(
            claim_card(
                other,
                self.detail,
                f"▶ {link.relation.capitalize()} ({link_state_word(link.state)} link)",
            )
        )
        self.post_message(self.RelatedHighlighted(link, other))

    @on(OptionList.OptionHighlighted, "#related")
    def _related_moved(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._compare(event.option_index)
