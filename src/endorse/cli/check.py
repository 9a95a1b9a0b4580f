"""``endorse check``: validate every statement and signatory file."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from endorse.cli.common import RootOption, handles_errors

if TYPE_CHECKING:
    from endorse.format.problems import Report
    from endorse.project.model import Project


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@handles_errors
def check(
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="text for people, json for tools, github for pull-request annotations.",
            case_sensitive=False,
        ),
    ] = OutputFormat.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings as errors (exit 1 on any warning).")
    ] = False,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REV",
            help="Also refuse edits to closed or published statements since this git revision.",
            show_default=False,
        ),
    ] = None,
    pr_author: Annotated[
        str | None,
        typer.Option(
            "--pr-author",
            metavar="LOGIN",
            help="With --since: refuse anything but this GitHub user's own signature (one new "
            "pending signer file, or corrections to their own), unless a maintainer.",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
) -> None:
    """Validate every statement and signatory file; exit 1 when problems are found."""
    from endorse.check.run import check_project
    from endorse.project.load import load_project
    from endorse.project.paths import find_root

    if pr_author is not None:
        _require_login(pr_author, since)
    project = load_project(find_root(root))
    report = check_project(project)
    if since is not None:
        from endorse.check.freeze import check_since

        report.extend(check_since(project, since))
    if since is not None and pr_author is not None:
        from endorse.check.authorship import check_pr_author

        report.extend(check_pr_author(project, since, pr_author))
    if strict:
        from endorse.check.report import strict as promote_warnings

        report = promote_warnings(report)
    sys.stdout.write(_formatted(report, project, output_format))
    if not report.ok:
        raise typer.Exit(1)


def _require_login(login: str, since: str | None) -> None:
    from endorse.errors import UsageError
    from endorse.format.models import GITHUB_LOGIN_PATTERN

    if since is None:
        raise UsageError(
            "--pr-author needs --since REV, the pull request's base",
            hint='endorse check --since "origin/main" --pr-author LOGIN',
        )
    if not GITHUB_LOGIN_PATTERN.match(login.removesuffix("[bot]")):
        raise UsageError(
            f"--pr-author: '{login}' is not a GitHub account name",
            hint="pass the pull request's author: ${{ github.event.pull_request.user.login }}",
        )


def _formatted(report: Report, project: Project, output_format: OutputFormat) -> str:
    if output_format is OutputFormat.json:
        from endorse.check.report import format_json

        return format_json(report, project)
    if output_format is OutputFormat.github:
        from endorse.check.report import format_github, prefix_within

        # Annotations name files from the repository's top: GitHub's workspace, else here.
        base = Path(os.environ.get("GITHUB_WORKSPACE") or Path.cwd())
        return format_github(report, project, prefix=prefix_within(project.root, base))
    from endorse.check.report import format_text

    return format_text(report, project)
