"""A problem's severity comes from its code's letter; only --strict makes warnings fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from endorse.format.problems import Problem, Severity
from tests.conftest import Invoke
from tests.test_broken_corpus import CASES, read_case, write_project

WARNING_ONLY = sorted(
    case.name
    for case in CASES.glob("*.case")
    if all(code[0] in "WN" for code, _, _ in read_case(case)[0])
)


def test_the_corpus_has_warning_only_cases() -> None:
    assert len(WARNING_ONLY) >= 5


@pytest.mark.parametrize("case", WARNING_ONLY)
def test_warnings_pass_check_without_strict(tmp_path: Path, cli: Invoke, case: str) -> None:
    expected, files = read_case(CASES / case)
    write_project(tmp_path, files)
    result = cli("check", "--format", "json", "--root", str(tmp_path), code=0)
    severities = {p["code"]: p["severity"] for p in json.loads(result.stdout)["problems"]}
    assert severities == {
        code: "warning" if code[0] == "W" else "notice" for code, _, _ in expected
    }


def test_severity_cannot_be_set_by_hand() -> None:
    assert Problem("W401", "mixed").severity is Severity.WARNING
    assert Problem("W401", "mixed", strict=True).severity is Severity.ERROR
    assert Problem("N701", "withdrawn", strict=True).severity is Severity.ERROR
    assert Problem("E101", "unknown key").severity is Severity.ERROR
