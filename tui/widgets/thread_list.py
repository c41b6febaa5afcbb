"""The side list: all claims, then threads most contested first, each with its disputes and their conflicts."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from claims.disputes import Dispute
from claims.text import one_line
from claims.vocabulary import speaker_name
from store.api import Thread
from tui.data import CaseIndex, Scope
from tui.widgets.symbols import CONFLICT_KIND_SYMBOLS as KIND_SYMBOLS
from tui.widgets.symbols import CONFLICT_SYMBOL, WEAK_CONFLICT_SYMBOL

CONFLICTS_PER_DISPUTE = 4
"""Conflicts listed under a dispute; choosing the dispute shows all its claims."""


def side_label(index: CaseIndex, claim_id: int, room: int) -> str:
    """One side of a conflict in about `room` cells: the speaker, then the quote if it fits."""
    claim = index.conflict_claims.get(claim_id)
    if claim is None:
        return f"#{claim_id}"
    speaker = one_line(speaker_name(claim.speaker), max(6, min(22, room)))
    if room - len(speaker) < 12:
        return speaker
    return f"{speaker} “{one_line(claim.quote, room - len(speaker) - 3)}”"


class ThreadList(OptionList):
    """Pick a thread or a conflict to narrow the claim table to it."""

    @dataclass
    class ScopeChosen(Message):
        """The reviewer chose what the table shows."""

        scope: Scope
        focus_claim: int | None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._scopes: dict[str, tuple[Scope, int | None]] = {}
        self._shown: tuple[CaseIndex, int] | None = None
        self._shown_width = 0

    def show_index(self, index: CaseIndex, total_claims: int) -> None:
        """Rebuild the list, keeping the highlighted entry when it still exists."""
        previous = None
        if self.highlighted is not None and self.option_count:
            previous = self.get_option_at_index(self.highlighted).id
        self.clear_options()
        self._shown = (index, total_claims)
        room = max(8, (self.scrollable_content_region.width - 10) // 2)
        self._scopes = {"all": (Scope(), None)}
        options = [Option(Text(f"All claims ({total_claims:,})", style="bold"), id="all")]
        # A check with sources on both sides leads: it is the claim the reviewer stated.
        for dispute in index.disputes.values():
            if dispute.kind == "check":
                options.extend(self._dispute_options(index, dispute, room))
        for number, thread in enumerate(index.threads):
            options.extend(self._thread_options(index, number, thread, room))
        if index.thread_total > len(index.threads):
            options.append(
                Option(
                    Text(
                        f"… {index.thread_total - len(index.threads):,} quieter threads not listed"
                    ),
                    disabled=True,
                )
            )
        self.add_options(options)
        ids = [option.id for option in options]
        self.highlighted = ids.index(previous) if previous in ids else 0

    def _thread_options(
        self, index: CaseIndex, number: int, thread: Thread, room: int
    ) -> list[Option]:
        """A thread's line, then each of its disputes with their first conflicts, then conflicts no dispute holds."""
        conflicts = len(thread.conflict_ids)
        marker = f"{CONFLICT_SYMBOL}{conflicts}" if conflicts else "· 0"
        prompt = Text(no_wrap=True, overflow="ellipsis")
        prompt.append(f"{marker:<4}", style="bold" if conflicts else "")
        prompt.append(f"{len(thread.claim_ids):>3} claims  ")
        prompt.append(one_line(thread.title, 80))
        option_id = f"thread-{number}"
        self._scopes[option_id] = (Scope(one_line(thread.title, 40), thread.claim_ids), None)
        options = [Option(prompt, id=option_id)]
        listed_conflicts: set[int] = set()
        for dispute_id in thread.dispute_ids:
            dispute = index.disputes.get(dispute_id)
            if dispute is None:
                continue
            if dispute.kind == "check":
                # Listed at the top: its conflicts are shown there.
                listed_conflicts.update(dispute.conflict_ids)
                continue
            options.extend(self._dispute_options(index, dispute, room))
            listed_conflicts.update(dispute.conflict_ids)
        # Conflicts no dispute holds (none, while both are read from one casefile) still show.
        for conflict_id in thread.conflict_ids:
            conflict = index.conflicts.get(conflict_id)
            if conflict is not None and conflict_id not in listed_conflicts:
                options.append(self._conflict_option(index, conflict, room))
        return options

    def _dispute_options(self, index: CaseIndex, dispute: Dispute, room: int) -> list[Option]:
        """A dispute's line (who stands on each side), then its first `CONFLICTS_PER_DISPUTE` conflicts."""
        kind = "✓" if dispute.kind == "check" else KIND_SYMBOLS.get(dispute.kind, "?")
        mark = WEAK_CONFLICT_SYMBOL if dispute.weak else CONFLICT_SYMBOL
        line = Text(f" {mark}{kind} ", no_wrap=True, overflow="ellipsis")
        line.append(f"{dispute.summary()}: ", style="bold")
        first, second = (
            ", ".join(one_line(speaker_name(name), 30) for name in side.speakers[:3])
            for side in dispute.sides
        )
        line.append(f"{first} vs {second}")
        option_id = f"dispute-{dispute.id}"
        name = f"check {dispute.check_id}" if dispute.check_id else f"dispute {dispute.id}"
        scope = Scope(f"{name}: {dispute.summary()}", dispute.claim_ids)
        self._scopes[option_id] = (
            scope,
            dispute.sides[0].claim_ids[0] if dispute.sides[0].claim_ids else None,
        )
        shown = [cid for cid in dispute.conflict_ids if cid in index.conflicts][
            :CONFLICTS_PER_DISPUTE
        ]
        return [Option(line, id=option_id)] + [
            self._conflict_option(index, index.conflicts[cid], room) for cid in shown
        ]

    def _conflict_option(self, index: CaseIndex, conflict, room: int) -> Option:
        a, b = conflict.claim_ids
        kind = KIND_SYMBOLS.get(conflict.kind, "?")
        mark = WEAK_CONFLICT_SYMBOL if conflict.weak else CONFLICT_SYMBOL
        line = Text(f"  {mark}{kind} ", no_wrap=True, overflow="ellipsis")
        line.append(side_label(index, a, room))
        line.append(" ↔ ")
        line.append(side_label(index, b, room))
        option_id = f"conflict-{conflict.id}"
        self._scopes[option_id] = (
            Scope(f"conflict {conflict.id} ({conflict.kind})", conflict.claim_ids),
            a,
        )
        return Option(line, id=option_id)

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if self._shown is not None and width != self._shown_width:
            self._shown_width = width
            self.show_index(*self._shown)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        scope, focus_claim = self._scopes.get(event.option.id or "", (Scope(), None))
        self.post_message(self.ScopeChosen(scope, focus_claim))
