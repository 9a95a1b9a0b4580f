"""``endorse init``: start a new statement."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from endorse.cli.common import RootOption, handles_errors

if TYPE_CHECKING:
    from endorse.install import ToolSource


@handles_errors
def init(
    slug: Annotated[
        str, typer.Argument(help="The new statement's id: lowercase, digits, hyphens.")
    ],
    title: Annotated[
        str | None,
        typer.Option(
            "--title", help="The statement's title (needed unless --github finds it made)."
        ),
    ] = None,
    github: Annotated[
        bool,
        typer.Option(
            "--github",
            help="Also write the GitHub issue form and workflows to sign without git.",
        ),
    ] = False,
    tool_source: Annotated[
        str | None,
        typer.Option(
            "--tool-source",
            metavar="URL@REF",
            help="The git repository and commit the workflows install endorse from "
            "(default: where this endorse was installed from, when known).",
        ),
    ] = None,
    place: Annotated[
        str | None, typer.Option("--place", help="Printed before the date: Phnom Penh.")
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="The statement's date.")
    ] = None,
    body_file: Annotated[
        Path | None,
        typer.Option(
            "--body-file",
            help="The text before the lists (UTF-8 text, paragraphs).",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    closing_file: Annotated[
        Path | None,
        typer.Option(
            "--closing-file", help="The text after the lists.", exists=True, dir_okay=False
        ),
    ] = None,
    group: Annotated[
        list[str] | None,
        typer.Option(
            "--group",
            metavar="ID=HEADING",
            help="A tier of signatories, in print order; repeatable.",
        ),
    ] = None,
    root: RootOption = None,
) -> None:
    """Create statements/SLUG.toml and signatories/SLUG.toml, ready to edit."""
    from endorse.edit.init import init_statement, parse_groups
    from endorse.edit.signers import given_date
    from endorse.errors import UsageError
    from endorse.format.tomlsource import read_named_text
    from endorse.project.paths import ROOT_ENV, find_root, statement_file

    chosen = root or (Path(os.environ[ROOT_ENV]) if os.environ.get(ROOT_ENV) else None)
    if chosen is None:
        try:
            chosen = find_root()
        except UsageError:
            chosen = Path.cwd()  # no project yet: this folder becomes one
    if tool_source is not None and not github:
        raise UsageError("--tool-source goes with --github", hint=f"endorse init {slug} --github")
    source = None
    if github:
        from endorse.install import parse_tool_source, recorded_tool_source

        source = parse_tool_source(tool_source) if tool_source else recorded_tool_source()
    if title is None and not (github and statement_file(chosen, slug).is_file()):
        raise UsageError(
            "--title is needed to start a new statement",
            hint=f'endorse init {slug} --title "The statement\'s title"',
        )
    created, kept = [], []
    if title is not None:
        scaffold = init_statement(
            chosen,
            slug,
            title,
            place=place,
            date=given_date(date, "--date"),
            body=read_named_text(body_file, chosen) if body_file else None,
            closing=read_named_text(closing_file, chosen) if closing_file else None,
            groups=parse_groups(group or []),
        )
        created, kept = scaffold.created, scaffold.kept
    if source is not None:
        from endorse.edit.github_setup import init_github

        files = init_github(chosen, slug, source)
        created, kept = [*created, *files.created], [*kept, *files.kept]
    for path in created:
        sys.stdout.write(f"created {path}\n")
    for path in kept:
        sys.stdout.write(f"kept {path} (it already existed)\n")
    if source is not None:
        # What the workflows install is said only of workflows written now: kept ones keep theirs.
        wrote_workflows = any(Path(path).parent.name == "workflows" for path in created)
        _next_for_github(slug, source, wrote_workflows=wrote_workflows)
    elif body_file is None:
        sys.stdout.write(
            f"next: write the text with 'endorse statement {slug} --body-file FILE', then "
            f"'endorse open {slug}' and 'endorse add {slug} NAME'\n"
        )
    else:
        sys.stdout.write(f"next: 'endorse open {slug}', then 'endorse add {slug} NAME' or import\n")


def _next_for_github(slug: str, source: ToolSource, *, wrote_workflows: bool) -> None:
    from endorse.edit.github_setup import label

    if not wrote_workflows:
        pass
    elif source.known:
        sys.stdout.write(f"the workflows install {source.requirement()} ({source.reason})\n")
        if not source.pinned:
            sys.stdout.write(
                f"note: '{source.ref}' is not a commit hash; a tag or a branch can move, "
                "a commit cannot\n"
            )
    else:
        sys.stdout.write(
            f"the workflows do not know where to install endorse from ({source.reason}): "
            "they fail until it is set. Delete the three .yml files of .github/workflows/ and "
            f"run: endorse init {slug} --github --tool-source https://github.com/OWNER/endorse@SHA\n"
        )
    sys.stdout.write(
        f"next: create the label once (gh label create {label(slug)}), set Pages' source to "
        "GitHub Actions, and see docs/ci.md\n"
    )
