"""``endorse init``: start a new statement."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from endorse.cli.common import RootOption, handles_errors


@handles_errors
def init(
    slug: Annotated[
        str, typer.Argument(help="The new statement's id: lowercase, digits, hyphens.")
    ],
    title: Annotated[str, typer.Option("--title", help="The statement's title.")],
    root: RootOption = None,
) -> None:
    """Create statements/SLUG.toml and signatories/SLUG.toml, ready to edit."""
    from endorse.edit.init import init_statement
    from endorse.errors import UsageError
    from endorse.project.paths import ROOT_ENV, find_root

    chosen = root or (Path(os.environ[ROOT_ENV]) if os.environ.get(ROOT_ENV) else None)
    if chosen is None:
        try:
            chosen = find_root()
        except UsageError:
            chosen = Path.cwd()  # no project yet: this folder becomes one
    scaffold = init_statement(chosen, slug, title)
    for path in scaffold.created:
        sys.stdout.write(f"created {path}\n")
    for path in scaffold.kept:
        sys.stdout.write(f"kept {path} (it already existed)\n")
    sys.stdout.write(f"next: edit statements/{slug}.toml, then 'endorse add {slug} NAME'\n")
