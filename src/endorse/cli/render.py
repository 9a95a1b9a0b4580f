"""``endorse render``: print the final statement."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from endorse.cli.common import RootOption, handles_errors, write_output
from endorse.cli.completion import SlugArgument
from endorse.cli.incomplete import AllowInvalidOption, complete_or_refuse


class Format(enum.StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    DOCX = "docx"
    JSON = "json"


@handles_errors
def render(
    slug: SlugArgument,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of the terminal."),
    ] = None,
    root: RootOption = None,
    format: Annotated[
        Format,
        typer.Option("--format", "-f", help="Output format (docx needs --output)."),
    ] = Format.TEXT,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            "-t",
            help="A Jinja2 template of your own (autoescaped when named *.html*).",
            dir_okay=False,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Render a translation, e.g. km (default: the original)."),
    ] = None,
    counts: Annotated[
        bool,
        typer.Option("--counts", help="Add 'Endorsed by N organisations' lines."),
    ] = False,
    include_private: Annotated[
        bool, typer.Option("--include-private", help="Also print private fields (contact).")
    ] = False,
    allow_invalid: AllowInvalidOption = False,
) -> None:
    """Print the final statement: body, numbered signatory lists and closing."""
    from endorse.errors import UsageError
    from endorse.project.load import load_project
    from endorse.project.paths import find_root
    from endorse.render.document import build_document
    from endorse.render.formats import render as render_as

    if format is Format.DOCX and output is None and template is None:
        raise UsageError(
            "docx is a binary format and cannot be printed to the terminal",
            hint=f"add --output {slug}.docx",
        )
    project = load_project(find_root(root), only=[slug])
    loaded = complete_or_refuse(project.get(slug), allow_invalid=allow_invalid)
    document = build_document(loaded, lang=lang, counts=counts, include_private=include_private)
    rendered = render_as(document, format.value, template)
    if isinstance(rendered, bytes):
        from endorse.edit.atomic import write_atomic

        assert output is not None
        write_atomic(output, rendered)
        return
    write_output(rendered, output)
