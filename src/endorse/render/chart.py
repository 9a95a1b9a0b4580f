"""The growth chart (the optional endorse[charts] extra): endorsements over time, by group.

Two panels drawn with matplotlib: the running total of confirmed endorsements, stacked by
group, and the endorsements of each week as stacked bars. The legend names each group by its
heading (shortened), the labels and dates are in the statement's language, and the type is the
document's serif. matplotlib cannot shape Khmer, so the SVG keeps its text as text
(``svg.fonttype = none``): the browser, Chromium or WeasyPrint shapes it when it draws the page.
A PNG cannot leave that to anyone, so a PNG's labels are English and its legend the group ids.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from endorse.errors import EndorseError
from endorse.format.models import SIGNATORIES_PLACEHOLDER
from endorse.install import missing_extra
from endorse.render import language
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


# The document's faces (templates/html.html.j2): Latin first, Khmer for what it lacks; DejaVu
# Serif is what matplotlib measures with where those are not installed.
FONTS = ["Noto Serif", "Noto Serif Khmer", "DejaVu Serif", "serif"]
LEGEND_CHARACTERS = 60  # a heading longer than this is cut at a word and ends with "…"
MAX_TICKS = 8


def _words(text: str) -> list[str]:
    """The text cut into words, each with the space after it (Khmer by the dictionary)."""
    found = language.khmer_words(text) if language.has_khmer(text) else None
    return found if found is not None else re.split(r"(?<=\s)(?=\S)", text)


def legend_labels(headings: list[str], limit: int = LEGEND_CHARACTERS) -> list[str]:
    """The groups' headings as legend entries: placeholder and closing colon dropped, the
    words every heading starts with ("This statement ...") left out, and each cut at a word
    with "…" past ``limit`` characters."""
    cleaned = [
        h.replace(SIGNATORIES_PLACEHOLDER, "…").strip().rstrip(":៖").strip() for h in headings
    ]
    split = [_words(text) for text in cleaned]
    shared = 0
    if len(split) > 1:
        while (
            all(len(words) > shared + 1 for words in split)
            and len({words[shared] for words in split}) == 1
        ):
            shared += 1
    labels = []
    for words in split:
        kept = words[shared:]
        cut = ""
        for word in kept:
            if len(cut) + len(word) > limit:
                break
            cut += word
        shortened = cut.rstrip() != "".join(kept).rstrip()
        label = (cut.rstrip() or "".join(kept)[:limit]) + ("…" if shortened else "")
        labels.append(("…" if shared else "") + label)
    return labels


def _week_ticks(mondays: list[dt.date]) -> list[dt.date]:
    """Evenly spaced Mondays: every week, or every 2nd, 4th... so that at most MAX_TICKS show."""
    ends = [*mondays, mondays[-1] + dt.timedelta(days=7)]
    step = 1
    while len(ends[::step]) > MAX_TICKS:
        step *= 2
    return ends[::step]


def _tick_text(day: dt.date, lang: str, with_year: bool) -> str:
    if language.base(lang) == "km":
        text = f"{language.number(day.day, lang)} {language.KHMER_MONTHS[day.month - 1]}"
        return f"{text} {language.number(day.year, lang)}" if with_year else text
    month = language.ENGLISH_MONTHS[day.month - 1][:3]
    return f"{day.day} {month} {day.year}" if with_year else f"{day.day} {month}"


def draw_growth(
    growth: Growth,
    format: str = "svg",
    *,
    title: str | None = None,
    headings: dict[str, str] | None = None,
    lang: str = "en",
) -> bytes:
    """The chart as SVG or PNG bytes; ``headings`` (group id: heading) name the groups in the
    legend, ``lang`` the language of its words and dates (SVG only: see the module's note)."""
    if not growth.mondays:
        raise EndorseError(
            "no confirmed signatory has an 'added' date, so there is no growth to chart",
            hint="add added = YYYY-MM-DD to the signatories (endorse add and import do it)",
        )
    matplotlib = _load_matplotlib()
    import logging
    import warnings

    from matplotlib.figure import Figure

    if format != "svg":  # only an SVG's text is shaped by whoever shows it
        lang, headings = "en", None
    style = {
        "svg.hashsalt": "endorse",  # the same data draws the same file
        "svg.fonttype": "none",  # text stays text, shaped where it is shown
        "font.family": FONTS,
    }
    # matplotlib measures with the fonts it knows: a missing face or glyph is not the user's.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    labels = legend_labels([(headings or {}).get(group, group) for group in growth.by_group])
    with matplotlib.rc_context(style), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing", category=UserWarning)
        return _draw(growth, format, title, labels, lang, Figure)


def _draw(
    growth: Growth, format: str, title: str | None, labels: list[str], lang: str, Figure: Any
) -> bytes:
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
    total_axes.stackplot(ends, running, labels=labels, colors=colours, alpha=0.85, step="post")
    total_axes.set_ylabel(language.chart_words("total", lang))
    # Under the chart, one group a line: headings are long, and the text is measured here but
    # shaped by whoever shows the SVG, so it must not share room with the plot.
    figure.legend(loc="outside lower left", ncols=1, frameon=False, fontsize="small")
    total_axes.set_title(title or language.chart_title(lang), loc="left", fontweight="bold")
    bottom = [0] * len(weeks)
    width = 5  # days: a bar per week with a gap between weeks
    for group, colour in zip(groups, colours, strict=True):
        counts = growth.by_group[group]
        weekly_axes.bar(weeks, counts, width=width, bottom=bottom, color=colour, align="edge")
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    weekly_axes.set_ylabel(language.chart_words("per week", lang))
    ticks = _week_ticks(weeks)
    weekly_axes.set_xticks(
        ticks,
        [
            _tick_text(day, lang, index == 0 or day.year != ticks[index - 1].year)
            for index, day in enumerate(ticks)
        ],
    )
    for axes in (total_axes, weekly_axes):
        axes.spines[["top", "right"]].set_visible(False)
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
    figure.autofmt_xdate(rotation=0, ha="center")
    if growth.undated:
        undated = language.chart_words("undated", lang).format(
            count=language.number(growth.undated, lang)
        )
        figure.text(0.01, 0.005, undated, fontsize=8)
    buffer = io.BytesIO()
    metadata = {"Date": None} if format == "svg" else {}
    figure.savefig(buffer, format=format, dpi=150, metadata=metadata)
    return buffer.getvalue()
