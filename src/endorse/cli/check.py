"""``endorse check``: validate every statement and signatory file."""

from __future__ import annotations

import sys

import typer

from endorse.cli.common import RootOption, handles_errors


@handles_errors
def check(root: RootOption = None) -> None:
    """Validate every statement and signatory file; exit 1 when problems are found."""
    from endorse.checks import check_project
    from endorse.project import find_root, load_project
    from endorse.report import format_text

    project = load_project(find_root(root))
    report = check_project(project)
    sys.stdout.write(format_text(report, project))
    if not report.ok:
        raise typer.Exit(1)
