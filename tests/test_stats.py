"""endorse stats: counts by group, kind, country and status, and endorsements per week."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from endorse.project.load import load_project
from endorse.render.stats import compute, iso_week, weekly
from tests.conftest import Invoke

SIGNATORIES = (
    '[[signatory]]\nname = "A"\ncountry = "KH"\nadded = 2024-01-01\n'
    '[[signatory]]\nname = "B"\ncountry = "KH"\nadded = 2024-01-03\n'
    '[[signatory]]\nname = "C"\nkind = "individual"\ncountry = "NL"\nadded = 2024-01-17\n'
    '[[signatory]]\nname = "D"\ngroup = "second"\n'
    '[[signatory]]\nname = "E"\nstatus = "pending"\nadded = 2024-01-02\n'
    '[[signatory]]\nname = "F"\nstatus = "withdrawn"\n'
)


def write(root: Path) -> None:
    (root / "statements" / "t.toml").write_text(
        'schema = 1\ntitle = "T"\n[[groups]]\nid = "first"\nheading = "1"\n'
        '[[groups]]\nid = "second"\nheading = "2"\n[[groups]]\nid = "empty"\nheading = "3"\n',
        encoding="utf-8",
    )
    text = SIGNATORIES.replace('name = "A"\n', 'name = "A"\ngroup = "first"\n')
    for name in "BCEF":
        text = text.replace(f'name = "{name}"\n', f'name = "{name}"\ngroup = "first"\n')
    (root / "signatories" / "t.toml").write_text(f"schema = 1\n{text}", encoding="utf-8")


def test_iso_weeks_cross_the_year() -> None:
    assert iso_week(dt.date(2021, 1, 3)) == "2020-W53"
    assert iso_week(dt.date(2024, 12, 30)) == "2025-W01"


def test_weekly_fills_empty_weeks() -> None:
    weeks = weekly([dt.date(2024, 1, 1), dt.date(2024, 1, 7), dt.date(2024, 1, 17)])
    assert [(w.week, w.count) for w in weeks] == [("2024-W01", 2), ("2024-W02", 0), ("2024-W03", 1)]


def test_counts_confirmed_signatories_by_group_kind_country(project: Path) -> None:
    write(project)
    figures = compute(load_project(project).get("t"))
    assert (figures.total, figures.confirmed, figures.undated) == (6, 4, 1)
    assert figures.by_status == {"pending": 1, "confirmed": 4, "withdrawn": 1}
    assert figures.by_group == {"first": 3, "second": 1, "empty": 0}
    assert figures.by_kind == {"organization": 3, "individual": 1}
    assert figures.by_country == {"KH": 2, "(no country)": 1, "NL": 1}
    assert [(w.week, w.count) for w in figures.weeks] == [
        ("2024-W01", 2),
        ("2024-W02", 0),
        ("2024-W03", 1),
    ]


def test_json_output(project: Path, cli: Invoke) -> None:
    write(project)
    data = json.loads(cli("stats", "t", "--format", "json").stdout)
    assert data["weeks"][0] == {"week": "2024-W01", "monday": "2024-01-01", "count": 2}
    assert data["by_group"] == {"first": 3, "second": 1, "empty": 0}


def test_text_output_draws_bars(project: Path, cli: Invoke) -> None:
    write(project)
    lines = cli("stats", "t").stdout.splitlines()
    assert lines[0] == (
        "t: 4 confirmed of 6 signatories (all figures but status count the confirmed)"
    )
    bars = [line for line in lines if line.strip().startswith("2024-W")]
    assert [line.split() for line in bars] == [
        ["2024-W01", "2", "█" * 40],
        ["2024-W02", "0"],
        ["2024-W03", "1", "█" * 20],
    ]
    assert "(and 1 without an 'added' date)" in lines


def test_example_without_dates_says_so(project: Path, cli: Invoke) -> None:
    out = cli("stats", "cambodia-2021").stdout
    assert "endorsements per week: no confirmed signatory has an 'added' date" in out
    assert "  endorsers     24  " in out.splitlines()
