"""Adding one signatory: validate it like ``check`` does, refuse duplicates, append it safely."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli
import tomli_w
from pydantic import ValidationError

from endorse.edit.store import (
    NEW_SIGNATORY_FILE,
    appended,
    current_text,
    locked,
    replace,
    require_parses,
    write_new,
)
from endorse.errors import EndorseError, WriteRefused
from endorse.format.models import Signatory, Statement
from endorse.format.validation import describe
from endorse.matching import Match, match_candidate
from endorse.project.load import load_project
from endorse.project.model import LoadedStatement
from endorse.project.paths import SIGNATORIES, list_file, private_file, relative, signer_file_stem

FROZEN_STATUSES = frozenset({"closed", "published"})
# Key order of a new table: what a person reads first comes first.
KEY_ORDER = (
    "name",
    "acronym",
    "group",
    "note",
    "kind",
    "country",
    "aliases",
    "added",
    "status",
    "github",
    "source",
)


@dataclass(frozen=True)
class NewSignatory:
    """What the user asked for, before validation."""

    name: str
    group: str | None = None
    acronym: str | None = None
    note: str | None = None
    country: str | None = None
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    contact: str | None = None
    status: str | None = None
    github: str | None = None  # the signer's GitHub account, when they signed through an issue
    source: str | None = None  # where the signature came from: the address


@dataclass(frozen=True)
class Addition:
    """What was (or, in a dry run, would be) written."""

    signatory: Signatory
    contact: str | None
    path: Path  # shown path, relative to the root where possible
    line: int
    text: str
    private_path: Path | None = None
    private_text: str | None = None
    written: bool = True


class Invalid(EndorseError):
    """The new entry itself is wrong; the message says why without a location."""


def build_signatory(
    wanted: NewSignatory, statement: Statement, slug: str, *, today: dt.date
) -> tuple[Signatory, str | None]:
    """The validated public entry and the contact kept apart from it; raises Invalid."""
    if wanted.status == "withdrawn":
        raise Invalid(
            "a new signatory cannot start as withdrawn",
            hint="add it as confirmed or pending, then run 'endorse withdraw'",
        )
    data: dict[str, Any] = {"name": wanted.name.strip(), "added": today}
    for key in ("group", "acronym", "note", "country", "kind", "status", "github", "source"):
        value = getattr(wanted, key)
        if value is not None and value.strip():
            data[key] = value.strip()
    aliases = [alias.strip() for alias in wanted.aliases if alias.strip()]
    if aliases:
        data["aliases"] = aliases
    contact = wanted.contact.strip() if wanted.contact and wanted.contact.strip() else None
    if contact is not None:
        data["contact"] = contact
    try:
        signatory = Signatory.model_validate(data)
    except ValidationError as exc:
        problem = describe(exc, Signatory)[0]
        raise Invalid(problem.message, hint=problem.hint) from None
    check_group(signatory, statement, slug)
    return signatory.model_copy(update={"contact": None}), contact


def check_group(signatory: Signatory, statement: Statement, slug: str) -> None:
    known = ", ".join(group.id for group in statement.groups)
    if signatory.group is None:
        if len(statement.groups) > 1:
            raise Invalid(
                f"statements/{slug}.toml has several groups; say which one with --group",
                hint=f"groups: {known}",
            )
    elif statement.group(signatory.group) is None:
        raise Invalid(
            f"group '{signatory.group}' does not exist in statements/{slug}.toml",
            hint=f"use one of: {known}",
        )


def find_existing(loaded: LoadedStatement, signatory: Signatory) -> list[Match]:
    """Entries that are likely the same signer as ``signatory``, best match first.

    The duplicate engine's answer, so that add, import and check agree on what a duplicate is.
    """
    return match_candidate(loaded, signatory)


def duplicate_reason(signatory: Signatory, matches: list[Match]) -> tuple[str, str]:
    """Why a new entry was refused, and what to do: (message, hint)."""
    active = [match for match in matches if not match.withdrawn]
    if active:
        first = active[0]
        return (
            f"'{signatory.name}' is likely already a signatory: '{first.entry.signatory.name}' "
            f"({first.entry.location}; {', '.join(first.reasons)})",
            "if it is a different signer, add it with --force "
            "and record the pair with 'endorse distinct'",
        )
    first = matches[0]
    withdrawn = first.entry.signatory.withdrawn
    when = f" on {withdrawn}" if withdrawn else ""
    return (
        f"'{signatory.name}' matches '{first.entry.signatory.name}' ({first.entry.location}), "
        f"which was withdrawn{when}",
        "add it again only if they asked to sign again: use --force",
    )


def check_open(
    statement: Statement,
    loaded: LoadedStatement,
    hint: str = 'use --force to add to it anyway, or set status = "open"',
) -> None:
    if statement.status in FROZEN_STATUSES:
        raise WriteRefused(
            f"not added: statement '{loaded.slug}' is {statement.status}",
            path=loaded.path,
            hint=hint,
        )


def table_text(table: str, data: dict[str, Any]) -> str:
    """One ``[[table]]``; tomli-w writes its keys, so quoting and escaping are never done by hand.

    The header is ours because tomli-w prints a short array of tables inline, on one line.
    """
    return f"[[{table}]]\n" + tomli_w.dumps(data)


def signatory_table(signatory: Signatory) -> dict[str, Any]:
    dumped = signatory.model_dump(exclude_none=True)
    dumped.pop("contact", None)
    if dumped.get("kind") == "organization":
        dumped.pop("kind")
    if dumped.get("status") == "confirmed":
        dumped.pop("status")
    if not dumped.get("aliases"):
        dumped.pop("aliases", None)
    return {key: dumped[key] for key in KEY_ORDER if key in dumped}


def verified_append(shown: Path, text: str, addition: str, table: str) -> str:
    """The new file text, after proving it parses to the old data plus exactly the new table."""
    before = require_parses(text, shown)
    after_text = appended(text, addition)
    try:
        after = tomli.loads(after_text)
    except tomli.TOMLDecodeError as exc:
        raise WriteRefused(
            f"appending would leave the file unreadable ({exc}); nothing was written",
            path=shown,
            hint="run 'endorse check', fix the file's end, then try again",
        ) from None
    new_tables = tomli.loads(addition)[table]
    old_tables = before.get(table, [])
    expected = {**before, table: [*old_tables, *new_tables]}
    if after != expected:
        raise WriteRefused(
            "the end of this file would change the meaning of a new entry; nothing was written",
            path=shown,
            hint="the file probably ends inside a table other than [[signatory]]; "
            "fix it by hand, then try again",
        )
    return after_text


def _first_line_of_addition(new_text: str, addition: str) -> int:
    return new_text[: len(new_text) - len(addition)].count("\n") + 1


def add_signatory(
    root: Path,
    slug: str,
    wanted: NewSignatory,
    *,
    force: bool = False,
    dry_run: bool = False,
    file_per_signer: bool = False,
    today: dt.date | None = None,
) -> Addition:
    """Validate, refuse duplicates, then append under the statement's lock."""
    today = today or dt.date.today()
    if dry_run:
        return _add(root, slug, wanted, force, dry_run, file_per_signer, today)
    with locked(root, slug):
        return _add(root, slug, wanted, force, dry_run, file_per_signer, today)


