"""`endorse reinstate`: undo a withdrawal; the withdrawal's date and reason stay on record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from endorse.edit.signers import change_entry, entry_named
from endorse.edit.store import LOCK_WAIT_SECONDS, Changed, editing
from endorse.errors import WriteRefused


def reinstate(
    root: Path,
    slug: str,
    name: str,
    *,
    line: str | None = None,
    dry_run: bool = False,
    wait: float = LOCK_WAIT_SECONDS,
    today: dt.date | None = None,
) -> Changed:
    today = today or dt.date.today()
    with editing(root, slug, dry_run=dry_run, wait=wait) as edit:
        loaded = edit.loaded
        loaded.require()
        entry = entry_named(
            loaded, name, line=line, prefer=lambda e: e.signatory.status == "withdrawn"
        )
        signatory = entry.signatory
        if signatory.status != "withdrawn":
            raise WriteRefused(
                f"'{signatory.name}' is {signatory.status}, not withdrawn; nothing was written",
                path=entry.path,
                line=entry.line,
            )
        change_entry(edit, entry, {"status": "confirmed", "reinstated": today}, verb="reinstated")
        return edit.changed([f"reinstated '{signatory.name}' on {today} ({entry.location})"])
