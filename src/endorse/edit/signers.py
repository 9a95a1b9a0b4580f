"""New and existing signers as write commands see them: build, validate, refuse, find, write.

`add`, `import` and later intake commands build a new signatory the same way (validated like
`check` validates a file), refuse it for the same reasons (a closed statement, a likely duplicate)
and write it the same way (the list file or one file per signer, the contact to the private file).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from endorse.edit.store import Edit, table_text
from endorse.errors import EndorseError, UsageError, WriteRefused
from endorse.format.countries import lookup_country
from endorse.format.models import (
    FIRST_DAY,
    LANG_PATTERN,
    LAST_DAY,
    OUT_OF_RANGE,
    TRANSLATED_NAME,
    Signatory,
    Statement,
)
from endorse.format.validation import describe
from endorse.matching import Match
from endorse.project.model import Entry, LoadedStatement
from endorse.project.names import fold
from endorse.project.paths import list_file, private_file, signer_file_stem, signer_folder

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
# The Signatory fields a person gives for a new signer (the rest are set by commands).
GIVEN_FIELDS = (
    "name",
    "group",
    "acronym",
    "note",
    "country",
    "kind",
    "aliases",
    "contact",
    "status",
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
    added: dt.date | None = None  # the day they signed; today when not given
    names: tuple[tuple[str, str], ...] = ()  # (lang, name): the name in another language


class Invalid(EndorseError):
    """The new entry itself is wrong; the message says why without a location."""


@dataclass(frozen=True)
class Written:
    """Where one new signatory went (or, in a dry run, would go)."""

    signatory: Signatory
    path: Path  # absolute
    line: int
    contact: str | None = None


def build_signatory(
    wanted: NewSignatory, statement: Statement, slug: str, *, today: dt.date
) -> tuple[Signatory, str | None]:
    """The validated public entry and the contact kept apart from it.

    Raises Invalid naming every problem of the entry at once, not only the first.
    """
    if wanted.status == "withdrawn":
        raise Invalid(
            "a new signatory cannot start as withdrawn",
            hint="add it as confirmed or pending, then run 'endorse withdraw'",
        )
    problems: list[tuple[str, str | None]] = []
    data: dict[str, Any] = {"name": wanted.name.strip(), "added": wanted.added or today}
    for key in ("group", "acronym", "note", "country", "kind", "status", "github", "source"):
        value = getattr(wanted, key)
        if value is not None and value.strip():
            data[key] = value.strip()
    if "country" in data:
        country = lookup_country(data["country"])
        if country.code is None:
            problems.append((f"country: {country.problem}", None))
            del data["country"]
        else:
            data["country"] = country.code
    aliases = [alias.strip() for alias in wanted.aliases if alias.strip()]
    if aliases:
        data["aliases"] = aliases
    for lang, translated in wanted.names:
        if translated.strip():
            data[f"name_{lang}"] = translated.strip()
    contact = wanted.contact.strip() if wanted.contact and wanted.contact.strip() else None
    if contact is not None:
        data["contact"] = contact
    signatory = None
    try:
        signatory = Signatory.model_validate(data)
    except ValidationError as exc:
        problems += [(p.message, p.hint) for p in describe(exc, Signatory)]
    group = group_problem(data.get("group"), statement, slug)
    if group is not None:  # "does not exist, use one of..." says more than "not a valid id"
        problems = [p for p in problems if not p[0].startswith("group:")] + [group]
    if problems or signatory is None:
        hints = [hint for _, hint in problems if hint]
        raise Invalid("; ".join(m for m, _ in problems), hint=hints[0] if hints else None)
    return signatory.model_copy(update={"contact": None}), contact


def translated_names(items: list[str] | tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """``--name-in LANG=NAME`` options as (lang, name) pairs."""
    pairs = []
    for item in items:
        lang, sep, name = item.partition("=")
        if not sep or not LANG_PATTERN.match(lang.strip()) or not name.strip():
            raise UsageError(f"--name-in {item}: write LANG=NAME, like km=NAME-IN-KHMER")
        pairs.append((lang.strip(), name.strip()))
    return tuple(pairs)


def given_date(value: str | None, option: str) -> dt.date | None:
    """A date option: ISO form, like 2025-03-14."""
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(
            f"{option} {value}: write the date as YYYY-MM-DD, like 2025-03-14"
        ) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise UsageError(f"{option} {value} is {OUT_OF_RANGE}")
    return day


def country_notice(wanted: NewSignatory) -> str | None:
    """What to tell the user about how the country was read (UK is GB), if anything."""
    if wanted.country is None or not wanted.country.strip():
        return None
    return lookup_country(wanted.country).notice


def text_warnings(signatory: Signatory, path: Path) -> list[str]:
    """What `check` would warn about in this new entry (mixed scripts, stray spaces): said at
    once by add and import, and refused with --strict, so that a local add never fails a
    `check --strict` in CI."""
    from endorse.check.hygiene import entry_warnings

    found = entry_warnings(Entry(signatory, path, None, 0))
    return [f"{problem.code} {problem.name}: {problem.message}" for problem in found]


def group_problem(group: str | None, statement: Statement, slug: str) -> tuple[str, str] | None:
    """Why a signatory with this ``group`` value cannot join the statement: (message, hint)."""
    known = ", ".join(g.id for g in statement.groups)
    if group is None and len(statement.groups) > 1:
        return (
            f"statements/{slug}.toml has several groups; say which one with --group",
            f"groups: {known}",
        )
    if group is not None and statement.group(group) is None:
        return (
            f"group '{group}' does not exist in statements/{slug}.toml",
            f"use one of: {known}",
        )
    return None


def require_open(loaded: LoadedStatement, hint: str, *, today: dt.date | None = None) -> None:
    """A closed or published statement, or one past its deadline, takes no new signers."""
    statement = loaded.require()
    if statement.is_frozen:
        raise WriteRefused(
            f"not added: statement '{loaded.slug}' is {statement.status}",
            path=loaded.path,
            hint=hint,
        )
    if statement.deadline is not None and (today or dt.date.today()) > statement.deadline:
        raise WriteRefused(
            f"not added: statement '{loaded.slug}' took signatures until {statement.deadline}",
            path=loaded.path,
            hint=f"{hint}; or move the deadline: 'endorse open {loaded.slug} --deadline DATE'",
        )


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


def signatory_table(signatory: Signatory) -> dict[str, Any]:
    """The keys a new ``[[signatory]]`` table spells out: defaults and private fields left out."""
    dumped = signatory.model_dump(exclude_none=True)
    dumped.pop("contact", None)
    if dumped.get("kind") == "organization":
        dumped.pop("kind")
    if dumped.get("status") == "confirmed":
        dumped.pop("status")
    if not dumped.get("aliases"):
        dumped.pop("aliases", None)
    ordered = {key: dumped.pop(key) for key in KEY_ORDER if key in dumped}
    return {**ordered, **dumped}  # fields KEY_ORDER does not know yet still get written


def write_signatories(
    edit: Edit,
    new: list[tuple[Signatory, str | None]],
    *,
    file_per_signer: bool = False,
) -> list[Written]:
    """Plan the new signers' tables: public fields in public files, contacts in the private one."""
    root, slug = edit.root, edit.loaded.slug
    statement = edit.loaded.require()
    written = []
    if file_per_signer or statement.file_per_signer:
        for signatory, contact in new:
            path = signer_folder(root, slug) / f"{signer_file_stem(signatory.name)}.toml"
            line = edit.create(path, "signatory", [signatory_table(signatory)])
            written.append(Written(signatory, path, line, contact))
    elif new:
        path = list_file(root, slug)
        first = edit.append(path, "signatory", [signatory_table(s) for s, _ in new])
        for signatory, contact in new:
            written.append(Written(signatory, path, first, contact))
            first += table_text("signatory", signatory_table(signatory)).count("\n") + 1
    private = private_file(root, slug)
    contacts = [{"name": s.name, "contact": c} for s, c in new if c is not None]
    if contacts:
        # A retry after a crash between the private and the public write finds the contact
        # already there: it is not written twice.
        recorded = edit.data_of(private).get("signatory", [])
        known = {
            (item.get("name"), item.get("contact")) for item in recorded if isinstance(item, dict)
        }
        contacts = [c for c in contacts if (c["name"], c["contact"]) not in known]
    if contacts:
        edit.append(private, "signatory", contacts)
    return written


