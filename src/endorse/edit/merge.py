"""`endorse merge`: two entries that `dupes` found are one signer; keep one, fold in the other.

The kept entry gains the other's name and aliases as aliases, its acronym, note, country and
translated names where it has none, and the earlier ``added``. Every private field of both is
kept: the other's contact becomes the kept entry's, or one of its further ``contacts`` when it
has one. The other is removed, or with ``--keep-withdrawn`` stays as withdrawn "merged into ...".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from endorse.edit.signers import (
    after_publication,
    change_entry,
    entry_named,
    folded_private,
    is_live,
    private_contacts,
    private_index,
)
from endorse.edit.store import LOCK_WAIT_SECONDS, Changed, Edit, editing
from endorse.errors import WriteRefused
from endorse.format.models import Signatory
from endorse.project.model import Entry
from endorse.project.names import fold
from endorse.project.paths import private_file, signer_folder

CARRIED = ("acronym", "note", "country")


def carried_over(keep: Signatory, other: Signatory) -> dict[str, Any]:
    """The keys the kept entry takes from the other one."""
    updates: dict[str, Any] = {}
    known = {fold(n) for n in (keep.name, *keep.aliases)}
    aliases = list(keep.aliases)
    for alias in (other.name, *other.aliases):
        if fold(alias) not in known:
            aliases.append(alias)
            known.add(fold(alias))
    if aliases != keep.aliases:
        updates["aliases"] = aliases
    for key in CARRIED:
        if getattr(keep, key) is None and getattr(other, key) is not None:
            updates[key] = getattr(other, key)
    for lang, name in other.names.items():
        if lang not in keep.names:
            updates[f"name_{lang}"] = name
    if other.added is not None and keep.added is not None and other.added < keep.added:
        updates["added"] = other.added
    return updates


def merge(
    root: Path,
    slug: str,
    keep_name: str,
    other_name: str,
    *,
    keep_line: str | None = None,
    other_line: str | None = None,
    keep_withdrawn: bool = False,
    force: bool = False,
    dry_run: bool = False,
    wait: float = LOCK_WAIT_SECONDS,
    today: dt.date | None = None,
) -> Changed:
    today = today or dt.date.today()
    with editing(root, slug, dry_run=dry_run, wait=wait) as edit:
        loaded = edit.loaded
        loaded.require()
        keep = entry_named(loaded, keep_name, line=keep_line, prefer=is_live)
        other = entry_named(loaded, other_name, line=other_line, prefer=is_live)
        if keep is other:
            raise WriteRefused(
                f"'{keep_name}' and '{other_name}' are the same entry ({keep.location})",
                path=keep.path,
                line=keep.line,
                hint="give two different entries (--line tells apart entries of the same name)",
            )
        done = [
            f"merged '{other.signatory.name}' ({other.location}) into "
            f"'{keep.signatory.name}' ({keep.location})"
        ]

        updates = carried_over(keep.signatory, other.signatory)
        note = after_publication(edit, ["name", *updates], force=force, verb="merged", today=today)

        def fold_in() -> None:
            if updates:
                change_entry(edit, keep, updates, verb="merged", comment=note)
            elif note is not None:
                edit.set_keys(root / keep.path, "signatory", keep.line, {}, comment=note)

        def set_aside() -> None:
            if keep_withdrawn:
                if other.signatory.status != "withdrawn":
                    reason = f"merged into '{keep.signatory.name}'"
                    updates = {
                        "status": "withdrawn",
                        "withdrawn": today,
                        "withdrawn_reason": reason,
                    }
                    change_entry(edit, other, updates, verb="merged")
                done.append(f"kept '{other.signatory.name}' as withdrawn")
                return
            path = root / other.path
            edit.remove_table(path, "signatory", other.line)
            if path.parent == signer_folder(root, slug) and _holds_nothing(edit.data(path)):
                edit.delete(path)  # not a file left holding only `schema = 1`
                done.append(f"removed '{other.signatory.name}' and its file {other.path}")
            else:
                done.append(f"removed '{other.signatory.name}'")

        # Lines below an edit move: in one file, the later table is edited first.
        later_first = keep.path == other.path and (other.line or 0) > (keep.line or 0)
        for step in (set_aside, fold_in) if later_first else (fold_in, set_aside):
            step()
        done += _fold_private(edit, keep, other, removed=not keep_withdrawn)
        if note is not None:
            done.append(f"noted in the file: {note}")
        return edit.changed(done)


def _holds_nothing(data: dict[str, Any]) -> bool:
    return not set(data) - {"schema"}


def _shares_private(entries: list[Entry], other: Entry) -> bool:
    """Another entry of the same name reads the same private table: leave it."""
    same = fold(other.signatory.name)
    return any(e is not other and fold(e.signatory.name) == same for e in entries)


def _fold_private(edit: Edit, keep: Entry, other: Entry, *, removed: bool) -> list[str]:
    """Every private field of the other entry goes to the kept one (a removed entry's table
    goes; a withdrawn one keeps its own). What was kept is said, never the contacts."""
    path = private_file(edit.root, edit.loaded.slug)
    index = private_index(edit, other.signatory.name)
    if index is None or _shares_private(edit.loaded.entries, other):
        return []
    tables = edit.data(path)["signatory"]
    theirs = tables[index]
    count = len(private_contacts(theirs))
    kept = private_index(edit, keep.signatory.name)
    name = keep.signatory.name
    if kept is None or kept == index:
        if removed:
            line = edit.table_line(path, "signatory", index)
            edit.set_keys(path, "signatory", line, {"name": name})
        elif count:
            edit.append(path, "signatory", [{**theirs, "name": name}])
        total = count
    else:
        updates = folded_private(tables[kept], theirs)
        if updates:
            line = edit.table_line(path, "signatory", kept)
            edit.set_keys(path, "signatory", line, updates)
        if removed:
            edit.remove_table(path, "signatory", edit.table_line(path, "signatory", index))
        total = len(private_contacts({**tables[kept], **updates}))
    if not count:
        return []
    shown = edit.shown(path).as_posix()
    return [
        f"kept the contact{'s' if count > 1 else ''} of '{other.signatory.name}' with "
        f"'{name}': {total} contact{'s' if total > 1 else ''} in {shown}"
    ]
