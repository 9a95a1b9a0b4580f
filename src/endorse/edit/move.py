"""`endorse move`: a signer to another group (tier) of the statement."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from endorse.edit.signers import (
    Invalid,
    after_publication,
    change_entry,
    entry_named,
    group_problem,
    is_live,
)
from endorse.edit.store import LOCK_WAIT_SECONDS, Changed, editing
from endorse.errors import WriteRefused


def move(
    root: Path,
    slug: str,
    name: str,
    group: str,
    *,
    line: str | None = None,
    force: bool = False,
    dry_run: bool = False,
    wait: float = LOCK_WAIT_SECONDS,
    today: dt.date | None = None,
) -> Changed:
    today = today or dt.date.today()
    with editing(root, slug, dry_run=dry_run, wait=wait) as edit:
        loaded = edit.loaded
        statement = loaded.require()
        entry = entry_named(loaded, name, line=line, prefer=is_live)
        problem = group_problem(group, statement, slug)
        if problem is not None:
            raise Invalid(f"not moved: {problem[0]}", path=loaded.path, hint=problem[1])
        was = statement.group_of(entry.signatory)
        if was == group:
            raise WriteRefused(
                f"'{entry.signatory.name}' is already in '{group}'; nothing was written",
                path=entry.path,
                line=entry.line,
            )
        note = after_publication(edit, ["group"], force=force, verb="moved", today=today)
        change_entry(edit, entry, {"group": group}, verb="moved", comment=note)
        done = [f"moved '{entry.signatory.name}' from '{was}' to '{group}' ({entry.location})"]
        return edit.changed(done + ([f"noted in the file: {note}"] if note else []))
