"""`check --format json|github` and `--strict`: what CI and tools read."""

from __future__ import annotations

import json
import re
from pathlib import Path

from endorse.check.report import escape_data, escape_property, format_github, strict
from endorse.format.problems import Problem, Report, Severity
from endorse.project.model import Project
from tests.conftest import Invoke

SIGNATORIES = Path("signatories/cambodia-2021.toml")
# GitHub's documented syntax: ::command key=value,key=value::message, with % : , \r \n escaped.
WORKFLOW_COMMAND = re.compile(
    r"^::(?P<command>error|warning|notice)"
    r"(?: (?P<properties>(?:file|line|col|endLine|endColumn|title)=[^,:\r\n]*"
    r"(?:,(?:file|line|col|endLine|endColumn|title)=[^,:\r\n]*)*))?"
    r"::(?P<message>[^\r\n]*)$"
)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def break_example(project: Path) -> None:
    replace(project / SIGNATORIES, 'country = "KH"', 'country = "XX"')  # E103, line 48
    replace(project / SIGNATORIES, 'name = "Save the Children"', 'name = "Save  the Children"')


def test_json_report_shape(project: Path, cli: Invoke) -> None:
    break_example(project)
    report = json.loads(cli("check", "--format", "json", code=1).stdout)
    assert set(report) == {"schema", "version", "ok", "summary", "problems"}
    assert report["schema"] == report["version"] == 1 and report["ok"] is False
    assert report["summary"] == {
        "errors": 1,
        "warnings": 1,
        "notices": 0,
        "statements": 1,
        "signatories": 34,  # the entry with the bad country is counted too
    }
    warning, error = report["problems"]
    assert error == {
        "file": "signatories/cambodia-2021.toml",
        "line": 48,
        "column": None,
        "code": "E103",
        "name": "invalid-value",
        "severity": "error",
        "message": "country: 'XX' is not an ISO 3166-1 alpha-2 country code (like 'KH')",
        "hint": None,
    }
    assert (warning["code"], warning["severity"], warning["line"]) == ("W402", "warning", 36)
    assert warning["hint"] == "write it as 'Save the Children'"


def test_warnings_alone_pass_unless_strict(project: Path, cli: Invoke) -> None:
    replace(project / SIGNATORIES, 'name = "Save the Children"', 'name = "Save the Children "')
    result = cli("check")
    assert "warning W402 stray-whitespace" in result.stdout
    result = cli("check", "--strict", code=1)
    assert f"{SIGNATORIES}:36: error W402 stray-whitespace" in result.stdout


def test_github_lines_are_workflow_commands(project: Path, cli: Invoke) -> None:
    break_example(project)
    *commands, summary = cli("check", "--format", "github", code=1).stdout.splitlines()
    parsed = [WORKFLOW_COMMAND.match(line) for line in commands]
    assert all(parsed), commands
    assert [m["command"] for m in parsed if m] == ["warning", "error"]
    assert commands[1] == (
        "::error file=signatories/cambodia-2021.toml,line=48,title=E103 invalid-value::"
        "country: 'XX' is not an ISO 3166-1 alpha-2 country code (like 'KH')"
    )
    assert summary == (
        "endorse check: 1 error, 1 warning, 0 notices (1 statement, 34 signatories checked)"
    )


def test_github_escapes_data_and_properties() -> None:
    problem = Problem(
        "E101",
        "100% wrong\r\nsecond line",
        path=Path("a,b:c.toml"),
        line=3,
        column=7,
        hint="fix it",
    )
    [line, _] = format_github(
        Report([problem]), Project(root=Path(".")), prefix=Path("sub")
    ).splitlines()
    assert line == (
        "::error file=sub/a%2Cb%3Ac.toml,line=3,col=7,title=E101 unknown-key::"
        "100%25 wrong%0D%0Asecond line%0Afix it"
    )
    assert WORKFLOW_COMMAND.match(line)
    assert escape_data("a:b,c") == "a:b,c"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_problem_without_a_file_has_only_a_title() -> None:
    text = format_github(Report([Problem("N701", "gone")]), Project(Path(".")))
    assert text.splitlines()[0] == "::notice title=N701 signatory-withdrawn::gone"


def test_strict_promotes_warnings_but_not_notices() -> None:
    report = Report(
        [
            Problem("W401", "w"),
            Problem("N701", "n"),
        ]
    )
    assert report.ok
    promoted = strict(report)
    assert [p.severity for p in promoted.problems] == [Severity.ERROR, Severity.NOTICE]
    assert not promoted.ok
