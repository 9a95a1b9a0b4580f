"""``endorse list``: the signatories of one statement as a table, JSON or CSV."""

from __future__ import annotations

import enum
import sys
from typing import Annotated

import typer

from endorse.cli.common import RootOption, handles_errors
from endorse.cli.completion import SlugArgument
from endorse.cli.incomplete import AllowInvalidOption, complete_or_refuse
from endorse.errors import printable


class ListFormat(enum.StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


@handles_errors
def list_signatories(
    slug: SlugArgument,
    root: RootOption = None,
    allow_invalid: AllowInvalidOption = False,
    format: Annotated[
        ListFormat,
        typer.Option("--format", "-f", help="table for people; json or csv for other tools."),
    ] = ListFormat.TABLE,
    include_private: Annotated[
        bool,
        typer.Option("--include-private", help="Also show private fields (contact)."),
    ] = False,
) -> None:
    """Show every signatory, in print order, with group, country and status."""
    from endorse.project.load import load_project
    from endorse.project.paths import find_root

    project = load_project(find_root(root), only=[slug])
    loaded = complete_or_refuse(project.get(slug), allow_invalid=allow_invalid)
    if format is not ListFormat.TABLE:
        from endorse.cli.common import write_output
        from endorse.render.listing import records, to_csv, to_json

        found = records(loaded, include_private=include_private)
        write_output(to_csv(found) if format is ListFormat.CSV else to_json(found), None)
        return

    from endorse.render.listing import rows

    columns = ["group", "#", "name", "country", "status"] + (["contact"] * include_private)
    cells = []
    for row in rows(loaded, include_private=include_private):
        line = [row.group, str(row.number or ""), row.display_name, row.country or "", row.status]
        cells.append([printable(cell) for cell in line + [row.contact or ""] * include_private])
    title = f"Signatories of {slug}"
    if not stdout_is_terminal():
        from endorse.cli.common import write_output
        from endorse.render.columns import aligned

        write_output(f"{title}\n\n" + aligned(columns, cells, right=frozenset({1})), None)
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


def stdout_is_terminal() -> bool:
    """Rich draws the boxed table for people; a pipe or a file gets plain aligned rows."""
    return sys.stdout.isatty()
