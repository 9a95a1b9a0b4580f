"""``endorse stats``: counts by group, kind, country and status, and endorsements per week."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from endorse.cli.common import RootOption, handles_errors, write_output
from endorse.cli.completion import SlugArgument
from endorse.cli.incomplete import AllowInvalidOption, complete_or_refuse

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from endorse.render.stats import Stats

BAR_WIDTH = 40


class StatsFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"


@handles_errors
def stats(
    slug: SlugArgument,
    format: Annotated[
        StatsFormat, typer.Option("--format", "-f", help="text: tables and a chart; json: data.")
    ] = StatsFormat.TEXT,
    root: RootOption = None,
    chart: Annotated[
        Path | None,
        typer.Option(
            "--chart",
            help="Also draw cumulative and weekly endorsements by group to FILE.svg or "
            "FILE.png (needs endorse[charts]).",
            dir_okay=False,
        ),
    ] = None,
    allow_invalid: AllowInvalidOption = False,
) -> None:
    """Count signatories by group, kind, country and status; chart endorsements per week."""
    from endorse.project.load import load_project
    from endorse.project.paths import find_root
    from endorse.render.stats import compute

    if chart is not None:
        chart_format(chart)  # a wrong name is a usage error before any work
    found_root = find_root(root)
    project = load_project(found_root, only=[slug])
    loaded = complete_or_refuse(project.get(slug), allow_invalid=allow_invalid)
    figures = compute(loaded)
    if chart is not None:
        from endorse.edit.atomic import write_atomic
        from endorse.render.chart import draw_growth
        from endorse.render.stats import growth

        write_atomic(chart, draw_growth(growth(loaded), chart_format(chart)), within=found_root)
    if format is StatsFormat.JSON:
        from endorse.format.jsontext import indented

        write_output(indented(figures.as_dict()) + "\n", None)
        return
    from rich.console import Console

    draw(figures, Console(highlight=False))


def chart_format(path: Path) -> str:
    from endorse.errors import UsageError
    from endorse.render.chart import CHART_FORMATS

    format = path.suffix.lower().lstrip(".")
    if format not in CHART_FORMATS:
        raise UsageError(
            f"cannot tell the chart's format from '{path.name}'",
            hint="name the file *.svg or *.png",
        )
    return format


def _counts_table(title: str, counts: dict[str, int]) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left", show_header=False, box=None, padding=(0, 2))
    table.add_column(title)
    table.add_column("count", justify="right")
    for key, count in counts.items():
        table.add_row(Text(key), Text(str(count)))
    return table


def draw(figures: Stats, console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    console.print(
        Text(
            f"{figures.slug}: {figures.confirmed} confirmed of {figures.total} signatories "
            "(all figures but status count the confirmed)",
            style="bold",
        )
    )
    for title, counts in (
        ("status", figures.by_status),
        ("group", figures.by_group),
        ("kind", figures.by_kind),
        ("country", figures.by_country),
    ):
        console.print()
        console.print(_counts_table(title, counts))
    console.print()
    if not figures.weeks:
        console.print(Text("endorsements per week: no confirmed signatory has an 'added' date"))
        return
    chart = Table(title="endorsements per week", title_justify="left", show_header=False, box=None)
    chart.add_column("week")
    chart.add_column("count", justify="right")
    chart.add_column("bar")
    peak = max(week.count for week in figures.weeks)
    for week in figures.weeks:
        length = round(week.count / peak * BAR_WIDTH) if peak else 0
        bar = "█" * length if length or not week.count else "▏"
        chart.add_row(Text(week.week), Text(str(week.count)), Text(bar, style="cyan"))
    console.print(chart)
    if figures.undated:
        console.print(Text(f"(and {figures.undated} without an 'added' date)"))
