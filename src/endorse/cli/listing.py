"""``endorse list``: the signatories of one statement as a table, JSON or CSV."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from endorse.cli import common
from endorse.cli.common import RootOption, handles_errors
from endorse.cli.completion import SlugArgument
from endorse.cli.incomplete import AllowInvalidOption, publishable_or_refuse
from endorse.errors import printable
from endorse.format.choices import SIGNATORY_STATUSES, member_name


class ListFormat(enum.StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


Status = enum.StrEnum("Status", {member_name(s): s for s in SIGNATORY_STATUSES})  # type: ignore[misc]


@handles_errors
def list_signatories(
    slug: SlugArgument,
    root: RootOption = None,
    allow_invalid: AllowInvalidOption = False,
    format: Annotated[
        ListFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table for people; json or csv for other tools (default: from the --output "
            "name, *.csv *.json *.txt, else table).",
            show_default=False,
        ),
    ] = None,
    include_private: Annotated[
        bool,
        typer.Option("--include-private", help="Also show private fields (contact)."),
    ] = False,
    status: Annotated[
        list[Status] | None,
        typer.Option("--status", help="Only signatories of this status; repeatable."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of stdout.", dir_okay=False
        ),
    ] = None,
    bom: Annotated[
        bool | None,
        typer.Option(
            "--bom/--no-bom",
            help="Start a CSV with a byte order mark, so spreadsheet programs read it as UTF-8 "
            "(default: on for -o *.csv, off on stdout).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show every signatory, in print order, with group, country and status."""
    from endorse.errors import UsageError
    from endorse.project.load import load_project
    from endorse.project.paths import find_root
    from endorse.render.listing import FORMAT_BY_SUFFIX
    from endorse.render.output_name import format_by_name

    chosen = ListFormat(
        format_by_name(format.value if format else None, output, FORMAT_BY_SUFFIX, "table")
    )
    if bom and chosen is not ListFormat.CSV:
        raise UsageError(f"--bom is for CSV, not --format {chosen}", hint="drop --bom")
    statuses = frozenset(status) if status else None
    found_root = find_root(root)
    project = load_project(found_root, only=[slug])
    loaded = publishable_or_refuse(project, slug, allow_invalid=allow_invalid)
    if chosen is not ListFormat.TABLE:
        from endorse.cli.common import write_output
        from endorse.render.listing import records, to_csv, to_json

        found = records(loaded, include_private=include_private, statuses=statuses)
        if chosen is ListFormat.CSV:
            with_bom = bom if bom is not None else output is not None
            written = to_csv(found, bom=with_bom)
        else:
            written = to_json(found)
        write_output(written, output, within=found_root, private=include_private)
        return

    from endorse.render.listing import rows

    columns = ["group", "#", "name", "country", "status"] + (["contact"] * include_private)
    cells = []
    for row in rows(loaded, include_private=include_private, statuses=statuses):
        line = [row.group, str(row.number or ""), row.display_name, row.country or "", row.status]
        cells.append([printable(cell) for cell in line + [row.contact or ""] * include_private])
    title = f"Signatories of {slug}"
    if output is not None or not common.stdout_is_terminal():
        from endorse.cli.common import write_output
        from endorse.render.columns import aligned

        text = f"{title}\n\n" + aligned(columns, cells, right=frozenset({1}))
        write_output(text, output, within=found_root, private=include_private)
        return

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title)
    for column in columns:
        table.add_column(column, justify="right" if column == "#" else "left")
    for line in cells:
        # Text() so that brackets in a name are printed, never read as Rich markup.
        table.add_row(*(Text(cell) for cell in line))
    Console(highlight=False).print(table)
