"""``endorse list`` into a pipe: the table's columns as plain aligned rows, no box drawing."""

from __future__ import annotations

from pathlib import Path

import pytest

from endorse.cli import common
from endorse.render.columns import aligned, cell_width
from tests.conftest import Invoke

BOX_DRAWING = set("─━│┃┏┓┗┛┡┩╇┳┻╋┼")


def write(root: Path, signatories: str) -> None:
    (root / "statements" / "t.toml").write_text(
        'schema = 1\ntitle = "T"\n[[groups]]\nid = "all"\nheading = "By:"\n', encoding="utf-8"
    )
    (root / "signatories" / "t.toml").write_text(f"schema = 1\n{signatories}", encoding="utf-8")


def test_a_pipe_gets_aligned_rows_in_print_order(project: Path, cli: Invoke) -> None:
    write(
        project,
        '[[signatory]]\nname = "Zed"\ncountry = "KH"\nadded = 2024-01-02\n\n'
        '[[signatory]]\nname = "Alpha [x]"\nstatus = "pending"\n',
    )
    result = cli("list", "t")
    assert result.exit_code == 0
    assert result.stdout == (
        "Signatories of t\n"
        "\n"
        "group  #  name       country  status\n"
        "all       Alpha [x]           pending\n"
        "all    1  Zed        KH       confirmed\n"
    )


def test_contact_is_a_last_column_only_on_request(project: Path, cli: Invoke) -> None:
    write(project, '[[signatory]]\nname = "A"\ncontact = "a@example.org"\n')
    assert cli("list", "t").stdout.splitlines()[2].split() == [
        "group", "#", "name", "country", "status",
    ]  # fmt: skip
    lines = cli("list", "t", "--include-private").stdout.splitlines()
    assert lines[2].split()[-1] == "contact"
    assert lines[3].split() == ["all", "1", "A", "confirmed", "a@example.org"]


def test_the_example_is_listed_without_a_box(project: Path, cli: Invoke) -> None:
    text = cli("list", "cambodia-2021").stdout
    assert not BOX_DRAWING & set(text)
    assert text.startswith("Signatories of cambodia-2021\n\ngroup")
    rows = text.splitlines()[3:]
    assert len(rows) == 34  # 34 signatories, one line each
    name_column = text.splitlines()[2].index("name")
    assert all(row[name_column - 2 : name_column] == "  " for row in rows)


def test_a_terminal_still_gets_the_rich_table(
    project: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(common, "stdout_is_terminal", lambda: True)
    text = cli("list", "cambodia-2021").stdout
    assert "┃" in text and "Signatories of cambodia-2021" in text


def test_wide_and_combining_characters_are_measured_in_cells() -> None:
    assert cell_width("abc") == 3
    assert cell_width("日本") == 4
    assert cell_width("e\u0301") == 1
    assert aligned(["a", "#"], [["日本", "1"], ["x", "10"]], right=frozenset({1})) == (
        "a      #\n日本   1\nx     10\n"
    )
