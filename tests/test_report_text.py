"""The text report's closing line counts errors, warnings and notices apart."""

from __future__ import annotations

from pathlib import Path

from endorse.check.report import format_text
from endorse.format.problems import Problem, Report
from endorse.project.model import Project


def test_notices_are_not_counted_as_warnings() -> None:
    notice = Problem("N701", "withdrawn", path=Path("s.toml"), line=3)
    text = format_text(Report([notice]), Project(root=Path(".")))
    assert text == (
        "s.toml:3: notice N701 signatory-withdrawn: withdrawn\n"
        "0 errors, 0 warnings, 1 notice (0 statements, 0 signatories checked)\n"
    )
