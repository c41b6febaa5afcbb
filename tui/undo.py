"""Undo and redo of review marks; each step is written as a new review event, never a deletion."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    """One status change made from this desk: the claim and its status before and after."""

    claim_id: int
    before: str
    after: str

    def reversed(self) -> Mark:
        """The change that takes the claim back."""
        return Mark(self.claim_id, self.after, self.before)


class UndoHistory:
    """Two stacks of marks; a new mark clears what could be redone."""

    def __init__(self, limit: int = 200) -> None:
        self.limit = limit
        self._undo: list[Mark] = []
        self._redo: list[Mark] = []

    def record(self, mark: Mark) -> None:
        """Remember a mark the reviewer just made."""
        self._undo.append(mark)
        del self._undo[: -self.limit]
        self._redo.clear()

    def take_undo(self) -> Mark | None:
        """The mark to undo next, removed from the stack (give it back with `restore_undo` on failure)."""
        return self._undo.pop() if self._undo else None

    def take_redo(self) -> Mark | None:
        """The mark to redo next, removed from the stack."""
        return self._redo.pop() if self._redo else None

    def undone(self, mark: Mark) -> None:
        """Record that `mark` was undone, so it can be redone."""
        self._redo.append(mark)

    def redone(self, mark: Mark) -> None:
        """Record that `mark` was made again, so it can be undone."""
        self._undo.append(mark)

    def restore_undo(self, mark: Mark) -> None:
        self._undo.append(mark)

    def restore_redo(self, mark: Mark) -> None:
        self._redo.append(mark)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)
