"""endorse list --format table|json|csv, --include-private, and CSV formula injection."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from endorse.render.listing import neutralise
from tests.conftest import Invoke


def write(root: Path, signatories: str) -> None:
    (root / "statements" / "t.toml").write_text(
        'schema = 1\ntitle = "T"\n[[groups]]\nid = "all"\nheading = "By:"\n', encoding="utf-8"
    )
    (root / "signatories" / "t.toml").write_text(f"schema = 1\n{signatories}", encoding="utf-8")


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Plain = fine", "Plain = fine"),
    ],
)
def test_formula_starts_are_neutralised(cell: str, safe: str) -> None:
    assert neutralise(cell) == safe


def test_csv_neutralises_names_and_leaves_out_contact(project: Path, cli: Invoke) -> None:
    write(
        project,
        '[[signatory]]\nname = "=cmd|calc!A1"\ncontact = "a@example.org"\nnote = "@home"\n'
        '[[signatory]]\nname = "Beta"\nname_km = "បេតា"\naliases = ["B1", "B2"]\n',
    )
    text = cli("list", "t", "--format", "csv").stdout
    assert "a@example.org" not in text and "contact" not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    # Punctuation aside, "=cmd|calc!A1" files under C, after "Beta".
    assert [row["name"] for row in rows] == ["Beta", "'=cmd|calc!A1"]
    assert rows[1]["note"] == "'@home" and rows[0]["aliases"] == "B1; B2"
    assert rows[0]["name_km"] == "បេតា" and rows[0]["number"] == "1"


def test_csv_includes_contact_on_request(project: Path, cli: Invoke) -> None:
    write(project, '[[signatory]]\nname = "A"\ncontact = "a@example.org"\n')
    text = cli("list", "t", "--format", "csv", "--include-private").stdout
    assert text.splitlines() == [
        "group,number,name,acronym,note,kind,country,status,added,withdrawn,"
        "withdrawn_reason,aliases,contact",
        "all,1,A,,,organization,,confirmed,,,,,a@example.org",
    ]


def test_json_lists_every_status_in_print_order(project: Path, cli: Invoke) -> None:
    write(
        project,
        '[[signatory]]\nname = "Zed"\nadded = 2024-01-02\n'
        '[[signatory]]\nname = "Alpha"\nstatus = "pending"\ncontact = "a@example.org"\n',
    )
    data = json.loads(cli("list", "t", "--format", "json").stdout)
    assert [(d["name"], d["number"], d["status"]) for d in data] == [
        ("Alpha", None, "pending"),
        ("Zed", 1, "confirmed"),
    ]
    assert data[1]["added"] == "2024-01-02" and data[1]["aliases"] == []
    assert "contact" not in data[0]


def test_table_shows_contact_only_on_request(project: Path, cli: Invoke) -> None:
    write(project, '[[signatory]]\nname = "A"\ncontact = "a@example.org"\n')
    assert "a@example.org" not in cli("list", "t").stdout
    assert "a@example.org" in cli("list", "t", "--include-private").stdout


def test_table_stays_the_default(project: Path, cli: Invoke) -> None:
    assert "Signatories of cambodia-2021" in cli("list", "cambodia-2021").stdout


STATUS_LIST = (
    '[[signatory]]\nname = "Alpha"\n\n'
    '[[signatory]]\nname = "Beta"\nstatus = "pending"\n\n'
    '[[signatory]]\nname = "Gamma"\n\n'
    '[[signatory]]\nname = "Delta"\nstatus = "withdrawn"\nwithdrawn = 2021-01-01\n'
)


def test_status_filters_and_keeps_the_printed_numbers(project: Path, cli: Invoke) -> None:
    write(project, STATUS_LIST)
    table = cli("list", "t", "--status", "confirmed").stdout
    assert table == (
        "Signatories of t\n\n"
        "group  #  name   country  status\n"
        "all    1  Alpha           confirmed\n"
        "all    2  Gamma           confirmed\n"
    )
    found = json.loads(
        cli("list", "t", "-f", "json", "--status", "pending", "--status", "withdrawn").stdout
    )
    assert [(r["name"], r["status"]) for r in found] == [
        ("Beta", "pending"),
        ("Delta", "withdrawn"),
    ]
    refused = cli("list", "t", "--status", "late", code=2)
    assert "'late' is not one of 'pending', 'confirmed', 'withdrawn'" in refused.stderr


def test_output_name_picks_the_format_and_csv_files_get_a_bom(project: Path, cli: Invoke) -> None:
    write(project, STATUS_LIST)
    cli("list", "t", "-o", "list.csv")
    raw = (project / "list.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfgroup,number,name,")
    assert raw.decode("utf-8-sig") == cli("list", "t", "-f", "csv").stdout  # stdout: no BOM
    assert not cli("list", "t", "-f", "csv").stdout.startswith("\ufeff")
    assert cli("list", "t", "-f", "csv", "--bom").stdout.startswith("\ufeffgroup,")
    cli("list", "t", "-o", "plain.csv", "--no-bom")
    assert (project / "plain.csv").read_bytes().startswith(b"group,number,")
    cli("list", "t", "-o", "list.json", "--status", "pending")
    assert [r["name"] for r in json.loads((project / "list.json").read_text("utf-8"))] == ["Beta"]
    cli("list", "t", "-o", "list.txt", "--status", "withdrawn")
    assert (project / "list.txt").read_text("utf-8") == (
        "Signatories of t\n\n"
        "group  #  name   country  status\n"
        "all       Delta           withdrawn\n"
    )


def test_output_name_and_format_must_agree(project: Path, cli: Invoke) -> None:
    write(project, STATUS_LIST)
    result = cli("list", "t", "-f", "json", "-o", "list.csv", code=2)
    assert result.stderr == (
        "endorse: error: --format json does not match the output's name list.csv (a csv file)\n"
        "  drop --format (the name picks csv), or name the output *.json\n"
    )
    assert not (project / "list.csv").exists()
    bom = cli("list", "t", "-o", "list.json", "--bom", code=2)
    assert bom.stderr == "endorse: error: --bom is for CSV, not --format json\n  drop --bom\n"
