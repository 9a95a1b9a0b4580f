"""``endorse import``: add the rows of an online form's CSV export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from endorse.cli.common import DEFAULT_WAIT_SECONDS, RootOption, WaitOption, handles_errors
from endorse.cli.completion import SlugArgument, complete_group_id
from endorse.errors import printable

if TYPE_CHECKING:
    from endorse.edit.importing import ImportResult

# Below this many rows the import is over before a progress bar would be read.
PROGRESS_FROM_ROWS = 2000


@handles_errors
def import_rows(
    slug: SlugArgument,
    file: Annotated[Path, typer.Argument(metavar="FILE.csv", help="CSV export with a header row.")],
    map_: Annotated[
        list[str] | None,
        typer.Option("--map", metavar="FIELD=COLUMN", help="Read FIELD from COLUMN; repeatable."),
    ] = None,
    group: Annotated[
        str | None,
        typer.Option(
            "--group",
            help="Group for rows that do not name one.",
            autocompletion=complete_group_id,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be added; write nothing.")
    ] = False,
    wait: WaitOption = DEFAULT_WAIT_SECONDS,
    root: RootOption = None,
) -> None:
    """Import signatories from CSV; exit 1 when any row was refused."""
    from rich.console import Console
    from rich.progress import Progress

    from endorse.edit.importing import import_csv, read_table
    from endorse.project.paths import find_root

    project_root = find_root(root)
    console = Console(highlight=False)
    rows = len(read_table(file).rows)
    if rows >= PROGRESS_FROM_ROWS:
        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("checking rows", total=rows)
            result = import_csv(
                project_root,
                slug,
                file,
                maps=map_ or [],
                group=group,
                dry_run=dry_run,
                wait=wait,
                progress=lambda done, _total: bar.update(task, completed=done),
            )
    else:
        result = import_csv(
            project_root, slug, file, maps=map_ or [], group=group, dry_run=dry_run, wait=wait
        )
    show(console, result, dry_run)
    if result.refused:
        raise typer.Exit(1)


def show(console: object, result: ImportResult, dry_run: bool) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    assert isinstance(console, Console)
    if result.ignored_columns:
        console.print(Text("ignored columns: " + printable(", ".join(result.ignored_columns))))
    table = Table(title=Text(f"Import into {result.path}"))
    for column in ("row", "outcome", "name", "reason"):
        table.add_column(column, justify="right" if column == "row" else "left")
    for outcome in result.outcomes:
        verdict = "to add" if outcome.verdict == "add" else outcome.verdict
        cells = (str(outcome.row), verdict, outcome.name, outcome.reason)
        table.add_row(*(Text(printable(cell)) for cell in cells))  # never markup, never escapes
    console.print(table)
    added, refused = len(result.added), len(result.refused)
    if dry_run:
        summary = f"dry run: would add {added}, refuse {refused}; nothing written"
    elif result.written:
        summary = f"added {added} to {result.path}; refused {refused}"
    else:
        summary = f"nothing added; refused {refused}"
    console.print(Text(summary))
