"""``endorse import``: add the rows of an online form's export (CSV or .xlsx)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from endorse.cli import common
from endorse.cli.common import (
    DEFAULT_WAIT_SECONDS,
    RootOption,
    StrictOption,
    WaitOption,
    handles_errors,
)
from endorse.cli.completion import SlugArgument, complete_group_id
from endorse.errors import printable

if TYPE_CHECKING:
    from endorse.edit.importing import (
        DateOrder,
        ImportRequest,
        ImportResult,
        Outcome,
        Table,
    )
    from endorse.format.choices import ImportStatus

# Below this many rows the import is over before a progress bar would be read.
PROGRESS_FROM_ROWS = 2000


@handles_errors
def import_rows(
    slug: SlugArgument,
    file: Annotated[
        Path,
        typer.Argument(metavar="FILE", help="The form's export: CSV (any delimiter) or .xlsx."),
    ],
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="FIELD=COLUMN",
            help="Read FIELD from COLUMN (FIELD= reads it from none); repeatable.",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", metavar="COLUMN", help="Never read COLUMN; repeatable."),
    ] = None,
    map_value: Annotated[
        list[str] | None,
        typer.Option(
            "--map-value",
            metavar="FIELD:ANSWER=VALUE",
            help="Read a form's answer as a value, like group:Endorser=endorsers; repeatable.",
        ),
    ] = None,
    group: Annotated[
        str | None,
        typer.Option(
            "--group",
            help="Group for rows that do not name one.",
            autocompletion=complete_group_id,
        ),
    ] = None,
    date_order: Annotated[
        str | None,
        typer.Option("--date-order", metavar="DMY|MDY", help="How to read dates like 03/04/2025."),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="The .xlsx sheet to read (default: the first).")
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help="The CSV's encoding (default UTF-8), like cp1252."),
    ] = None,
    rejects: Annotated[
        Path | None,
        typer.Option(
            "--rejects",
            metavar="FILE.csv",
            help="Write the refused rows, as exported, with why, to review them.",
            dir_okay=False,
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only the refused rows and the summary.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Import into a closed statement anyway.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be added; write nothing.")
    ] = False,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            metavar="pending|confirmed",
            help="Status of the rows added (default: [import] status, else pending).",
        ),
    ] = None,
    accept_refusals: Annotated[
        bool,
        typer.Option(
            "--accept-refusals",
            help="Record the rows refused now as reviewed: later imports skip them.",
        ),
    ] = False,
    strict: StrictOption = False,
    wait: WaitOption = DEFAULT_WAIT_SECONDS,
    root: RootOption = None,
) -> None:
    """Import signatories from a form's export; exit 1 when a row was refused for the first time.

    Rows already in the list (same name, same contact where both have one) are counted as
    "already present" and skipped, so the same growing export can be imported every week; rows
    refused before and recorded with --accept-refusals are "already reviewed". Rows arrive as
    pending, to confirm with 'endorse confirm', unless --status or [import] status says otherwise.
    """
    from endorse.edit.importing import ImportRequest, read_table
    from endorse.project.paths import find_root

    request = ImportRequest(
        maps=_maps(map_),
        ignore=tuple(ignore or ()),
        values=_value_maps(map_value),
        group=group,
        date_order=_date_order(date_order),
        status=_status(status),
        force=force,
        dry_run=dry_run,
        strict=strict,
        accept_refusals=accept_refusals,
    )
    project_root = find_root(root)
    table = read_table(file, sheet=sheet, encoding=encoding)
    result = _run(project_root, slug, table, file, request, wait)
    _report(slug, result, table, request, root=project_root, quiet=quiet, rejects=rejects)
    if result.refused and not (result.accepted and not request.dry_run):
        raise typer.Exit(1)


def _maps(items: list[str] | None) -> dict[str, str]:
    from endorse.edit.importing import parse_maps

    return parse_maps(items or [])


def _value_maps(items: list[str] | None) -> dict[str, dict[str, str]]:
    from endorse.edit.importing import parse_value_maps

    return parse_value_maps(items or [])


def _date_order(value: str | None) -> DateOrder | None:
    from endorse.errors import UsageError

    orders: dict[str | None, DateOrder | None] = {None: None, "DMY": "DMY", "MDY": "MDY"}
    key = value.upper() if value else None
    if key not in orders:
        raise UsageError(f"--date-order {value}: write DMY (day first) or MDY (month first)")
    return orders[key]


def _status(value: str | None) -> ImportStatus | None:
    from endorse.errors import UsageError
    from endorse.format.choices import IMPORT_STATUSES

    if value is None:
        return None
    for status in IMPORT_STATUSES:
        if value.strip().casefold() == status:
            return status
    raise UsageError(f"--status {value}: write pending or confirmed")


def _run(
    root: Path, slug: str, table: Table, file: Path, request: ImportRequest, wait: float
) -> ImportResult:
    """The import, with a progress bar on standard error when there are many rows."""
    from rich.console import Console
    from rich.progress import Progress

    from endorse.edit.importing import import_table

    if len(table.rows) < PROGRESS_FROM_ROWS:
        return import_table(root, slug, table, file, request, wait=wait)
    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("checking rows", total=len(table.rows))
        return import_table(
            root,
            slug,
            table,
            file,
            request,
            wait=wait,
            progress=lambda done, _total: bar.update(task, completed=done),
        )


def _report(
    slug: str,
    result: ImportResult,
    table: Table,
    request: ImportRequest,
    *,
    root: Path,
    quiet: bool,
    rejects: Path | None,
) -> None:
    from rich.console import Console

    from endorse.edit.importing import rejects_csv

    show(Console(highlight=False), result, dry_run=request.dry_run, quiet=quiet)
    if result.added and result.status == "pending":
        sys.stderr.write(
            f"the rows {'to add' if request.dry_run else 'added'} are pending: review them, then "
            f"'endorse confirm {slug} --all-pending' (or import with --status "
            "confirmed)\n"
        )
    if result.accepted:
        done = "would be recorded" if request.dry_run else "recorded"
        sys.stderr.write(
            f"{result.accepted} refused row(s) {done} as reviewed: later imports skip them\n"
        )
    elif rejects is None and result.refused:
        sys.stderr.write(
            "keep the refused rows for review with --rejects FILE.csv; once reviewed, "
            "record them with --accept-refusals\n"
        )
    if rejects is not None and result.refused:
        common.write_output(rejects_csv(table, result.outcomes), rejects, within=root, private=True)
        sys.stderr.write(
            f"refused rows written to {rejects} (they hold contacts: keep it private)\n"
        )


VERDICTS = {
    "add": "to add",
    "present": "already present",
    "duplicate": "duplicate",
    "invalid": "invalid",
    "reviewed": "already reviewed",
}


IMPORT_COLUMNS = ("row", "outcome", "name", "reason")


def _cells(outcome: Outcome) -> list[str]:
    reason = "; ".join((outcome.reason, *outcome.notices)).strip("; ")
    cells = (str(outcome.row), VERDICTS[outcome.verdict], outcome.name, reason)
    return [printable(cell) for cell in cells]


def show(console: object, result: ImportResult, *, dry_run: bool, quiet: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    assert isinstance(console, Console)
    if not quiet:
        read = ", ".join(f"{key} <- '{column}'" for key, column in result.columns.items())
        console.print(Text(printable(f"columns read: {read}")))
        if result.ignored_columns:
            console.print(Text(printable("columns ignored: " + ", ".join(result.ignored_columns))))
    shown = result.refused if quiet else result.outcomes
    if shown and not common.stdout_is_terminal():
        # A pipe or a file: the same columns without the box. Rich drew 20,000 rows in about
        # 16 s, most of an import's time.
        from endorse.render.columns import aligned

        console.file.write(printable(f"Import into {result.path}") + "\n")
        console.file.write(
            aligned(IMPORT_COLUMNS, [_cells(outcome) for outcome in shown], right=frozenset({0}))
        )
    elif shown:
        table = Table(title=Text(f"Import into {result.path}"))
        for column in IMPORT_COLUMNS:
            table.add_column(column, justify="right" if column == "row" else "left")
        for outcome in shown:
            table.add_row(*(Text(cell) for cell in _cells(outcome)))  # never markup nor escapes
        console.print(table)
    added, present, refused = len(result.added), len(result.present), len(result.refused)
    counts = f"already present {present}, refused {refused}"
    if result.reviewed:
        counts += f", already reviewed {len(result.reviewed)}"
    if dry_run:
        summary = f"dry run: would add {added}, {counts}; nothing written"
    elif result.written:
        summary = f"added {added}, {counts} ({result.path})"
    else:
        summary = f"added 0, {counts}"
    console.print(Text(summary))
