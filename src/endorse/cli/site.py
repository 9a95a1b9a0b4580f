"""``endorse site``: write a statement's public page (one per language) and its downloads."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from endorse.cli.common import RootOption, handles_errors
from endorse.cli.completion import SlugArgument
from endorse.cli.incomplete import AllowInvalidOption, publishable_or_refuse

if TYPE_CHECKING:
    from endorse.project.model import LoadedStatement
    from endorse.render.site import Site


class Download(enum.StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    JSON = "json"
    CSV = "csv"


@handles_errors
def site(
    slug: SlugArgument,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The folder to write the site into (created if missing; files it wrote "
            "before are replaced).",
            file_okay=False,
        ),
    ],
    root: RootOption = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="Where the site is published (https://example.org/letter/), for link previews.",
        ),
    ] = None,
    repo_url: Annotated[
        str | None,
        typer.Option(
            "--repo-url",
            help="The GitHub repository whose issue form the Sign link opens (default: the "
            "git remote 'origin').",
        ),
    ] = None,
    download: Annotated[
        list[Download] | None,
        typer.Option(
            "--download",
            help="Offer this download (repeat it; default: pdf, docx, json and csv).",
            show_default=False,
        ),
    ] = None,
    allow_invalid: AllowInvalidOption = False,
) -> None:
    """Write the statement's public page: text, numbered lists, counts, search, downloads."""
    from endorse.project.load import load_project
    from endorse.project.paths import find_root
    from endorse.render.site import DOWNLOADS, build_site

    for url, option in ((base_url, "--base-url"), (repo_url, "--repo-url")):
        if url is not None:
            web_address(url, option)
    project_root = find_root(root)
    refuse_link(output)
    project = load_project(project_root, only=[slug], private=False)
    loaded = publishable_or_refuse(project, slug, allow_invalid=allow_invalid)
    sign = sign_link(project_root, loaded, repo_url)
    formats = [d.value for d in download] if download else list(DOWNLOADS)
    built = build_site(loaded, downloads=formats, sign=sign, base_url=base_url)
    for format, extra in built.skipped.items():
        note(
            f"no {format} download: it needs endorse[{extra}], which is not installed "
            f"(pip install 'endorse[{extra}]'; or leave it out with --download)"
        )
    write_site(output, built)
    pages = sorted(path for path in built.files if path.endswith(".html"))
    sys.stdout.write(
        f"wrote the site of '{slug}' to {output}: {', '.join(pages)} and "
        f"{len(built.files) - len(pages)} downloads\n"
    )


def note(text: str) -> None:
    from endorse.errors import printable

    sys.stderr.write(f"endorse: note: {printable(text)}\n")


def web_address(url: str, option: str) -> None:
    from endorse.errors import UsageError

    if not url.startswith(("https://", "http://")) or any(c.isspace() or c in "\"'<>" for c in url):
        raise UsageError(
            f"{option} takes a web address, not '{url}'",
            hint=f"write it in full, e.g. {option} https://github.com/owner/repository",
        )


def sign_link(root: Path, loaded: LoadedStatement, repo_url: str | None) -> str | None:
    """The issue form's address, when ``init --github`` wrote the form, the statement takes
    signatures and the repository's address is known (``--repo-url``, else the remote
    'origin'); None otherwise."""
    import datetime as dt

    from endorse.edit.github_setup import form_path
    from endorse.render.site import closed_to_signatures, repository_url, sign_url

    form = form_path(root, loaded.slug)
    if not form.is_file():
        return None
    closed = closed_to_signatures(loaded.require(), dt.date.today())
    if closed is not None:
        note(f"no Sign link: {closed}")
        return None
    repository = repo_url
    if repository is None:
        from endorse.project.git import run_git

        done = run_git(root, "remote", "get-url", "origin")
        remote = done.stdout.decode("utf-8", "replace") if done and done.returncode == 0 else ""
        repository = repository_url(remote)
    if repository is None:
        note(
            f"no Sign link: {form} exists, but the repository's address is unknown "
            "(no git remote 'origin' on the web); give it with --repo-url"
        )
        return None
    return sign_url(repository, form.name)


def refuse_link(output: Path) -> None:
    """The site's folder is written into, never through a symbolic link to somewhere else."""
    from endorse.errors import WriteRefused

    if output.is_symlink():
        raise WriteRefused(
            "will not write the site here: the folder is a symbolic link",
            path=output,
            hint="name the real folder, or a new one",
        )
    if output.exists() and not output.is_dir():
        raise WriteRefused(
            "will not write the site here: it is not a folder",
            path=output,
            hint="name a folder (it is created if missing)",
        )


def write_site(output: Path, built: Site) -> None:
    """Every file through the one write path of outputs. The folders are checked before
    anything is written, and never followed through a link."""
    from endorse.edit.atomic import write_atomic

    folders = sorted({(output / path).parent for path in built.files} - {output})
    for folder in folders:
        refuse_link(folder)
    output.mkdir(parents=True, exist_ok=True)
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    for relative in sorted(built.files):
        write_atomic(output / relative, built.files[relative], within=output)
