"""``endorse render``: print the final statement."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from endorse.cli.common import RootOption, handles_errors, write_output
from endorse.cli.completion import complete_statement_slug


@handles_errors
def render(
    slug: Annotated[
        str,
        typer.Argument(
            help="The statement, as named in statements/SLUG.toml.",
            autocompletion=complete_statement_slug,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of the terminal."),
    ] = None,
    root: RootOption = None,
) -> None:
    """Print the final statement: body, numbered signatory lists and closing."""
    from endorse.project import find_root, load_project
    from endorse.render.document import build_document
    from endorse.render.text import render_text

    project = load_project(find_root(root), only=[slug])
    document = build_document(project.get(slug))
    write_output(render_text(document), output)
