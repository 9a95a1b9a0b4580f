"""The ``endorse`` command: wiring of sub-commands; each lives in its own module."""

from __future__ import annotations

from typing import Annotated

import typer

from endorse import __version__
from endorse.cli import (
    add,
    changes,
    check,
    confirm,
    distinct,
    dupes,
    edit_entry,
    importing,
    init,
    listing,
    merge,
    move,
    reinstate,
    render,
    status,
    withdraw,
)
from endorse.cli import intake as intake_command
from endorse.cli import stats as stats_command

app = typer.Typer(
    name="endorse",
    help="Run joint statements and sign-on letters from a git repository.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"endorse {__version__}")
        raise typer.Exit()


@app.callback()
def root_callback(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Neither read nor write .endorse-cache/ (also: ENDORSE_NO_CACHE=1).",
        ),
    ] = False,
) -> None:
    """Run joint statements and sign-on letters from a git repository."""
    from endorse.project.cache import use_cache

    use_cache(not no_cache)


app.command("check")(check.check)
app.command("render")(render.render)
app.command("list")(listing.list_signatories)
app.command("init")(init.init)
app.command("add")(add.add)
app.command("import")(importing.import_rows)
app.command("withdraw")(withdraw.withdraw)
app.command("distinct")(distinct.distinct)
app.command("stats")(stats_command.stats)
app.command("dupes")(dupes.dupes)
app.command("intake")(intake_command.intake)
app.command("confirm")(confirm.confirm)
app.command("reinstate")(reinstate.reinstate)
app.command("edit")(edit_entry.edit)
app.command("move")(move.move)
app.command("merge")(merge.merge)
app.command("open")(status.open_statement)
app.command("close")(status.close_statement)
app.command("publish")(status.publish_statement)
app.command("changes")(changes.changes)


def tune_garbage_collector() -> None:
    """A big list is hundreds of thousands of objects that live until exit; with the default
    thresholds the collector re-scans them dozens of times (a third of render at 100k)."""
    import gc

    gc.set_threshold(100_000, 50, 100)


def main() -> None:
    tune_garbage_collector()
    app()
