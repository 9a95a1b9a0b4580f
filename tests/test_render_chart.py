"""Issue 26: the growth chart speaks the document's language, in its type, with even ticks.
Read from the SVG itself: its <text> elements, left as text for the page to shape."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import re

import pytest

from endorse.render.chart import draw_growth, legend_labels
from endorse.render.stats import Growth

pytest.importorskip("matplotlib")
MONDAYS = [dt.date(2021, 3, 1) + dt.timedelta(weeks=n) for n in range(20)]
GROWTH = Growth(
    mondays=MONDAYS,
    by_group={"organizers": [1] * 20, "endorsers": [n % 3 for n in range(20)]},
    undated=2,
)
HEADINGS = {
    "organizers": "This statement has been prepared by:",
    "endorsers": "This statement is endorsed by:",
}


def texts(svg: bytes) -> list[str]:
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg.decode())]


def test_legend_names_groups_by_heading_in_the_document_serif() -> None:
    svg = draw_growth(GROWTH, "svg", headings=HEADINGS)
    shown = texts(svg)
    assert "…has been prepared by" in shown and "…is endorsed by" in shown
    assert "organizers" not in shown
    assert "font-family: 'Noto Serif', 'Noto Serif Khmer'" in svg.decode()
    assert "and 2 without an 'added' date" in shown


def test_date_ticks_are_evenly_spaced_weeks() -> None:
    shown = texts(draw_growth(GROWTH, "svg"))
    ticks = [t for t in shown if re.fullmatch(r"\d+ [A-Z][a-z]{2}( \d{4})?", t)]
    assert ticks[0] == "1 Mar 2021"
    days = [dt.datetime.strptime(t.split(" 2021")[0] + " 2021", "%d %b %Y").date() for t in ticks]
    gaps = {(b - a).days for a, b in itertools.pairwise(days)}
    assert len(gaps) == 1 and gaps.pop() % 7 == 0
    assert len(ticks) <= 8


def test_khmer_chart_keeps_its_khmer_as_text() -> None:
    headings = {"organizers": "រៀបចំដោយ៖", "endorsers": "គាំទ្រដោយ៖"}
    shown = texts(draw_growth(GROWTH, "svg", headings=headings, lang="km"))
    assert "ការគាំទ្រតាមពេលវេលា" in shown  # the title, shaped by whoever shows the SVG
    assert "រៀបចំដោយ" in shown and "គាំទ្រដោយ" in shown
    assert "១ មីនា ២០២១" in shown  # Khmer digits and month
    assert not any(re.search(r"[A-Za-z]", t) for t in shown)


def test_png_stays_english_as_matplotlib_cannot_shape_khmer() -> None:
    png = draw_growth(GROWTH, "png", headings={"organizers": "រៀបចំដោយ៖"}, lang="km")
    assert png.startswith(b"\x89PNG")


def test_long_headings_are_cut_at_a_word() -> None:
    long = "This statement is endorsed by the following civil society organizations in Cambodia:"
    [label] = legend_labels([long], limit=40)
    assert label == "This statement is endorsed by the…"
