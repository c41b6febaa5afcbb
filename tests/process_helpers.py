"""Finding the processes a test started: everything in a session, wherever its parents went."""

from __future__ import annotations

import time
from pathlib import Path


def session_processes(session_id: int) -> list[str]:
    """Command lines of the live (non-zombie) processes in session `session_id` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (
                (entry / "cmdline")
                .read_bytes()
                .replace(b"\0", b" ")
                .decode(errors="replace")
                .strip()
            )
        except OSError:
            continue
        # After the command name in parentheses: state, ppid, pgrp, session.
        state, _ppid, _pgrp, session = stat[stat.rindex(")") + 2 :].split()[:4]
        if int(session) == session_id and state != "Z":
            found.append(f"{entry.name}: {command}")
    return found


def survivors(session_id: int, timeout: float = 15.0) -> list[str]:
    """The processes of the session still alive once `timeout` seconds have passed (or none, sooner)."""
    deadline = time.monotonic() + timeout
    while True:
        alive = session_processes(session_id)
        if not alive or time.monotonic() >= deadline:
            return alive
        time.sleep(0.1)
