"""`endorse confirm`: a pending signer's signature checked, so that it prints; the day it was
checked is kept (``confirmed = DATE``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from endorse.edit.signers import change_entry, entry_named
from endorse.edit.store import LOCK_WAIT_SECONDS, Changed, editing
from endorse.errors import UsageError, WriteRefused
from endorse.project.model import Entry


def confirm(
    root: Path,
    slug: str,
    names: list[str],
    *,
    all_pending: bool = False,
    line: str | None = None,
    dry_run: bool = False,
    wait: float = LOCK_WAIT_SECONDS,
    today: dt.date | None = None,
) -> Changed:
    """Set each entry's status to confirmed and record the day (``confirmed = DATE``)."""
    today = today or dt.date.today()
    if bool(names) == all_pending:
        raise UsageError("give the names to confirm, or --all-pending (not both)")
    with editing(root, slug, dry_run=dry_run, wait=wait) as edit:
        loaded = edit.loaded
        loaded.require()
        if all_pending:
            entries = [e for e in loaded.entries if e.signatory.status == "pending"]
            if not entries:
                raise WriteRefused(
                    f"no pending signatory in statement '{slug}'; nothing was written",
                    path=loaded.path,
                )
        else:
            pending_first = _pending
            entries = [entry_named(loaded, n, line=line, prefer=pending_first) for n in names]
        done = []
        for entry in entries:
            status = entry.signatory.status
            if status != "pending":
                hint = (
                    f"run 'endorse reinstate {slug} \"{entry.signatory.name}\"' to undo it"
                    if status == "withdrawn"
                    else None
                )
                raise WriteRefused(
                    f"'{entry.signatory.name}' is {status}, not pending; nothing was written",
                    path=entry.path,
                    line=entry.line,
                    hint=hint,
                )
            done.append(f"confirmed '{entry.signatory.name}' ({entry.location})")
        # A line inserted in a table moves the tables below it: the last one is changed first.
        for entry in sorted(entries, key=lambda e: (str(e.path), e.line or 0), reverse=True):
            updates = {"status": "confirmed", "confirmed": today}
            change_entry(edit, entry, updates, verb="confirmed")
        return edit.changed(done)


def _pending(entry: Entry) -> bool:
    return entry.signatory.status == "pending"
