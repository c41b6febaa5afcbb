"""Errors the store raises; each message is one line a user understands.

`scrub` (from `store.redaction`) is here too: whoever prints an error removes credentials with it.
"""

from __future__ import annotations

from datetime import datetime

from store.redaction import scrub


class StoreError(Exception):
    """The database cannot be opened, read or written."""


class NoCasefile(StoreError):
    """There is no casefile where the command looked, and the command does not create one."""


class NotFound(StoreError):
    """An id names nothing in this casefile."""


class InvalidValue(StoreError):
    """A value given to the store is not one it accepts (an unknown status, say)."""


class VersionConflict(StoreError):
    """Someone else changed the claim after it was read; the write was not made."""

    def __init__(
        self,
        claim_id: int,
        changed_by: str | None,
        changed_at: datetime | None,
        current_status: str | None = None,
        current_version: int | None = None,
        expected_version: int | None = None,
    ):
        self.claim_id = claim_id
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.current_status = current_status
        self.current_version = current_version
        now = (
            f"it is now {current_status} (version {current_version})"
            if current_status is not None and current_version is not None
            else "reload it"
        )
        if (
            expected_version is not None
            and current_version is not None
            and expected_version > current_version
        ):
            message = f"claim {claim_id} has no version {expected_version} yet; {now}"
        else:
            when = f"at {changed_at:%Y-%m-%d %H:%M:%S} UTC" if changed_at else "just now"
            message = f"claim {claim_id} was changed by {changed_by or 'another reviewer'} {when} after you read it; {now}"
        super().__init__(f"{message}; your change was not saved")


__all__ = [
    "InvalidValue",
    "NoCasefile",
    "NotFound",
    "StoreError",
    "VersionConflict",
    "scrub",
]
