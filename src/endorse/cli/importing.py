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
    from endorse.edit.importing import DateOrder, ImportResult, Outcome

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
    strict: StrictOption = False,
    wait: WaitOption = DEFAULT_WAIT_SECONDS,
    root: RootOption = None,
) -> None:
    """Import signatories from a form's export; exit 1 when any row was refused.

    Rows already in the list (same name, same contact where both have one) are counted as
    "already present" and skipped, so the same growing export can be imported every week.
    """
    from rich.console import Console
    from rich.progress import Progress

    from endorse.edit.importing import (
        import_rows as import_file,
    )
    from endorse.edit.importing import (
        parse_maps,
        parse_value_maps,
        read_table,
        rejects_csv,
    )
    from endorse.errors import UsageError
    from endorse.project.paths import find_root

    orders: dict[str | None, DateOrder | None] = {None: None, "DMY": "DMY", "MDY": "MDY"}
    order_key = date_order.upper() if date_order else None
    if order_key not in orders:
        raise UsageError(f"--date-order {date_order}: write DMY (day first) or MDY (month first)")
    order = orders[order_key]
    project_root = find_root(root)
    console = Console(highlight=False)
    table = read_table(file, sheet=sheet, encoding=encoding)

    def run(progress: object = None) -> ImportResult:
        return import_file(
            project_root,
            slug,
            file,
            maps=parse_maps(map_ or []),
            ignore=ignore or (),
            values=parse_value_maps(map_value or []),
            group=group,
            date_order=order,
            sheet=sheet,
            encoding=encoding,
            force=force,
            dry_run=dry_run,
            wait=wait,
            strict=strict,
            progress=progress,  # type: ignore[arg-type]
        )

    if len(table.rows) >= PROGRESS_FROM_ROWS:
        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("checking rows", total=len(table.rows))
            result = run(lambda done, _total: bar.update(task, completed=done))
    else:
        result = run()
    show(console, result, dry_run=dry_run, quiet=quiet)
    if rejects is None and result.refused:
        sys.stderr.write("keep the refused rows for review with --rejects FILE.csv\n")
    if rejects is not None and result.refused:
        from endorse.cli.common import write_output

        write_output(
            rejects_csv(table, result.outcomes), rejects, within=project_root, private=True
        )
        sys.stderr.write(
            f"refused rows written to {rejects} (they hold contacts: keep it private)\n"
        )
    if result.refused:
        raise typer.Exit(1)


VERDICTS = {
    "add": "to add",
    "present": "already present",
    "duplicate": "duplicate",
    "invalid": "invalid",
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
    if dry_run:
        summary = f"dry run: would add {added}, {counts}; nothing written"
    elif result.written:
        summary = f"added {added}, {counts} ({result.path})"
    else:
        summary = f"added 0, {counts}"
    console.print(Text(summary))
