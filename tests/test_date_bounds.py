"""Dates outside 1900-2100 are E216 in `check`, refused by write commands, and never reach
`stats`, the chart or intake (issue 22: `added = 0001-01-01` made stats loop for 17 s, and
`9999-12-31` overflowed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Invoke

LIST = Path("signatories/cambodia-2021.toml")
STATEMENT = Path("statements/cambodia-2021.toml")
FIRST = "Adolescent and Youth Reference Group"
EVENTS = Path(__file__).resolve().parent / "data" / "github"


def plant(project: Path, key: str, value: str) -> None:
    listing = project / LIST
    text = listing.read_text(encoding="utf-8")
    listing.write_text(text.replace(f'name = "{FIRST}"', f'name = "{FIRST}"\n{key} = {value}', 1))


@pytest.mark.parametrize("key", ["added", "withdrawn", "reinstated"])
@pytest.mark.parametrize("value", ["0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"])
def test_a_signatory_date_out_of_range_is_an_error(
    project: Path, cli: Invoke, key: str, value: str
) -> None:
    plant(project, key, value)
    result = cli("check", "--format", "json", code=1)
    problems = [p for p in json.loads(result.stdout)["problems"] if p["code"] == "E216"]
    assert [(p["file"], p["name"], p["message"]) for p in problems] == [
        (
            str(LIST),
            "date-out-of-range",
            f"{key}: {value} is outside 1900-01-01 to 2100-12-31; write the real date (YYYY-MM-DD)",
        )
    ]


@pytest.mark.parametrize("key", ["date", "deadline"])
def test_a_statement_date_out_of_range_is_an_error(project: Path, cli: Invoke, key: str) -> None:
    path = project / STATEMENT
    text = path.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith(f"{key} =")]
    at = lines.index(next(line for line in lines if line.startswith("title =")))
    lines.insert(at + 1, f"{key} = 9999-12-31")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("check", "--format", "json", code=1)
    problems = [p for p in json.loads(result.stdout)["problems"] if p["code"] == "E216"]
    assert [(p["file"], p["message"]) for p in problems] == [
        (
            str(STATEMENT),
            f"{key}: 9999-12-31 is outside 1900-01-01 to 2100-12-31; write the real date "
            "(YYYY-MM-DD)",
        )
    ]


def signer(project: Path, name: str, added: str) -> None:
    listing = project / LIST
    listing.write_text(
        listing.read_text(encoding="utf-8")
        + f'\n[[signatory]]\nname = "{name}"\ngroup = "endorsers"\nadded = {added}\n',
        encoding="utf-8",
    )


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_stats_and_the_chart_never_see_it(project: Path, cli: Invoke, value: str) -> None:
    signer(project, "Dated Org", "2021-05-05")
    signer(project, "Planted Org", value)
    result = cli("stats", "cambodia-2021", code=1)
    assert "1 entry with errors" in result.stderr
    result = cli("stats", "cambodia-2021", "--allow-invalid", "-f", "json")
    assert value not in result.stdout
    assert [w["week"] for w in json.loads(result.stdout)["weeks"]] == ["2021-W18"]
    chart = project / "c.svg"
    result = cli("stats", "cambodia-2021", "--allow-invalid", "--chart", str(chart))
    assert chart.read_bytes().startswith(b"<?xml")
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("add", "cambodia-2021", "New Org", "--group", "endorsers", "--added"),
        ("open", "cambodia-2021", "--deadline"),
        ("init", "other", "--title", "Other", "--date"),
    ],
)
def test_write_commands_refuse_a_date_out_of_range(
    open_project: Path, cli: Invoke, command: tuple[str, ...]
) -> None:
    before = {path: path.read_bytes() for path in open_project.rglob("*.toml")}
    result = cli(*command, "0001-01-01", code=2)
    assert result.stderr.splitlines()[0] == (
        f"endorse: error: {command[-1]} 0001-01-01 is outside 1900-01-01 to 2100-12-31; write "
        "the real date (YYYY-MM-DD)"
    )
    assert {path: path.read_bytes() for path in open_project.rglob("*.toml")} == before


def test_the_chart_refuses_more_than_twenty_years_of_weeks(project: Path, cli: Invoke) -> None:
    signer(project, "Early Org", "1901-01-07")
    signer(project, "Late Org", "2021-05-05")
    result = cli("stats", "cambodia-2021", "--chart", str(project / "c.svg"), code=1)
    first = result.stderr.splitlines()[0]
    assert first.startswith(
        f"endorse: error: {STATEMENT}: the confirmed signatories were added from 1901-01-07 to "
    )
    assert first.endswith("weeks: the chart draws at most 1060")
    assert not (project / "c.svg").exists()
