"""Reviewing on the desk: status marks with undo and redo, notes and link decisions, written in workers."""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual import on, work
from textual.message import Message

from claims.models import Claim, Conflict
from claims.text import one_line
from claims.vocabulary import speaker_name
from store.errors import StoreError, VersionConflict
from tui import writes
from tui.screens.main_loading import ListingLoading
from tui.screens.note import NoteScreen
from tui.undo import Mark, UndoHistory
from tui.widgets.detail import DetailPane


class Reviewing(ListingLoading):
    """Every write runs in a worker; the handlers below update the history, the row and the pane."""

    reviewer: str
    history: UndoHistory

    @dataclass
    class ClaimReviewed(Message):
        """A status or note was stored; `mark` is set when the status changed from this desk."""

        claim: Claim
        action: str
        mark: Mark | None
        last_change: int = -1
        conflicts: list[Conflict] | None = None
        """The claim's conflicts as stored after a status change (the rules run again on review)."""

    @dataclass
    class WriteFailed(Message):
        """A write was refused or failed; the message is one line for the reviewer."""

        message: str
        action: str
        mark: Mark | None = None
        note: str | None = None
        stale: bool = False

    @dataclass
    class LinkDecided(Message):
        """A suggested link was accepted or rejected."""

        claim_ids: tuple[int, int]
        accepted: bool

    def _displayed_claim(self) -> Claim | None:
        claim = self.table.current_claim
        if claim is None:
            self.notify("No claim is selected.", severity="warning")
        return claim

    def action_mark(self, status: str) -> None:
        claim = self._displayed_claim()
        if claim is None:
            return
        if claim.status == status:
            # Nothing to store: no history line, nothing to undo.
            self.notify(f"#{claim.id} is already {status}.", markup=False, timeout=3)
            return
        self._write_review(Mark(claim.id, claim.status, status), claim.version, "mark")

    def action_undo(self) -> None:
        mark = self.history.take_undo()
        if mark is None:
            self.notify("Nothing to undo.", severity="warning")
            return
        self._write_review(mark.reversed(), None, "undo")

    def action_redo(self) -> None:
        mark = self.history.take_redo()
        if mark is None:
            self.notify("Nothing to redo.", severity="warning")
            return
        self._write_review(mark, None, "redo")

    @work(thread=True, group="writes")
    def _write_review(self, mark: Mark, expected_version: int | None, action: str) -> None:
        try:
            claim = writes.set_status(self.store, mark, self.reviewer, expected_version)
            conflicts = self.store.conflicts(claim.id)
            last_change = self.store.last_change()
        except StoreError as error:
            stale = isinstance(error, VersionConflict)
            self.post_message(self.WriteFailed(str(error), action, mark, stale=stale))
            return
        self.post_message(self.ClaimReviewed(claim, action, mark, last_change, conflicts))

    def action_note(self) -> None:
        claim = self._displayed_claim()
        if claim is not None:
            self._ask_note(claim, "")

    def _ask_note(self, claim: Claim, text: str) -> None:
        heading = f"Note on claim #{claim.id} ({one_line(speaker_name(claim.speaker), 30)})"

        def save(note: str | None) -> None:
            if note:
                # The version shown when saving: after a refused write the list has been reloaded.
                row = self.table.row_of(claim.id)
                shown = self.table.claim_at(row) if row is not None else None
                self._write_note(claim.id, note, shown.version if shown else claim.version)

        self.app.push_screen(NoteScreen(heading, text), save)

    @work(thread=True, group="writes")
    def _write_note(self, claim_id: int, note: str, expected_version: int) -> None:
        try:
            claim = self.store.add_note(
                claim_id, note, self.reviewer, expected_version=expected_version
            )
            last_change = self.store.last_change()
        except StoreError as error:
            stale = isinstance(error, VersionConflict)
            self.post_message(
                self.WriteFailed(str(error), "note", Mark(claim_id, "", ""), note, stale)
            )
            return
        self.post_message(self.ClaimReviewed(claim, "note", None, last_change))

    @on(ClaimReviewed)
    def _claim_reviewed(self, event: ClaimReviewed) -> None:
        claim, mark = event.claim, event.mark
        if event.last_change == self.known_change + 1:
            # Only our own event was added since the last look; anyone else's change is left to the poll.
            self.known_change = event.last_change
        conflicts_changed = event.conflicts is not None and self._conflicts_changed(
            claim.id, event.conflicts
        )
        if event.action == "mark" and mark is not None:
            self.history.record(mark)
        elif event.action == "undo" and mark is not None:
            self.history.undone(mark.reversed())
        elif event.action == "redo" and mark is not None:
            self.history.redone(mark)
        self.table.replace_claim(claim)
        if self.detail is not None and self.detail.claim.id == claim.id:
            self.detail = replace(self.detail, claim=claim)
            if conflicts_changed:
                self._load_detail(claim.id)  # its conflicts and related list changed too
            else:
                self.query_one(DetailPane).show_review(self.detail)
        verb = {"note": "note saved on", "undo": "undone:", "redo": "redone:"}.get(event.action)
        if (
            verb
        ):  # a plain mark shows in the row and the detail pane; a toast would only slow it down
            self.notify(f"{verb} #{claim.id} {claim.status}", markup=False, timeout=3)

    def _conflicts_changed(self, claim_id: int, conflicts: list[Conflict]) -> bool:
        """Put a claim's re-read conflicts into the index; True when they differ from what was shown."""
        index = self.index
        if index is None:
            return False
        before = {
            cid: index.conflicts.get(cid) for cid in index.conflicts_by_claim.get(claim_id, ())
        }
        after = {conflict.id: conflict for conflict in conflicts}
        if before == after:
            return False
        touched = {claim_id} | {
            cid for c in list(before.values()) + conflicts if c for cid in c.claim_ids
        }
        for conflict_id in before:
            index.conflicts.pop(conflict_id, None)
        index.conflicts.update(after)
        for cid in touched:
            ids = [c.id for c in index.conflicts.values() if cid in c.claim_ids]
            if ids:
                index.conflicts_by_claim[cid] = ids
            else:
                index.conflicts_by_claim.pop(cid, None)
        self.table.conflicted = set(index.conflicts_by_claim)
        self.table.refresh()
        # Thread conflict counts come from the casefile-wide read.
        self._schedule_index_reload()
        return True

    @on(WriteFailed)
    def _write_failed(self, event: WriteFailed) -> None:
        self.notify(
            event.message, title=f"{event.action} failed", severity="error", markup=False, timeout=8
        )
        if event.action == "undo" and event.mark is not None:
            self.history.restore_undo(event.mark.reversed())
        elif event.action == "redo" and event.mark is not None:
            self.history.restore_redo(event.mark)
        if event.stale:
            self._refresh_all()
        if event.action == "note" and event.note and event.mark is not None:
            # The reviewer's words are never lost: the note comes back for another try.
            claim = self.table.claim_at(self.table.cursor)
            if claim is not None and claim.id == event.mark.claim_id:
                self._ask_note(claim, event.note)

    def action_decide_link(self, accept: bool) -> None:
        pane = self.query_one(DetailPane)
        pair = pane.related_pair
        claim = self.table.current_claim
        # Only the link the pane shows highlighted, and only while the pane shows the selected claim.
        if pair is None or claim is None or pane.detail is None or pane.detail.claim.id != claim.id:
            self.notify(
                "No related claim is selected: the detail pane lists them (tab to pick one).",
                severity="warning",
            )
            return
        self._write_link(claim.id, pair[1].id, accept)

    @work(thread=True, group="writes")
    def _write_link(self, claim_id: int, other_id: int, accept: bool) -> None:
        try:
            self.store.decide_link(claim_id, other_id, accept, self.reviewer)
        except StoreError as error:
            self.post_message(self.WriteFailed(str(error), "link"))
            return
        self.post_message(self.LinkDecided((claim_id, other_id), accept))

    @on(LinkDecided)
    def _link_decided(self, event: LinkDecided) -> None:
        verb = "accepted" if event.accepted else "rejected"
        self.notify(
            f"link #{event.claim_ids[0]}–#{event.claim_ids[1]} {verb}", markup=False, timeout=3
        )
        self._refresh_all()
