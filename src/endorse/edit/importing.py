"""`endorse import`: a form's export (CSV or .xlsx), every row checked first, then one locked write.

A coalition re-imports the same growing export every week: columns are matched by the headers
forms use, answers are mapped to the file's values (``[import]`` in the statement, or options),
and a row that is already in the list is "already present", not a duplicate.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from endorse.edit.signers import (
    GIVEN_FIELDS,
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
from endorse.errors import EndorseError, UsageError
from endorse.format.models import ImportSettings, Signatory
from endorse.matching import CandidateChecker
from endorse.project.model import Entry, LoadedStatement
from endorse.project.names import fold
from endorse.project.paths import list_file, relative, signer_folder

FIELDS = (*GIVEN_FIELDS, "added")
ALIAS_SEPARATOR = ";"
DateOrder = Literal["DMY", "MDY"]

Progress = Callable[[int, int], None]
Verdict = Literal["add", "present", "duplicate", "invalid"]

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

# Files that are not CSV or .xlsx, by what they start with or their suffix: what to do instead.
OTHER_FORMATS = {
    ".ods": "an OpenDocument spreadsheet (.ods)",
    ".numbers": "an Apple Numbers file (.numbers)",
    ".xls": "an old Excel file (.xls)",
    ".json": "a JSON file",
    ".pdf": "a PDF file",
}
XLSX_SUFFIXES = (".xlsx", ".xlsm")
DELIMITERS = ",;\t|"
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Table:
    """A sheet as read: its header and its records, numbered as a spreadsheet shows them."""

    header: list[str]
    rows: list[tuple[int, list[str]]]


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


@dataclass(frozen=True)
class Outcome:
    row: int
    name: str
    verdict: Verdict
    reason: str = ""
    signatory: Signatory | None = None
    contact: str | None = None
    notices: tuple[str, ...] = ()


@dataclass
class ImportResult:
    outcomes: list[Outcome]
    path: Path
    columns: dict[str, str] = field(default_factory=dict)  # field -> the column it was read from
    ignored_columns: list[str] = field(default_factory=list)
    written: bool = False

    @property
    def added(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.verdict == "add"]

    @property
    def present(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.verdict == "present"]

    @property
    def refused(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.verdict in ("duplicate", "invalid")]


def read_table(path: Path, *, sheet: str | None = None, encoding: str | None = None) -> Table:
    """A CSV file (any delimiter, BOM or not) or an .xlsx workbook's sheet (the first one)."""
    if not path.is_file():
        raise UsageError("no such file", path=path, hint="give the path of the form's export")
    suffix = path.suffix.casefold()
    if suffix in OTHER_FORMATS:
        raise UsageError(
            f"this is {OTHER_FORMATS[suffix]}, which endorse cannot read",
            path=path,
            hint="save or download it as .xlsx or as CSV (UTF-8), then import that file",
        )
    raw = path.read_bytes()
    if suffix in XLSX_SUFFIXES or raw.startswith(ZIP_MAGIC):
        return _read_xlsx(path, sheet)
    if sheet is not None:
        raise UsageError("--sheet is for .xlsx workbooks; this is a CSV file", path=path)
    return _read_csv(path, raw, encoding)


