"""Withdrawing a signature: mark the entry withdrawn in place, never delete it."""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli
import tomli_w
from pydantic import ValidationError

from endorse.edit.store import locked, replace, require_parses
from endorse.errors import EndorseError, WriteRefused
from endorse.format.models import Signatory
from endorse.format.tomlsource import index_lines, read_text, table_lines
from endorse.format.validation import describe
from endorse.project.load import load_project
from endorse.project.model import Entry, LoadedStatement
from endorse.project.names import fold

_HEADER = re.compile(r"^\s*\[")
_KEY_LINE = re.compile(r"^(\s*)")


@dataclass(frozen=True)
class Withdrawal:
    name: str
    path: Path
    line: int | None
    date: dt.date


def entry_named(loaded: LoadedStatement, name: str) -> Entry:
    """The one entry called ``name``: exactly, else ignoring case, accents and punctuation."""
    matches = [e for e in loaded.entries if e.signatory.name == name.strip()]
    if not matches:
        key = fold(name)
        matches = [
            e
            for e in loaded.entries
            if key and key in {fold(n) for n in (e.signatory.name, *e.signatory.aliases)}
        ]
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
    where = "; ".join(f"'{e.signatory.name}' ({e.location})" for e in matches)
    raise EndorseError(
        f"several signatories are named '{name}': {where}",
        path=loaded.path,
        hint="give the name exactly as written in the file",
    )


def table_index(text: str, line: int | None) -> int:
    """Which ``[[signatory]]`` of the file starts at ``line``."""
    headers = table_lines(text, "signatory")
    if line in headers:
        return headers.index(line)
    index = index_lines(text)
    for (table, *rest), number in index.items():
        if table == "signatory" and len(rest) == 1 and number == line:
            return int(rest[0])
    raise EndorseError("cannot find this entry's table in the file", line=line)


def _table_end(lines: list[str], header: int) -> int:
    """Index of the line after the table's last key (its trailing comments belong to the next)."""
    last = header
    in_multiline: str | None = None
    for position in range(header + 1, len(lines)):
        line = lines[position]
        if in_multiline is not None:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            last = position
            continue
        stripped = line.strip()
        if _HEADER.match(line):
            break
        if stripped and not stripped.startswith("#"):
            last = position
            for quote in ('"""', "'''"):
                if line.count(quote) % 2 == 1:
                    in_multiline = quote
                    break
    return last + 1


def set_keys(text: str, index: int, updates: dict[str, Any]) -> str:
    """Change or insert ``key = value`` lines inside the index-th [[signatory]] table only."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    where = index_lines(text)
    header = where[("signatory", index)] - 1
    inserts = []
    for key, value in updates.items():
        written = tomli_w.dumps({key: value})
        line = where.get(("signatory", index, key))
        if line is None:
            inserts.append(written)
        else:
            indent = _KEY_LINE.match(lines[line - 1])
            lines[line - 1] = (indent.group(1) if indent else "") + written
    end = _table_end(lines, header)
    lines[end:end] = inserts
    return "".join(lines)


def edit_entry(path: Path, shown: Path, line: int | None, updates: dict[str, Any]) -> str:
    """The file with one entry's keys set, after proving nothing else changed."""
    text = read_text(path)
    before = require_parses(text, shown)
    index = table_index(text, line)
    new_text = set_keys(text, index, updates)
    expected = copy.deepcopy(before)
    expected["signatory"][index].update(updates)
    try:
        after = tomli.loads(new_text)
    except tomli.TOMLDecodeError:
        after = None
    if after != expected:
        raise WriteRefused(
            "cannot change this entry in place without touching others; nothing was written",
            path=shown,
            line=line,
            hint=f"edit it by hand: set {', '.join(updates)}",
        )
    return new_text


def withdraw(
    root: Path, slug: str, name: str, *, reason: str | None = None, today: dt.date | None = None
) -> Withdrawal:
    today = today or dt.date.today()
    with locked(root, slug):
        loaded = load_project(root, only=[slug]).get(slug)
        loaded.require()
        entry = entry_named(loaded, name)
        signatory = entry.signatory
        if signatory.status == "withdrawn":
            when = f" on {signatory.withdrawn}" if signatory.withdrawn else ""
            raise WriteRefused(
                f"'{signatory.name}' was already withdrawn{when}; nothing was written",
                path=entry.path,
                line=entry.line,
            )
        updates: dict[str, Any] = {"status": "withdrawn", "withdrawn": today}
        if reason and reason.strip():
            updates["withdrawn_reason"] = reason.strip()
        try:
            Signatory.model_validate({**signatory.model_dump(exclude_none=True), **updates})
        except ValidationError as exc:
            problem = describe(exc, Signatory)[0]
            raise EndorseError(
                f"not withdrawn: {problem.message}", path=entry.path, line=entry.line
            ) from None
        path = root / entry.path
        replace(path, edit_entry(path, entry.path, entry.line, updates))
        return Withdrawal(signatory.name, entry.path, entry.line, today)