def _lookup_keys(signatory: Signatory) -> set[str]:
    """Every way a person may name this signer: name, aliases, acronym, names in other
    languages, and the name as ``list`` prints it ("Name (ACRONYM)")."""
    spelled = (
        signatory.name,
        signatory.display_name,
        *signatory.aliases,
        *signatory.names.values(),
        *((signatory.acronym,) if signatory.acronym else ()),
    )
    return {fold(text) for text in spelled}


def _at(entry: Entry, line: str) -> bool:
    """``--line 12`` or ``--line signatories/x/org.toml:3``."""
    where = line.strip()
    return str(entry.line) == where or entry.location == where


def entry_named(
    loaded: LoadedStatement,
    name: str,
    *,
    line: str | None = None,
    prefer: Callable[[Entry], bool] | None = None,
) -> Entry:
    """The one entry a person means by ``name``.

    The name as written first; else the name, an alias, the acronym, a translated name or the
    name as ``list`` prints it, ignoring case, accents and punctuation. When several entries
    match, ``prefer`` (say, live entries over withdrawn ones) narrows them, then ``line``.
    """
    wanted = name.strip()
    matches = [e for e in loaded.entries if e.signatory.name == wanted]
    if not matches:
        key = fold(wanted)
        matches = [e for e in loaded.entries if key and key in _lookup_keys(e.signatory)]
    if line is not None:
        at = [e for e in matches if _at(e, line)]
        if not at and matches:
            where = "; ".join(e.location for e in matches)
            raise EndorseError(
                f"no signatory named '{name}' at line {line}",
                path=loaded.path,
                hint=f"'{name}' is at {where}",
            )
        matches = at
    if len(matches) > 1 and prefer is not None:
        matches = [e for e in matches if prefer(e)] or matches
    if len(matches) == 1:
        return matches[0]
    if not matches:
        names = [e.signatory.name for e in loaded.entries]
        close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
        raise EndorseError(
            f"no signatory named '{name}' in statement '{loaded.slug}'",
            path=loaded.path,
            hint=("did you mean: " + "; ".join(f"'{c}'" for c in close))
            if close
            else f"run 'endorse list {loaded.slug}' to see the names",
        )
    where = "; ".join(
        f"'{e.signatory.display_name}' ({_status_word(e)}{e.location})" for e in matches
    )
    raise EndorseError(
        f"several signatories are named '{name}': {where}",
        path=loaded.path,
        hint=f"choose one with --line (like --line {matches[0].line})",
    )


