"""Errors the store raises; each message is one line a user understands."""

from __future__ import annotations

from datetime import datetime


class StoreError(Exception):
    """The database cannot be opened, read or written."""


class NotFound(StoreError):
    """An id names nothing in this casefile."""


class InvalidValue(StoreError):
    """A value given to the store is not one it accepts (an unknown status, say)."""


class VersionConflict(StoreError):
    """Someone else changed the claim after it was read; the write was not made."""

    def __init__(self, claim_id: int, changed_by: str | None, changed_at: datetime | None):
        self.claim_id = claim_id
        self.changed_by = changed_by
        self.changed_at = changed_at
        when = changed_at.strftime("%Y-%m-%d %H:%M:%S") if changed_at else "just now"
        who = changed_by or "another reviewer"
        super().__init__(
            f"claim {claim_id} was changed by {who} at {when} after you read it; "
            "your change was not saved (reload to see the new state)"
        )
