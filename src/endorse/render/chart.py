"""The growth chart (the optional endorse[charts] extra): endorsements over time, by group.

Two panels drawn with matplotlib: the running total of confirmed endorsements, stacked by
group, and the endorsements of each week as stacked bars. Labels are the group ids, which are
ASCII; matplotlib does not shape Khmer, so the chart carries no translated text.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from endorse.errors import EndorseError
from endorse.install import missing_extra
from endorse.render.stats import Growth

CHART_FORMATS = ("svg", "png")
# Colour-blind safe (Okabe and Ito), in group order.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


def _load_matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise missing_extra("the growth chart", "matplotlib") from None
    matplotlib.use("Agg")  # no display: draw into files only
    return matplotlib


def draw_growth(growth: Growth, format: str = "svg", *, title: str | None = None) -> bytes:
    """The chart as SVG or PNG bytes."""
    if not growth.mondays:
        raise EndorseError(
            "no confirmed signatory has an 'added' date, so there is no growth to chart",
            hint="add added = YYYY-MM-DD to the signatories (endorse add and import do it)",
        )
    matplotlib = _load_matplotlib()
    from matplotlib.figure import Figure

    matplotlib.rcParams["svg.hashsalt"] = "endorse"  # the same data draws the same file
    figure = Figure(figsize=(8, 5.2), layout="constrained")
    total_axes, weekly_axes = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    weeks = growth.mondays
    groups = list(growth.by_group)
    colours = [COLOURS[index % len(COLOURS)] for index in range(len(groups))]
    running = []
    for counts in growth.by_group.values():
        total = 0
        cumulative = []
        for count in counts:
            total += count
            cumulative.append(total)
        running.append([*cumulative, total])  # held to the end of the last week
    ends = [*weeks, weeks[-1] + dt.timedelta(days=7)]
    total_axes.stackplot(ends, running, labels=groups, colors=colours, alpha=0.85, step="post")
    total_axes.set_ylabel("endorsements, in total")
    total_axes.legend(loc="upper left", frameon=False, fontsize="small")
    total_axes.set_title(title or "Endorsements over time", loc="left", fontweight="bold")
    bottom = [0] * len(weeks)
    width = 5  # days: a bar per week with a gap between weeks
    for group, colour in zip(groups, colours, strict=True):
        counts = growth.by_group[group]
        weekly_axes.bar(weeks, counts, width=width, bottom=bottom, color=colour, align="edge")
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    weekly_axes.set_ylabel("per week")
    for axes in (total_axes, weekly_axes):
        axes.spines[["top", "right"]].set_visible(False)
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
    figure.autofmt_xdate()
    if growth.undated:
        figure.text(0.01, 0.005, f"and {growth.undated} without an 'added' date", fontsize=8)
    buffer = io.BytesIO()
    metadata = {"Date": None} if format == "svg" else {}
    figure.savefig(buffer, format=format, dpi=150, metadata=metadata)
    return buffer.getvalue()