def _status_word(entry: Entry) -> str:
    status = entry.signatory.status
    return "" if status == "confirmed" else f"{status}, "


def is_live(entry: Entry) -> bool:
    return entry.signatory.status != "withdrawn"


# What a published statement prints of a signatory (aliases, dates and statuses it does not).
PRINTED_KEYS = frozenset({"name", "acronym", "note", "country", "kind", "group"})


def after_publication(
    edit: Edit, keys: list[str], *, force: bool, verb: str, today: dt.date
) -> str | None:
    """Refuse to change what a published statement printed unless ``force``d; with it, the
    note written in the changed table (a comment: it changes no data, and the file shows it).

    None when the statement is not published or no printed key changes.
    """
    loaded = edit.loaded
    if loaded.require().status != "published":
        return None
    printed = [k for k in keys if k in PRINTED_KEYS or TRANSLATED_NAME.match(k)]
    if not printed:
        return None
    if not force:
        raise WriteRefused(
            f"not {verb}: statement '{loaded.slug}' is published; what it printed "
            f"({', '.join(printed)}) changes only with --force; nothing was written",
            path=loaded.path,
            hint="if the published text must change, run the command again with --force: "
            "endorse writes a note of the change in the signatory's table",
        )
    return f"{verb} after publication on {today.isoformat()}: {', '.join(printed)} (--force)"


def change_entry(
    edit: Edit,
    entry: Entry,
    updates: dict[str, Any],
    *,
    verb: str,
    comment: str | None = None,
) -> Signatory:
    """Plan ``updates`` to the entry's table in place, once the result is a valid signatory
    (with a ``comment`` after its last key, such as ``after_publication``'s note)."""
    data = {**entry.signatory.model_dump(exclude_none=True), **updates}
    try:
        changed = Signatory.model_validate(data)
    except ValidationError as exc:
        problems = describe(exc, Signatory)
        raise Invalid(
            f"not {verb}: " + "; ".join(p.message for p in problems),
            path=entry.path,
            line=entry.line,
            hint=problems[0].hint,
        ) from None
    edit.set_keys(edit.root / entry.path, "signatory", entry.line, updates, comment=comment)
    return changed


def private_index(edit: Edit, name: str) -> int | None:
    """Which ``[[signatory]]`` of the private file holds ``name``'s contact, if any."""
    path = private_file(edit.root, edit.loaded.slug)
    if not path.exists() and path not in edit.paths:
        return None
    tables = edit.data(path).get("signatory", [])
    for same in (lambda n: n == name, lambda n: fold(n) == fold(name)):
        for index, table in enumerate(tables):
            if same(str(table.get("name", ""))):
                return index
    return None


def private_contacts(table: dict[str, Any]) -> list[str]:
    """Every contact a private table holds: its ``contact``, then its ``contacts``."""
    contact = table.get("contact")
    return [*([contact] if isinstance(contact, str) else []), *table.get("contacts", [])]


def folded_private(mine: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    """The keys the kept entry's private table takes so that it holds the other's too: its
    contact where it has none, else among its further ``contacts``; a field it lacks."""
    known = private_contacts(mine)
    new = [c for c in dict.fromkeys(private_contacts(theirs)) if c not in known]
    updates: dict[str, Any] = {}
    if new and "contact" not in mine:
        updates["contact"] = new.pop(0)
    if new:
        updates["contacts"] = [*mine.get("contacts", []), *new]
    for key, value in theirs.items():
        if key not in ("name", "contact", "contacts") and key not in mine:
            updates[key] = value
    return updates


def rename_private(edit: Edit, old: str, new: str) -> None:
    """Keep the contact with its signer when the signer's name changes."""
    index = private_index(edit, old)
    if index is not None:
        path = private_file(edit.root, edit.loaded.slug)
        edit.set_keys(path, "signatory", edit.table_line(path, "signatory", index), {"name": new})
