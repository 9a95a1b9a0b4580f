"""Wiring of the CLI: exit codes and the one error format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from endorse import __version__
from tests.conftest import Invoke


def test_version(cli: Invoke) -> None:
    assert cli("--version").stdout == f"endorse {__version__}\n"


def test_unknown_statement_is_a_usage_error(project: Path, cli: Invoke) -> None:
    result = cli("render", "nope", code=2)
    assert result.stderr == (
        f"endorse: error: {project / 'statements'}: no statement 'nope'\n"
        "  statements here: cambodia-2021\n"
    )


def test_render_of_a_broken_statement_says_where(project: Path, cli: Invoke) -> None:
    path = project / "statements" / "cambodia-2021.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "oops\n", encoding="utf-8")
    result = cli("render", "cambodia-2021", code=1)
    line = text.count("\n") + 1
    assert result.stderr.startswith(
        f"endorse: error: statements/cambodia-2021.toml:{line}: TOML syntax error:"
    )


def test_no_project_found(tmp_path: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ENDORSE_ROOT", raising=False)
    result = cli("check", code=2)
    assert result.stderr.startswith(f"endorse: error: no statements/ folder in {tmp_path}")


def test_root_option_and_environment(
    project: Path, cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    cli("check", "--root", str(project))
    monkeypatch.setenv("ENDORSE_ROOT", str(project))
    cli("check")


def test_python_dash_m(project: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "endorse", "check"], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout) == (
        0,
        "ok: 1 statement, 34 signatories checked, no problems\n",
    )


@pytest.mark.parametrize(
    "args",
    [
        ("check", "-f", "json"),
        ("render", "cambodia-2021", "-f", "json"),
        ("dupes", "cambodia-2021", "-f", "json"),
        ("stats", "cambodia-2021", "-f", "json"),
    ],
)
def test_every_json_output_says_its_schema(
    project: Path, cli: Invoke, args: tuple[str, ...]
) -> None:
    assert json.loads(cli(*args).stdout)["schema"] == 1


def test_list_json_records_say_their_schema(project: Path, cli: Invoke) -> None:
    records = json.loads(cli("list", "cambodia-2021", "-f", "json").stdout)
    assert {record["schema"] for record in records} == {1}