def _read_csv(path: Path, raw: bytes, encoding: str | None) -> Table:
    try:
        text = raw.decode(encoding or "utf-8-sig")
    except LookupError:
        raise UsageError(
            f"--encoding {encoding}: no such encoding", hint="try utf-8 or cp1252"
        ) from None
    except UnicodeDecodeError as exc:
        hint = "export the CSV as UTF-8 (in a spreadsheet: 'CSV UTF-8')"
        if encoding is None:
            hint += "; if it comes from Excel on Windows, read it with --encoding cp1252"
        raise EndorseError(
            f"file is not valid {encoding or 'UTF-8'}",
            path=path,
            line=raw.count(b"\n", 0, exc.start) + 1,
            hint=hint,
        ) from None
    text = text.removeprefix("\ufeff")
    delimiter = _delimiter(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise EndorseError(f"not a readable CSV file: {exc}", path=path) from exc
    return _table(path, records)


def _delimiter(text: str) -> str:
    """The one delimiter the header uses; else the one its rows agree on (csv.Sniffer)."""
    first_line = text.split("\n", 1)[0]
    in_header = [d for d in DELIMITERS if d in first_line]
    if len(in_header) == 1:
        return in_header[0]
    try:
        return csv.Sniffer().sniff(text[:20_000], delimiters=DELIMITERS).delimiter
    except csv.Error:
        return max(DELIMITERS, key=first_line.count)


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    import zipfile

    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UsageError(
            f"not a readable .xlsx workbook ({exc})",
            path=path,
            hint="open it in a spreadsheet and save it again as .xlsx or as CSV (UTF-8)",
        ) from None
    try:
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            raise UsageError(
                f"--sheet {sheet}: no such sheet",
                path=path,
                hint="sheets: " + ", ".join(workbook.sheetnames),
            )
        records = [[_cell_text(v) for v in row] for row in worksheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return _table(path, records)


def _cell_text(value: object) -> str:
    """A cell as a CSV export would write it; dates in ISO form so they read the same way."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(path: Path, records: list[list[str]]) -> Table:
    if not records or not any(cell.strip() for cell in records[0]):
        raise UsageError(
            "the file has no header row", path=path, hint="export it with the questions as headers"
        )
    header = [cell.strip() for cell in records[0]]
    rows = [(number, cells) for number, cells in enumerate(records[1:], start=2)]
    return Table(header, rows)


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


_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$")
_SLASHED = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?:[ ,T].*)?$")


def date_order_of(values: Iterable[str]) -> DateOrder | None:
    """The order a column of day/month dates uses, from any date whose day is above 12."""
    for value in values:
        match = _SLASHED.match(value.strip())
        if match:
            first, second = int(match.group(1)), int(match.group(2))
            if first > 12 >= second:
                return "DMY"
            if second > 12 >= first:
                return "MDY"
    return None


def parse_date(value: str, order: DateOrder | None) -> dt.date:
    """The day of a timestamp as the form wrote it (its own time zone, never converted)."""
    text = value.strip()
    match = _ISO.match(text)
    try:
        if match:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        match = _SLASHED.match(text)
        if match:
            first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
            if year < 100:
                year += 2000
            if order is None and first <= 12 and second <= 12 and first != second:
                raise Invalid(
                    f"added: '{value}' could be day/month or month/day",
                    hint="say which with --date-order DMY or --date-order MDY",
                )
            day, month = (second, first) if order == "MDY" else (first, second)
            return dt.date(year, month, day)
    except ValueError:
        pass
    raise Invalid(
        f"added: '{value}' is not a date (like 2025-03-01 or 01/03/2025 10:31:07)",
        hint="map another column with --map added=COLUMN, or none with --map added=",
    )


def _mapped(field_name: str, value: str, options: Options) -> str:
    answers = options.values.get(field_name)
    if not answers or not value:
        return value
    folded = value.casefold()
    return next((to for answer, to in answers.items() if answer.casefold() == folded), value)


def _new_signatory(
    values: dict[str, str], options: Options, order: DateOrder | None
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
        status=values.get("status") or None,
        added=added,
    )
    return wanted, problems


def _present(entry: Entry, signatory: Signatory, contact: str | None) -> bool:
    """The same signer again: the same name, and the same contact where both have one."""
    names = {fold(n) for n in (entry.signatory.name, *entry.signatory.aliases)}
    if fold(signatory.name) not in names:
        return False
    known = entry.signatory.contact
    return contact is None or known is None or known.casefold() == contact.casefold()


def plan(
    loaded: LoadedStatement,
    table: Table,
    columns: dict[str, int],
    options: Options,
    *,
    today: dt.date,
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
    row_of: dict[int, int] = {}  # id() of an accepted row's entry -> its row number
    outcomes = []
    total = len(table.rows)
    for done, (number, cells) in enumerate(table.rows, start=1):
        if progress is not None:
            progress(done, total)
        if not any(cell.strip() for cell in cells):
            continue
        values = {
            key: _mapped(key, cells[i].strip() if i < len(cells) else "", options)
            for key, i in columns.items()
        }
        name = values.get("name", "")
        wanted, problems = _new_signatory(values, options, order)
        try:
            signatory, contact = build_signatory(wanted, statement, loaded.slug, today=today)
        except Invalid as error:
            problems.append(error.message)
        if problems:
            outcomes.append(Outcome(number, name, "invalid", "; ".join(problems)))
            continue
        same = [
            e
            for e in present_by_name.get(fold(signatory.name), [])
            if _present(e, signatory, contact)
        ]
        if same:
            earlier = row_of.get(id(same[0]))
            where = f"row {earlier}" if earlier is not None else same[0].location
            outcomes.append(
                Outcome(number, name, "present", f"as '{same[0].signatory.name}' ({where})")
            )
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
            outcomes.append(Outcome(number, name, "invalid", "; ".join(warnings)))
            continue
        notice = country_notice(wanted)
        notices = (*([notice] if notice else []), *warnings)
        outcomes.append(Outcome(number, name, "add", "", signatory, contact, notices))
    return outcomes


def import_rows(
    root: Path,
    slug: str,
    path: Path,
    *,
    maps: dict[str, str] | None = None,
    ignore: Iterable[str] = (),
    values: dict[str, dict[str, str]] | None = None,
    group: str | None = None,
    date_order: DateOrder | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    force: bool = False,
    dry_run: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
    wait: float = LOCK_WAIT_SECONDS,
    strict: bool = False,
) -> ImportResult:
    today = today or dt.date.today()
    table = read_table(path, sheet=sheet, encoding=encoding)
    # Classified under the lock, so that rows added meanwhile count as present or duplicates.
    with editing(root, slug, dry_run=dry_run, wait=wait) as edit:
        loaded = edit.loaded
        statement = loaded.require()
        options = settings(
            statement.import_settings,
            maps=maps,
            ignore=tuple(ignore),
            values=values,
            group=group,
            date_order=date_order,
        )
        options = dataclasses.replace(options, strict=strict)
        columns = column_map(table.header, options, path)
        if not force:
            require_open(
                loaded, hint="open it with 'endorse open', or import with --force", today=today
            )
        used = set(columns.values())
        ignored = [column for i, column in enumerate(table.header) if i not in used]
        per_signer = statement.file_per_signer
        shown = relative(signer_folder(root, slug) if per_signer else list_file(root, slug), root)
        outcomes = plan(loaded, table, columns, options, today=today, progress=progress)
        read_from = {key: table.header[i] for key, i in columns.items()}
        result = ImportResult(outcomes, shown, read_from, ignored)
        new = [(o.signatory, o.contact) for o in result.added if o.signatory is not None]
        write_signatories(edit, new)
        result.written = bool(new) and not dry_run
        return result


def rejects_csv(table: Table, outcomes: list[Outcome]) -> str:
    """The refused rows as they were, with why, for review in a spreadsheet (contacts kept)."""
    refused = {o.row: o for o in outcomes if o.verdict in ("duplicate", "invalid")}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["row", "refused because", *table.header])
    for number, cells in table.rows:
        outcome = refused.get(number)
        if outcome is not None:
            writer.writerow([number, f"{outcome.verdict}: {outcome.reason}", *cells])
    return "\ufeff" + out.getvalue()