def _add(
    root: Path,
    slug: str,
    wanted: NewSignatory,
    force: bool,
    dry_run: bool,
    file_per_signer: bool,
    today: dt.date,
) -> Addition:
    # Loaded again under the lock: another writer may have added this very name meanwhile.
    loaded = load_project(root, only=[slug]).get(slug)
    statement = loaded.require()
    file_per_signer = file_per_signer or statement.file_per_signer
    target = list_file(root, slug)
    try:
        signatory, contact = build_signatory(wanted, statement, slug, today=today)
    except Invalid as error:
        raise Invalid(
            f"not added: {error.message}",
            path=relative(target, root),
            hint=error.hint,
        ) from None
    if not force:
        check_open(statement, loaded)
        matches = find_existing(loaded, signatory)
        if matches:
            message, hint = duplicate_reason(signatory, matches)
            raise WriteRefused(f"not added: {message}", path=relative(target, root), hint=hint)
    addition = table_text("signatory", signatory_table(signatory))
    if file_per_signer:
        target = root / SIGNATORIES / slug / f"{signer_file_stem(signatory.name)}.toml"
        refuse_taken(target, root, signatory.name)
        new_text = appended(NEW_SIGNATORY_FILE, addition)
    else:
        new_text = verified_append(
            relative(target, root), current_text(target), addition, "signatory"
        )
    private_path, private_text = None, None
    if contact is not None:
        private_path = private_file(root, slug)
        private_addition = table_text("signatory", {"name": signatory.name, "contact": contact})
        private_text = verified_append(
            relative(private_path, root),
            current_text(private_path),
            private_addition,
            "signatory",
        )
    addition_obj = Addition(
        signatory=signatory,
        contact=contact,
        path=relative(target, root),
        line=_first_line_of_addition(new_text, addition),
        text=addition,
        private_path=relative(private_path, root) if private_path else None,
        private_text=private_text,
        written=not dry_run,
    )
    if dry_run:
        return addition_obj
    # The private file first: if the second write fails, a contact is never lost.
    if private_path is not None and private_text is not None:
        replace(private_path, private_text)
    if file_per_signer:
        write_new(target, new_text)
    else:
        replace(target, new_text)
    return addition_obj


def refuse_taken(target: Path, root: Path, name: str) -> None:
    """One file per signer: never overwrite, and treat names differing in case as the same."""
    folder = target.parent
    if not folder.is_dir():
        return
    for existing in folder.iterdir():
        if existing.name.casefold() == target.name.casefold():
            raise WriteRefused(
                f"'{name}' would go to {relative(existing, root)}, which already exists; "
                "nothing was written",
                path=relative(existing, root),
                hint="names that differ only in case or accents share a file: if this is a "
                "different signer, add a distinguishing word to the name (a city, a country)",
            )
