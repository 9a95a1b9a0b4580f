"""How a form's export maps to signatories for `endorse import`: which column feeds each
field (the ``[import]`` table, the command's options, then the headers forms use), and how a
form's answers read as the file's values."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from endorse.edit.signers import GIVEN_FIELDS
from endorse.errors import UsageError
from endorse.format.models import ImportSettings

FIELDS = (*GIVEN_FIELDS, "added")
DateOrder = Literal["DMY", "MDY"]

# Headers forms use for each field, folded (lowercase, punctuation as spaces).
SIGNER_HEADERS = (
    "organisation name",
    "organization name",
    "organisation",
    "organization",
    "name of organisation",
    "name of organization",
    "name of your organisation",
    "name of your organization",
    "your organisation",
    "your organization",
    "organisation network name",
    "organization network name",
    "signatory",
    "signatory name",
    "org name",
)
# A person's name: the signer's name only when the form asks nothing else.
PERSON_HEADERS = (
    "name",
    "full name",
    "your name",
    "your full name",
    "contact name",
    "contact person",
    "first and last name",
)
HEADERS: dict[str, tuple[str, ...]] = {
    "contact": (
        "contact",
        "email",
        "e mail",
        "email address",
        "e mail address",
        "your email",
        "your email address",
        "contact email",
    ),
    "added": ("added", "timestamp", "submitted", "submitted at", "submission date", "date"),
    "country": ("country", "country code", "country region"),
    "acronym": ("acronym", "abbreviation", "short name"),
    "group": ("group", "tier"),
    "note": ("note",),
    "kind": ("kind",),
    "aliases": ("aliases", "alias"),
    "status": ("status",),
}


@dataclass(frozen=True)
class Options:
    """How to read the export: the statement's ``[import]`` table, then the command's options."""

    maps: dict[str, str] = field(default_factory=dict)
    ignore: tuple[str, ...] = ()
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    group: str | None = None
    date_order: DateOrder | None = None
    # Columns the command named: a typo there is an error, while a column the [import] table
    # names may be missing from this week's export.
    must_exist: tuple[str, ...] = ()
    strict: bool = False  # refuse rows check would warn about, as check --strict fails on them


def _folded_header(text: str) -> str:
    """A header as compared: no case, no punctuation, no "(if any)" or "(optional)"."""
    without_asides = re.sub(r"\([^)]*\)", " ", text.casefold())
    return " ".join(re.sub(r"[^\w]+", " ", without_asides).split())


def settings(
    table: ImportSettings,
    *,
    maps: dict[str, str] | None = None,
    ignore: Iterable[str] = (),
    values: dict[str, dict[str, str]] | None = None,
    group: str | None = None,
    date_order: DateOrder | None = None,
    strict: bool = False,
) -> Options:
    """The statement's ``[import]`` table with the command's options on top."""
    merged_values = {key: dict(answers) for key, answers in table.values.items()}
    for key, answers in (values or {}).items():
        merged_values.setdefault(key, {}).update(answers)
    return Options(
        maps={**table.map, **(maps or {})},
        ignore=(*table.ignore, *ignore),
        values=merged_values,
        group=group or table.group,
        date_order=date_order or table.date_order,
        must_exist=tuple(ignore),
        strict=strict,
    )


def parse_maps(items: Iterable[str]) -> dict[str, str]:
    """``--map FIELD=COLUMN`` options; ``FIELD=`` reads the field from no column."""
    maps = {}
    for item in items:
        wanted, sep, column = item.partition("=")
        wanted = wanted.strip()
        if not sep or wanted not in FIELDS:
            raise UsageError(
                f"--map {item}: write FIELD=COLUMN with FIELD one of: {', '.join(FIELDS)}"
            )
        maps[wanted] = column.strip()
    return maps


def parse_value_maps(items: Iterable[str]) -> dict[str, dict[str, str]]:
    """``--map-value FIELD:ANSWER=VALUE`` options, like ``group:Endorser=endorsers``."""
    values: dict[str, dict[str, str]] = {}
    for item in items:
        field_name, colon, rest = item.partition(":")
        answer, equals, value = rest.partition("=")
        field_name = field_name.strip()
        if not colon or not equals or field_name not in FIELDS or not answer.strip():
            raise UsageError(
                f"--map-value {item}: write FIELD:ANSWER=VALUE, like group:Endorser=endorsers",
                hint=f"FIELD is one of: {', '.join(FIELDS)}",
            )
        values.setdefault(field_name, {})[answer.strip()] = value.strip()
    return values


def column_map(header: list[str], options: Options, path: Path) -> dict[str, int]:
    """Which column feeds each field: the maps first, then the headers forms use.

    A column that may be the organisation and one that may be a person's name, both present,
    are never chosen between silently: the user says which with ``--map name=COLUMN``.
    """
    positions = {column.casefold(): index for index, column in enumerate(header)}
    columns_hint = "columns: " + ", ".join(f"'{c}'" for c in header)
    for column in options.must_exist:
        if column.casefold() not in positions:
            raise UsageError(f"--ignore {column}: no such column", path=path, hint=columns_hint)
    ignored = {positions[c.casefold()] for c in options.ignore if c.casefold() in positions}
    chosen: dict[str, int] = {}
    for wanted, column in options.maps.items():
        if wanted not in FIELDS:
            raise UsageError(
                f"[import] map: '{wanted}' is not a field; use one of: {', '.join(FIELDS)}",
                path=path,
            )
        if not column:
            continue
        if column.casefold() not in positions:
            raise UsageError(
                f"--map {wanted}={column}: no column '{column}'", path=path, hint=columns_hint
            )
        chosen[wanted] = positions[column.casefold()]
    for wanted in options.values:
        if wanted not in FIELDS:
            raise UsageError(
                f"[import] values: '{wanted}' is not a field; use one of: {', '.join(FIELDS)}",
                path=path,
            )
    taken = ignored | set(chosen.values())
    free = {
        _folded_header(column): index
        for index, column in reversed(list(enumerate(header)))
        if index not in taken
    }
    for wanted, known in HEADERS.items():
        if wanted in options.maps:
            continue
        index = next((free[h] for h in known if h in free and free[h] not in taken), None)
        if index is not None:
            chosen[wanted] = index
            taken.add(index)
    if "name" not in options.maps:
        candidates = [free[h] for h in (*SIGNER_HEADERS, *PERSON_HEADERS) if h in free]
        candidates = list(dict.fromkeys(i for i in candidates if i not in taken))
        if len(candidates) > 1:
            names = " and ".join(f"'{header[i]}'" for i in candidates)
            first = header[candidates[0]]
            raise UsageError(
                f"columns {names} could each be the signer's name; endorse will not guess",
                path=path,
                hint=f"say which with --map name=COLUMN (like --map name='{first}')",
            )
        if candidates:
            chosen["name"] = candidates[0]
    if "name" not in chosen:
        raise UsageError(
            "no 'name' column",
            path=path,
            hint="name the column with --map name=COLUMN; " + columns_hint,
        )
    return chosen


def mapped(field_name: str, value: str, options: Options) -> str:
    answers = options.values.get(field_name)
    if not answers or not value:
        return value
    folded = value.casefold()
    return next((to for answer, to in answers.items() if answer.casefold() == folded), value)
