"""`endorse statement`: the statement's own text changed in place, without opening its TOML.

Title, place, date, deadline, body and closing (from files: a text of several paragraphs is
written in an editor, not typed on a command line), a group's heading and its logos. The file
is edited in place like every other edit (comments and the rest of its text kept, the result
proved to change only these keys), and the changed statement must still validate.
A published statement's text is frozen: changing it takes ``--force``.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from endorse.edit.store import LOCK_WAIT_SECONDS, Changed, Edit, editing
from endorse.errors import EndorseError, UsageError, WriteRefused
from endorse.format.models import SLUG_PATTERN, Statement
from endorse.format.tomlsource import read_named_text
from endorse.format.validation import describe
from endorse.project.paths import statement_file

GROUPS_TABLE = "groups"
SWITCHES = {"on": True, "yes": True, "true": True, "off": False, "no": False, "false": False}


@dataclass(frozen=True)
class StatementChanges:
    """What the coordinator asked to change; None leaves a key as it is."""

    title: str | None = None
    place: str | None = None
    date: dt.date | None = None
    deadline: dt.date | None = None
    body: str | None = None
    closing: str | None = None
    headings: dict[str, str] = field(default_factory=dict)  # group id -> heading
    logos: dict[str, bool] = field(default_factory=dict)  # group id -> print logos

    def top_keys(self) -> dict[str, Any]:
        keys = ("title", "place", "date", "deadline", "body", "closing")
        return {key: getattr(self, key) for key in keys if getattr(self, key) is not None}

    @property
    def empty(self) -> bool:
        return not (self.top_keys() or self.headings or self.logos)


def read_text_file(path: Path, root: Path) -> str:
    """A text given as a file (``--body-file``), read as `init` reads it (bound by the project
    when it lies in it: a planted link brings no other file in), line ends as ``\\n``."""
    return read_named_text(path, root).replace("\r\n", "\n").replace("\r", "\n")


def parse_pairs(items: list[str], option: str, example: str) -> dict[str, str]:
    """``ID=VALUE`` options (``--group-heading endorsers='Endorsed by:'``)."""
    pairs = {}
    for item in items:
        gid, sep, value = item.partition("=")
        if not sep or not SLUG_PATTERN.match(gid.strip()):
            raise UsageError(f"{option} {item}: write ID=VALUE, like {example}")
        pairs[gid.strip()] = value
    return pairs


def parse_logos(items: list[str]) -> dict[str, bool]:
    """``--logos ID=on|off``."""
    switches = {}
    for gid, value in parse_pairs(items, "--logos", "endorsers=on").items():
        if value.strip().casefold() not in SWITCHES:
            raise UsageError(f"--logos {gid}={value}: write on or off, like {gid}=on")
        switches[gid] = SWITCHES[value.strip().casefold()]
    return switches


def change_statement(
    root: Path,
    slug: str,
    changes: StatementChanges,
    *,
    force: bool = False,
    dry_run: bool = False,
    wait: float = LOCK_WAIT_SECONDS,
) -> Changed:
    if changes.empty:
        raise UsageError(
            "nothing to change: give --title, --place, --date, --deadline, --body-file, "
            "--closing-file, --group-heading or --logos"
        )
    with editing(root, slug, dry_run=dry_run, wait=wait) as edit:
        loaded = edit.loaded
        statement = loaded.require()
        if statement.status == "published" and not force:
            raise WriteRefused(
                f"not changed: statement '{slug}' is published, and its text with it",
                path=loaded.path,
                hint="change a published text only to correct it, with --force (and say why "
                "in the commit)",
            )
        path = statement_file(root, slug)
        data = copy.deepcopy(edit.data(path))
        done: list[str] = []
        _plan_groups(edit, path, statement, changes, data, done)
        top = changes.top_keys()
        unchanged = [key for key, value in top.items() if data.get(key) == value]
        top = {key: value for key, value in top.items() if key not in unchanged}
        if top:
            edit.set_top_keys(path, top)
            data.update(top)
            done += [f"set {key}" + _shown(value) for key, value in top.items()]
        if not done:
            raise WriteRefused(
                f"statement '{slug}' already says that; nothing was written", path=loaded.path
            )
        _require_valid(data, loaded.path)
        return edit.changed(done)


def _plan_groups(
    edit: Edit,
    path: Path,
    statement: Statement,
    changes: StatementChanges,
    data: dict[str, Any],
    done: list[str],
) -> None:
    """Each group's heading and logos, in the group's ``[[groups]]`` table."""
    known = [group.id for group in statement.groups]
    for gid in [*changes.headings, *changes.logos]:
        if gid not in known:
            raise UsageError(
                f"no group '{gid}' in statements/{edit.loaded.slug}.toml",
                path=edit.loaded.path,
                hint="groups: " + ", ".join(known),
            )
    tables = data.get(GROUPS_TABLE, [])
    # From the last group up: a key inserted in one table moves the tables below it.
    for index in reversed(range(len(tables))):
        gid = tables[index].get("id")
        updates: dict[str, Any] = {}
        if gid in changes.headings and tables[index].get("heading") != changes.headings[gid]:
            updates["heading"] = changes.headings[gid]
        if gid in changes.logos and tables[index].get("logos", False) != changes.logos[gid]:
            updates["logos"] = changes.logos[gid]
        if updates:
            line = edit.table_line(path, GROUPS_TABLE, index)
            edit.set_keys(path, GROUPS_TABLE, line, updates)
            tables[index].update(updates)
            done += [f"set {key} of group '{gid}'" + _shown(v) for key, v in updates.items()]


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return f" to {'on' if value else 'off'}"
    text = str(value)
    return f" to {text}" if "\n" not in text and len(text) <= 60 else ""


def _require_valid(data: dict[str, Any], shown: Path) -> None:
    try:
        Statement.model_validate(data)
    except ValidationError as exc:
        problems = describe(exc, Statement)
        raise EndorseError(
            "not changed: " + "; ".join(p.message for p in problems),
            path=shown,
            hint=problems[0].hint,
        ) from None
