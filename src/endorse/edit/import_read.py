"""Reading a form's export for `endorse import`: a CSV file or an .xlsx workbook's sheet.

The file comes from outside (a form anyone could fill, a spreadsheet anyone could craft), so
a workbook is measured before it is parsed: the zip's declared sizes and compression ratios,
then its rows and columns as they are read; its XML is parsed without entities (defusedxml).
Whatever is wrong with it ends in a message naming the file, never a traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from endorse.errors import EndorseError, UsageError

# Files that are not CSV or .xlsx, by their suffix: what to do instead.
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

# A form's export is far below these: a million rows of a dozen columns is ~200 MB of XML.
# The same size bounds a CSV file.
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
# openpyxl reads every shared string into memory before the first row: fewer bytes for them.
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024
MAX_MEMBER_RATIO = 200  # XML compresses 10-30 times; a bomb, thousands of times
MAX_ROWS = 1_000_000
MAX_COLUMNS = 500


@dataclass(frozen=True)
class Table:
    """A sheet as read: its header and its records, numbered as a spreadsheet shows them."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    # A CSV record's first line in the file, where it differs from its row number (a quoted
    # answer spanning lines), for messages.
    lines: dict[int, int] = field(default_factory=dict)
    delimited: bool = False  # a CSV file: every record must have the header's fields

    def line_of(self, row: int) -> int:
        return self.lines.get(row, row)


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
    with path.open("rb") as stream:
        magic = stream.read(len(ZIP_MAGIC))
    if suffix in XLSX_SUFFIXES or magic == ZIP_MAGIC:
        return _read_xlsx(path, sheet)
    if sheet is not None:
        raise UsageError("--sheet is for .xlsx workbooks; this is a CSV file", path=path)
    size = path.stat().st_size
    if size > MAX_UNCOMPRESSED_BYTES:
        raise UsageError(
            f"the file is {size // (1024 * 1024)} MB, above endorse's limit of "
            f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB for a form's export",
            path=path,
            hint="split it, or import only the new rows",
        )
    return _read_csv(path, path.read_bytes(), encoding)


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
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    records: list[list[str]] = []
    lines: dict[int, int] = {}
    try:
        line = 1
        for record in reader:
            records.append(record)
            if line != len(records):
                lines[len(records)] = line
            line = reader.line_num + 1
    except csv.Error as exc:
        raise EndorseError(
            f"not a readable CSV file: {exc}", path=path, line=reader.line_num
        ) from exc
    table = _table(path, records)
    return Table(table.header, table.rows, lines, delimited=True)


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


def _unreadable(path: Path, why: str) -> UsageError:
    return UsageError(
        f"not a readable .xlsx workbook ({why})",
        path=path,
        hint="open it in a spreadsheet and save it again as .xlsx or as CSV (UTF-8)",
    )


def check_workbook_sizes(path: Path) -> None:
    """Refuse a workbook that would unpack to more than we read, from the zip's own directory:
    its declared sizes and each member's compression ratio, before anything is decompressed."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _unreadable(path, str(exc)) from None
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and ratio > MAX_MEMBER_RATIO:
            raise _unreadable(
                path,
                f"{member.filename} would unpack {ratio:.0f} times its size: "
                "a zip bomb, not a form's export",
            )
        if member.filename.casefold().endswith("sharedstrings.xml") and (
            member.file_size > MAX_SHARED_STRINGS_BYTES
        ):
            raise _unreadable(
                path,
                f"its shared strings would unpack to {member.file_size // (1024 * 1024)} MB, "
                f"above endorse's limit of {MAX_SHARED_STRINGS_BYTES // (1024 * 1024)} MB",
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise _unreadable(
            path,
            f"it would unpack to {total // (1024 * 1024)} MB, above endorse's limit of "
            f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB",
        )


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    import openpyxl
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:  # OPENPYXL_DEFUSEDXML=False would let entities through
        raise UsageError(
            "endorse reads .xlsx files only through defusedxml",
            path=path,
            hint="unset OPENPYXL_DEFUSEDXML, or export the sheet as CSV (UTF-8)",
        )
    check_workbook_sizes(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise _unreadable(path, _why(exc)) from None
    try:
        if sheet is None:
            if not workbook.worksheets:
                raise _unreadable(path, "it has no sheet")
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            raise UsageError(
                f"--sheet {sheet}: no such sheet",
                path=path,
                hint="sheets: " + ", ".join(workbook.sheetnames),
            )
        records = _sheet_records(path, worksheet)
    finally:
        workbook.close()
    return _table(path, records)


def _sheet_records(path: Path, worksheet: object) -> list[list[str]]:
    """The sheet's cells as text, stopping at the limits rather than reading on."""
    declared_rows = getattr(worksheet, "max_row", None) or 0
    declared_columns = getattr(worksheet, "max_column", None) or 0
    if declared_rows > MAX_ROWS or declared_columns > MAX_COLUMNS:
        raise _unreadable(
            path,
            f"the sheet declares {declared_rows} rows and {declared_columns} columns; endorse "
            f"reads at most {MAX_ROWS} rows of {MAX_COLUMNS} columns",
        )
    records: list[list[str]] = []
    try:
        rows = worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)  # type: ignore[attr-defined]
        for row in rows:
            if len(records) >= MAX_ROWS:
                raise _unreadable(path, f"more than {MAX_ROWS} rows")
            cells = [_cell_text(v) for v in row]
            if len(cells) > MAX_COLUMNS and any(cells[MAX_COLUMNS:]):
                raise _unreadable(path, f"more than {MAX_COLUMNS} columns")
            records.append(cells[:MAX_COLUMNS])
    except UsageError:
        raise
    except Exception as exc:
        raise _unreadable(path, _why(exc)) from None
    return records


def _why(exc: Exception) -> str:
    """The cause in a few words; openpyxl wraps some errors, so their causes are looked at."""
    cause: BaseException | None = exc
    while cause is not None:
        if type(cause).__name__ in (
            "EntitiesForbidden",
            "DTDForbidden",
            "ExternalReferenceForbidden",
        ):
            return "its XML declares entities, which endorse never expands"
        cause = cause.__cause__ or cause.__context__
    name = type(exc).__name__
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{name}: {text}" if text else name


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


def row_width_problem(table: Table, number: int, cells: list[str]) -> str | None:
    """Why a CSV record does not fit the header (a stray delimiter, a lost quote), if so.

    A sheet's rows may run past the header (a note in a spare column): only CSV is held to it.
    """
    if not table.delimited or len(cells) == len(table.header):
        return None
    return (
        f"line {table.line_of(number)} has {len(cells)} fields where the header has "
        f"{len(table.header)} (a stray delimiter or quote?)"
    )
