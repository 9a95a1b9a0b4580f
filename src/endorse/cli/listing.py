"""``endorse list``: the signatories of one statement as a table."""

from __future__ import annotations

from typing import Annotated

import typer

from endorse.cli.common import RootOption, handles_errors
from endorse.cli.completion import complete_statement_slug


@handles_errors
def list_signatories(
    slug: Annotated[
        str,
        typer.Argument(
            help="The statement, as named in statements/SLUG.toml.",
            autocompletion=complete_statement_slug,
        ),
    ],
    root: RootOption = None,
) -> None:
    """Show every signatory, in print order, with group, country and status."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from endorse.listing import rows
    from endorse.project import find_root, load_project

    project = load_project(find_root(root), only=[slug])
    table = Table(title=f"Signatories of {slug}")
    for column in ("group", "#", "name", "country", "status"):
        table.add_column(column, justify="right" if column == "#" else "left")
    for row in rows(project.get(slug)):
        # Text() so that brackets in a name are printed, never read as Rich markup.
        cells = (row.group, str(row.number or ""), row.display_name, row.country or "", row.status)
        table.add_row(*(Text(cell) for cell in cells))
    Console(highlight=False).print(table)
