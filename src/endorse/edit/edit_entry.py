"""`endorse edit`: correct a signer's name or details in place; a rename keeps the old name
as an alias (so the duplicate engine still knows it) and takes the private contact along."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from endorse.edit.signers import (
    Invalid,
    after_publication,
    change_entry,
    entry_named,
    folded_private,
    is_live,
    private_contacts,
    private_index,
    rename_private,
    translated_names,
)
from endorse.edit.store import LOCK_WAIT_SECONDS, Changed, Edit, editing
from endorse.errors import UsageError, WriteRefused
from endorse.format.countries import lookup_country
from endorse.matching import match_candidate
from endorse.project.model import Entry
from endorse.project.names import fold
from endorse.project.paths import named_for, private_file, signer_file_stem, signer_folder


@dataclass(frozen=True)
class Corrections:
    name: str | None = None
    acronym: str | None = None
    note: str | None = None
    country: str | None = None
    kind: str | None = None
    names: tuple[str, ...] = ()  # LANG=NAME
    add_aliases: tuple[str, ...] = ()
    added: dt.date | None = None  # the day they signed (`publish` refuses one after the date)
    add_contact: str | None = None  # another way to reach them, kept in the private file


# Optional fields an empty value removes (`--note ""`): none, rather than an empty string.
REMOVABLE = ("acronym", "note", "country")


def _removals(corrections: Corrections) -> list[str]:
    return [
        key
        for key in REMOVABLE
        if getattr(corrections, key) is not None and not getattr(corrections, key).strip()
    ]


def _updates(corrections: Corrections, aliases: list[str]) -> dict[str, Any]:
    updates: dict[str, Any] = {}
    removed = _removals(corrections)
    for key in ("name", "acronym", "note", "kind"):
        value = getattr(corrections, key)
        if value is not None and key not in removed:
            updates[key] = value.strip()
    if corrections.country is not None and "country" not in removed:
        country = lookup_country(corrections.country)
        if country.code is None:
            raise Invalid(f"not changed: country: {country.problem}")
        updates["country"] = country.code
    if corrections.added is not None:
        updates["added"] = corrections.added
    for lang, translated in translated_names(corrections.names):
        updates[f"name_{lang}"] = translated
    new_aliases = [a.strip() for a in corrections.add_aliases if a.strip()]
    if new_aliases:
        known = {fold(a) for a in aliases}
        updates["aliases"] = [*aliases, *(a for a in new_aliases if fold(a) not in known)]
    return updates


def edit_entry(
    root: Path,
    slug: str,
    name: str,
    corrections: Corrections,
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
        loaded.require()
        entry = entry_named(loaded, name, line=line, prefer=is_live)
        signatory = entry.signatory
        aliases = list(signatory.aliases)
        old_name = signatory.name
        renamed = corrections.name is not None and corrections.name.strip() != old_name
        new_name = corrections.name or ""
        if renamed and fold(old_name) not in {fold(a) for a in (*aliases, new_name)}:
            aliases.append(old_name)  # found again by the old spelling
        updates = _updates(corrections, aliases)
        if renamed and aliases != list(signatory.aliases):
            updates.setdefault("aliases", aliases)
        updates = {k: v for k, v in updates.items() if getattr(signatory, k, None) != v}
        removals = [key for key in _removals(corrections) if getattr(signatory, key) is not None]
        if corrections.add_contact is not None and not updates and not removals:
            return edit.changed(_add_contact(edit, old_name, corrections.add_contact))
        if not updates and not removals:
            raise UsageError(
                f"nothing to change for '{old_name}'",
                hint="give --name, --acronym, --note, --country, --kind, --name-in, --add-alias, "
                "--added or --add-contact with a new value (an empty --acronym, --note or "
                "--country removes it)",
            )
        note = after_publication(
            edit, [*updates, *removals], force=force, verb="changed", today=today
        )
        if updates:
            changed = change_entry(edit, entry, updates, verb="changed", comment=note)
        else:
            changed = signatory
        if removals:
            edit.remove_keys(edit.root / entry.path, "signatory", entry.line, removals)
            if note is not None and not updates:
                edit.set_keys(edit.root / entry.path, "signatory", entry.line, {}, comment=note)
            changed = changed.model_copy(update=dict.fromkeys(removals))
        if renamed and not force:
            others = [
                m
                for m in match_candidate(loaded, changed.model_copy(update={"aliases": []}))
                if m.entry is not entry
            ]
            if others:
                first = others[0]
                raise WriteRefused(
                    f"not renamed: '{changed.name}' is likely already a signatory: "
                    f"'{first.entry.signatory.name}' ({first.entry.location}; "
                    f"{', '.join(first.reasons)})",
                    path=entry.path,
                    line=entry.line,
                    hint="if they are the same signer, run 'endorse merge'; if not, use --force",
                )
        done = []
        if renamed:
            rename_private(edit, old_name, changed.name)
            done += _rename_file(edit, entry, changed.name)
        if corrections.add_contact is not None:
            done += _add_contact(edit, changed.name, corrections.add_contact)
        said = ", ".join(
            [f"{key} = {_shown(value)}" for key, value in updates.items()]
            + [f"{key} removed" for key in removals]
        )
        done.insert(0, f"changed '{old_name}' ({entry.location}): {said}")
        if note is not None:
            done.append(f"noted in the file: {note}")
        return edit.changed(done)


def _add_contact(edit: Edit, name: str, contact: str) -> list[str]:
    """Another contact for ``name`` in the private file: the contact when it has none, else
    one more of its ``contacts``; one it already has changes nothing. Never shown (private)."""
    from pydantic import ValidationError

    from endorse.format.models import PrivateEntry

    try:
        PrivateEntry(name=name, contact=contact.strip())
    except ValidationError:
        raise Invalid(
            "not changed: --add-contact is not an e-mail address (like name@example.org; the "
            "value is not repeated: it is private)"
        ) from None
    contact = contact.strip()
    path = private_file(edit.root, edit.loaded.slug)
    index = private_index(edit, name)
    if index is None:
        edit.append(path, "signatory", [{"name": name, "contact": contact}])
        return [f"contact kept for '{name}' in {edit.shown(path).as_posix()}"]
    table = edit.data(path)["signatory"][index]
    known = private_contacts(table)
    if contact.casefold() in {k.casefold() for k in known}:
        return [f"'{name}' already has that contact in {edit.shown(path).as_posix()}"]
    line = edit.table_line(path, "signatory", index)
    edit.set_keys(path, "signatory", line, folded_private(table, {"contact": contact}))
    count = len(known) + 1
    return [f"contact added for '{name}': {count} contacts in {edit.shown(path).as_posix()}"]


def _shown(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else repr(value)


def _rename_file(edit: Edit, entry: Entry, new_name: str) -> list[str]:
    """In the one-file-per-signer layout, the file takes the new name (the rule of
    ``signer_file_stem``), in the same write; a file holding more than this signer stays."""
    path = edit.root / entry.path
    if path.parent != signer_folder(edit.root, edit.loaded.slug):
        return []
    if len(edit.data(path).get("signatory", [])) != 1:
        return []
    if named_for(path.stem, new_name):
        return []
    new_path = path.with_name(f"{signer_file_stem(new_name)}.toml")
    edit.rename(path, new_path, new_name)
    return [f"renamed {edit.shown(path).as_posix()} to {edit.shown(new_path).as_posix()}"]
