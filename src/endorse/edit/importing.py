"""`endorse import`: an online form's CSV export, every row checked first, then one locked write."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from endorse.edit.signers import (
    GIVEN_FIELDS,
    Invalid,
    NewSignatory,
    build_signatory,
    duplicate_reason,
    require_open,
    write_signatories,
)
from endorse.edit.store import LOCK_WAIT_SECONDS, editing
from endorse.errors import EndorseError, UsageError
from endorse.format.models import Signatory
from endorse.format.tomlsource import read_text
from endorse.matching import CandidateChecker
from endorse.project.model import Entry, LoadedStatement
from endorse.project.paths import list_file, relative, signer_folder

FIELDS = GIVEN_FIELDS
ALIAS_SEPARATOR = ";"

Progress = Callable[[int, int], None]
Verdict = Literal["add", "duplicate", "invalid"]


@dataclass(frozen=True)
class Table:
    """A CSV file as read: its header and its records, numbered as a spreadsheet shows them."""

    header: list[str]
    rows: list[tuple[int, list[str]]]


@dataclass(frozen=True)
class Outcome:
    row: int
    name: str
    verdict: Verdict
    reason: str = ""
    signatory: Signatory | None = None
    contact: str | None = None


@dataclass
class ImportResult:
    outcomes: list[Outcome]
    path: Path
    ignored_columns: list[str] = field(default_factory=list)
    written: bool = False

    @property
    def added(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.verdict == "add"]

    @property
    def refused(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.verdict != "add"]


def read_table(path: Path) -> Table:
    """UTF-8 with or without BOM; comma or semicolon, whichever the header uses more."""
    if not path.is_file():
        raise UsageError("no such file", path=path, hint="give the path of the CSV export")
    text = read_text(path, not_utf8_hint="export the CSV as UTF-8 (in a spreadsheet: 'CSV UTF-8')")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise EndorseError(f"not a readable CSV file: {exc}", path=path) from exc
    if not records or not any(cell.strip() for cell in records[0]):
        raise UsageError("the CSV file has no header row", path=path, hint="export it with headers")
    header = [cell.strip() for cell in records[0]]
    rows = [(number, cells) for number, cells in enumerate(records[1:], start=2)]
    return Table(header, rows)


def column_map(header: list[str], maps: list[str], path: Path) -> dict[str, int]:
    """Which column feeds each field: ``--map FIELD=COLUMN``, else a column named like the field."""
    positions = {column.casefold(): index for index, column in enumerate(header)}
    chosen: dict[str, int] = {}
    for item in maps:
        wanted, sep, column = item.partition("=")
        wanted, column = wanted.strip(), column.strip()
        if not sep or wanted not in FIELDS:
            raise UsageError(
                f"--map {item}: write FIELD=COLUMN with FIELD one of: {', '.join(FIELDS)}"
            )
        if column.casefold() not in positions:
            raise UsageError(
                f"--map {item}: no column '{column}'",
                path=path,
                hint="columns: " + ", ".join(header),
            )
        chosen[wanted] = positions[column.casefold()]
    for name in FIELDS:
        if name not in chosen and name in positions:
            chosen[name] = positions[name]
    if "name" not in chosen:
        raise UsageError(
            "no 'name' column",
            path=path,
            hint="name the column with --map name=COLUMN; columns: " + ", ".join(header),
        )
    return chosen


def plan(
    loaded: LoadedStatement,
    table: Table,
    columns: dict[str, int],
    *,
    group: str | None,
    today: dt.date,
    progress: Progress | None = None,
) -> list[Outcome]:
    """Classify every row, without writing: to add, duplicate, or invalid, each with why."""
    statement = loaded.require()
    checker = CandidateChecker(loaded)
    row_of: dict[int, int] = {}  # id() of an accepted row's entry -> its row number
    outcomes = []
    total = len(table.rows)
    for done, (number, cells) in enumerate(table.rows, start=1):
        if progress is not None:
            progress(done, total)
        if not any(cell.strip() for cell in cells):
            continue
        values = {key: cells[i].strip() if i < len(cells) else "" for key, i in columns.items()}
        name = values.get("name", "")
        wanted = NewSignatory(
            name=name,
            group=values.get("group") or group,
            acronym=values.get("acronym") or None,
            note=values.get("note") or None,
            country=values.get("country") or None,
            kind=values.get("kind") or None,
            aliases=tuple(values.get("aliases", "").split(ALIAS_SEPARATOR)),
            contact=values.get("contact") or None,
            status=values.get("status") or None,
        )
        try:
            signatory, contact = build_signatory(wanted, statement, loaded.slug, today=today)
        except Invalid as error:
            outcomes.append(Outcome(number, name, "invalid", error.message))
            continue
        matches = checker.matches(signatory)
        earlier_rows = [m for m in matches if id(m.entry) in row_of]
        if earlier_rows:
            first = earlier_rows[0]
            row, reasons = row_of[id(first.entry)], ", ".join(first.reasons)
            outcomes.append(Outcome(number, name, "duplicate", f"repeats row {row} ({reasons})"))
            continue
        if matches:
            outcomes.append(
                Outcome(number, name, "duplicate", duplicate_reason(signatory, matches)[0])
            )
            continue
        # Later rows are checked against this one too.
        accepted = Entry(signatory, loaded.path, number, len(loaded.entries) + number)
        row_of[id(accepted)] = number
        checker.add(accepted)
        outcomes.append(Outcome(number, name, "add", "", signatory, contact))
    return outcomes


def import_csv(
    root: Path,
    slug: str,
    csv_path: Path,
    *,
    maps: list[str] | None = None,
    group: str | None = None,
    dry_run: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
    wait: float = LOCK_WAIT_SECONDS,
) -> ImportResult:
    today = today or dt.date.today()
    table = read_table(csv_path)
    columns = column_map(table.header, maps or [], csv_path)
    used = set(columns.values())
    ignored = [column for i, column in enumerate(table.header) if i not in used]
    # Classified under the lock, so that rows added meanwhile count as duplicates.
    with editing(root, slug, dry_run=dry_run, wait=wait) as edit:
        loaded = edit.loaded
        require_open(loaded, hint=f'set status = "open" in {loaded.path} first')
        per_signer = loaded.require().file_per_signer
        shown = relative(signer_folder(root, slug) if per_signer else list_file(root, slug), root)
        outcomes = plan(loaded, table, columns, group=group, today=today, progress=progress)
        result = ImportResult(outcomes, shown, ignored)
        new = [(o.signatory, o.contact) for o in result.added if o.signatory is not None]
        write_signatories(edit, new)
        result.written = bool(new) and not dry_run
        return result
