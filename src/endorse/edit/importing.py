"""`endorse import`: a form's export (CSV or .xlsx), every row checked first, then one locked write.

A coalition re-imports the same growing export every week: columns are matched by the headers
forms use, answers are mapped to the file's values (``[import]`` in the statement, or options),
a row that is already in the list is "already present", not a duplicate, and a refused row a
maintainer reviewed (``--accept-refusals``) is "already reviewed", not refused again. Rows
arrive as ``pending`` unless the coordinator says otherwise (``--status``, ``[import] status``).

Reading the file is `import_read`, columns and values `import_columns`, dates `import_dates`.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from endorse.edit.import_columns import (
    FIELDS,
    DateOrder,
    Options,
    column_map,
    mapped,
    parse_maps,
    parse_value_maps,
    settings,
)
from endorse.edit.import_dates import date_order_of, parse_date
from endorse.edit.import_read import Table, read_table, row_width_problem
from endorse.edit.signers import (
    Invalid,
    NewSignatory,
    build_signatory,
    country_notice,
    duplicate_reason,
    require_open,
    text_warnings,
    write_signatories,
)
from endorse.edit.store import LOCK_WAIT_SECONDS, editing
from endorse.format.choices import IMPORT_STATUSES, ImportStatus
from endorse.format.models import Signatory
from endorse.matching import CandidateChecker
from endorse.project.model import Entry, LoadedStatement
from endorse.project.names import fold
from endorse.project.paths import list_file, relative, signer_folder, statement_file

__all__ = [
    "FIELDS",
    "IMPORT_STATUSES",
    "DateOrder",
    "ImportRequest",
    "ImportResult",
    "Outcome",
    "Table",
    "import_rows",
    "import_table",
    "parse_maps",
    "parse_value_maps",
    "read_table",
    "rejects_csv",
    "row_hash",
]

ALIAS_SEPARATOR = ";"
REVIEWED_TABLE = "import_reviewed"

Progress = Callable[[int, int], None]
Verdict = Literal["add", "present", "duplicate", "invalid", "reviewed"]


@dataclass(frozen=True)
class ImportRequest:
    """Everything the coordinator asked of one import, built once by the command."""

    maps: dict[str, str] = field(default_factory=dict)
    ignore: tuple[str, ...] = ()
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    group: str | None = None
    date_order: DateOrder | None = None
    status: ImportStatus | None = None  # else [import] status, else pending
    force: bool = False  # into a closed statement
    dry_run: bool = False
    strict: bool = False  # refuse rows check would warn about
    accept_refusals: bool = False  # record this import's new refusals as reviewed


@dataclass(frozen=True)
class Outcome:
    row: int
    name: str
    verdict: Verdict
    reason: str = ""
    signatory: Signatory | None = None
    contact: str | None = None
    notices: tuple[str, ...] = ()
    digest: str = ""  # row_hash of the row's cells


@dataclass
class ImportResult:
    outcomes: list[Outcome]
    path: Path
    columns: dict[str, str] = field(default_factory=dict)  # field -> the column it was read from
    ignored_columns: list[str] = field(default_factory=list)
    written: bool = False
    status: ImportStatus = "pending"  # of the rows added
    accepted: int = 0  # refused rows recorded as reviewed by --accept-refusals

    @property
    def added(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.verdict == "add"]

    @property
    def present(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.verdict == "present"]

    @property
    def refused(self) -> list[Outcome]:
        """Rows refused and not reviewed before: what makes the import exit 1."""
        return [o for o in self.outcomes if o.verdict in ("duplicate", "invalid")]

    @property
    def reviewed(self) -> list[Outcome]:
        """Rows refused by an earlier import, which a maintainer reviewed."""
        return [o for o in self.outcomes if o.verdict == "reviewed"]


def row_hash(cells: list[str]) -> str:
    """What identifies a row across imports of the same export: a hash of its cells as
    exported (the form's timestamp among them), so that a row edited in the form is new."""
    text = "\x1f".join(cell.strip() for cell in cells).rstrip("\x1f")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _new_signatory(
    values: dict[str, str], options: Options, order: DateOrder | None, status: ImportStatus
) -> tuple[NewSignatory, list[str]]:
    """The row as a new signatory, and the problems found before validation."""
    problems = []
    added = None
    if values.get("added"):
        try:
            added = parse_date(values["added"], order)
        except Invalid as error:
            problems.append(error.message)
    wanted = NewSignatory(
        name=values.get("name", ""),
        group=values.get("group") or options.group,
        acronym=values.get("acronym") or None,
        note=values.get("note") or None,
        country=values.get("country") or None,
        kind=values.get("kind") or None,
        aliases=tuple(values.get("aliases", "").split(ALIAS_SEPARATOR)),
        contact=values.get("contact") or None,
        status=values.get("status") or status,
        added=added,
    )
    return wanted, problems


def _present(entry: Entry, signatory: Signatory, contact: str | None) -> bool:
    """The same signer again: the same name, and the same contact where both have one."""
    names = {fold(n) for n in (entry.signatory.name, *entry.signatory.aliases)}
    if fold(signatory.name) not in names:
        return False
    known = entry.contacts or ((entry.signatory.contact,) if entry.signatory.contact else ())
    return contact is None or not known or contact.casefold() in {k.casefold() for k in known}


def plan(
    loaded: LoadedStatement,
    table: Table,
    columns: dict[str, int],
    options: Options,
    *,
    today: dt.date,
    status: ImportStatus = "pending",
    progress: Progress | None = None,
) -> list[Outcome]:
    """Classify every row, without writing: to add, already present, duplicate or invalid."""
    statement = loaded.require()
    checker = CandidateChecker(loaded)
    order = options.date_order
    if order is None and "added" in columns:
        index = columns["added"]
        order = date_order_of(cells[index] for _, cells in table.rows if index < len(cells))
    present_by_name: dict[str, list[Entry]] = {}
    for entry in loaded.entries:
        for known in (entry.signatory.name, *entry.signatory.aliases):
            present_by_name.setdefault(fold(known), []).append(entry)
    reviewed = {r.row for r in statement.import_reviewed}
    row_of: dict[int, int] = {}  # id() of an accepted row's entry -> its row number
    outcomes = []
    total = len(table.rows)
    for done, (number, cells) in enumerate(table.rows, start=1):
        if progress is not None:
            progress(done, total)
        if not any(cell.strip() for cell in cells):
            continue
        digest = row_hash(cells)

        values = {
            key: mapped(key, cells[i].strip() if i < len(cells) else "", options)
            for key, i in columns.items()
        }
        name = values.get("name", "")
        row_outcome = functools.partial(Outcome, number, name, digest=digest)
        width = row_width_problem(table, number, cells)
        if width is not None:
            outcomes.append(row_outcome("invalid", width))
            continue
        wanted, problems = _new_signatory(values, options, order, status)
        try:
            signatory, contact = build_signatory(wanted, statement, loaded.slug, today=today)
        except Invalid as error:
            problems.append(error.message)
        if problems:
            outcomes.append(row_outcome("invalid", "; ".join(problems)))
            continue
        same = [
            e
            for e in present_by_name.get(fold(signatory.name), [])
            if _present(e, signatory, contact)
        ]
        if same:
            earlier = row_of.get(id(same[0]))
            where = f"row {earlier}" if earlier is not None else same[0].location
            outcomes.append(row_outcome("present", f"as '{same[0].signatory.name}' ({where})"))
            continue
        matches = checker.matches(signatory)
        earlier_rows = [m for m in matches if id(m.entry) in row_of]
        if earlier_rows:
            first = earlier_rows[0]
            row, reasons = row_of[id(first.entry)], ", ".join(first.reasons)
            outcomes.append(row_outcome("duplicate", f"repeats row {row} ({reasons})"))
            continue
        if matches:
            outcomes.append(row_outcome("duplicate", duplicate_reason(signatory, matches)[0]))
            continue
        # Later rows are checked against this one too.
        accepted = Entry(
            signatory.model_copy(update={"contact": contact}),
            loaded.path,
            number,
            len(loaded.entries) + number,
        )
        row_of[id(accepted)] = number
        checker.add(accepted)
        present_by_name.setdefault(fold(signatory.name), []).append(accepted)
        warnings = text_warnings(signatory, loaded.path)
        if warnings and options.strict:
            outcomes.append(row_outcome("invalid", "; ".join(warnings)))
            continue
        notice = country_notice(wanted)
        notices = (*([notice] if notice else []), *warnings)
        outcomes.append(Outcome(number, name, "add", "", signatory, contact, notices, digest))
    return [_reviewed(o) if o.digest in reviewed else o for o in outcomes]


def _reviewed(outcome: Outcome) -> Outcome:
    """A refused row a maintainer reviewed after an earlier import: said, not refused again."""
    if outcome.verdict not in ("duplicate", "invalid"):
        return outcome
    reason = f"{outcome.verdict}: {outcome.reason}"
    return dataclasses.replace(outcome, verdict="reviewed", reason=reason)


def import_rows(
    root: Path,
    slug: str,
    path: Path,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
    wait: float = LOCK_WAIT_SECONDS,
    **request: object,
) -> ImportResult:
    """Read ``path`` and import it: `import_table` for callers that hold no table yet."""
    table = read_table(path, sheet=sheet, encoding=encoding)
    wanted = ImportRequest(**request)  # type: ignore[arg-type]
    return import_table(root, slug, table, path, wanted, today=today, progress=progress, wait=wait)


def import_table(
    root: Path,
    slug: str,
    table: Table,
    path: Path,
    request: ImportRequest,
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
    wait: float = LOCK_WAIT_SECONDS,
) -> ImportResult:
    """Classify ``table`` (read from ``path``) under the statement's lock, then write once."""
    today = today or dt.date.today()
    # Classified under the lock, so that rows added meanwhile count as present or duplicates.
    with editing(root, slug, dry_run=request.dry_run, wait=wait) as edit:
        loaded = edit.loaded
        statement = loaded.require()
        table_settings = statement.import_settings
        options = settings(
            table_settings,
            maps=request.maps,
            ignore=request.ignore,
            values=request.values,
            group=request.group,
            date_order=request.date_order,
            strict=request.strict,
        )
        status: ImportStatus = request.status or table_settings.status or "pending"
        columns = column_map(table.header, options, path)
        if not request.force:
            require_open(
                loaded, hint="open it with 'endorse open', or import with --force", today=today
            )
        used = set(columns.values())
        ignored = [column for i, column in enumerate(table.header) if i not in used]
        per_signer = statement.file_per_signer
        shown = relative(signer_folder(root, slug) if per_signer else list_file(root, slug), root)
        outcomes = plan(
            loaded, table, columns, options, today=today, status=status, progress=progress
        )
        read_from = {key: table.header[i] for key, i in columns.items()}
        result = ImportResult(outcomes, shown, read_from, ignored, status=status)
        new = [(o.signatory, o.contact) for o in result.added if o.signatory is not None]
        write_signatories(edit, new)
        if request.accept_refusals:
            result.accepted = _record_reviewed(edit, result.refused, today)
        result.written = (bool(new) or result.accepted > 0) and not request.dry_run
        return result


def _record_reviewed(edit: object, refused: list[Outcome], today: dt.date) -> int:
    """Append a ``[[import_reviewed]]`` table for each refused row (its hash, the day)."""
    from endorse.edit.store import Edit

    assert isinstance(edit, Edit)
    digests = list(dict.fromkeys(o.digest for o in refused))
    if digests:
        path = statement_file(edit.root, edit.loaded.slug)
        edit.append(path, REVIEWED_TABLE, [{"row": d, "on": today} for d in digests])
    return len(digests)


def rejects_csv(table: Table, outcomes: list[Outcome]) -> str:
    """The rows refused by this import (not those reviewed before) as they were, with why, for
    review in a spreadsheet (contacts kept)."""
    from endorse.render.listing import neutralise  # the cells a stranger typed run no formula

    refused = {o.row: o for o in outcomes if o.verdict in ("duplicate", "invalid")}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["row", "refused because", *map(neutralise, table.header)])
    for number, cells in table.rows:
        outcome = refused.get(number)
        if outcome is not None:
            reason = neutralise(f"{outcome.verdict}: {outcome.reason}")
            writer.writerow([number, reason, *map(neutralise, cells)])
    return "\ufeff" + out.getvalue()
