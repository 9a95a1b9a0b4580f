"""W601 (a passed deadline on a statement still taking signatures) and E607 (withdrawn later
than tomorrow), against a fixed today."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from endorse.check.consistency import check_consistency
from endorse.project.load import load_project
from tests.conftest import Invoke

SLUG = "cambodia-2021"
STATEMENT = Path("statements/cambodia-2021.toml")


def with_status(root: Path, status: str | None, deadline: str) -> None:
    path = root / STATEMENT
    text = path.read_text(encoding="utf-8")
    replacement = (
        f'status = "{status}"\ndeadline = {deadline}' if status else f"deadline = {deadline}"
    )
    path.write_text(text.replace('status = "published"', replacement), encoding="utf-8")


def codes(root: Path, today: dt.date) -> list[tuple[str, int | None, str]]:
    loaded = load_project(root, only=[SLUG]).get(SLUG)
    return [
        (p.code, p.line, p.message)
        for p in check_consistency(loaded, today=today)
        if p.code[1] == "6"
    ]


@pytest.mark.parametrize("status", ["open", "draft", None])
def test_a_deadline_passed_while_taking_signatures(project: Path, status: str | None) -> None:
    with_status(project, status, "2026-05-31")
    assert codes(project, dt.date(2026, 5, 31)) == []  # the deadline is the last day
    [(code, line, message)] = codes(project, dt.date(2026, 6, 1))
    assert (code, line) == ("W601", 8 if status else 7)
    assert message == (
        f"the deadline 2026-05-31 has passed and statement '{SLUG}' is still "
        f"{status or 'draft'}: add and import refuse new signatures"
    )


@pytest.mark.parametrize("status", ["closed", "published"])
def test_no_warning_once_closed(project: Path, status: str) -> None:
    with_status(project, status, "2021-04-30")
    assert [c for c in codes(project, dt.date(2026, 6, 1)) if c[0] == "W601"] == []


def test_the_cli_warns_and_names_both_fixes(project: Path, cli: Invoke) -> None:
    with_status(project, "open", "2021-04-30")
    result = cli("check")
    assert result.stdout.startswith(
        f"{STATEMENT}:8: warning W601 deadline-passed: the deadline 2021-04-30 has passed "
        f"and statement '{SLUG}' is still open: add and import refuse new signatures\n"
        f"  close it ('endorse close {SLUG}'), or move the deadline "
        f"('endorse open {SLUG} --deadline YYYY-MM-DD')\n"
    )
    cli("check", "--strict", code=1)


def test_withdrawn_in_the_future(project: Path) -> None:
    path = project / "signatories" / "cambodia-2021.toml"
    text = path.read_text(encoding="utf-8")
    first = text.index("[[signatory]]")
    line = text[:first].count("\n") + 1
    end = text.index("\n", text.index("name = ", first)) + 1
    path.write_text(
        text[:end] + 'status = "withdrawn"\nwithdrawn = 2026-06-03\n' + text[end:],
        encoding="utf-8",
    )
    assert codes(project, dt.date(2026, 6, 2)) == []  # one day of slack, as for added
    [(code, at, message)] = codes(project, dt.date(2026, 6, 1))
    assert (code, at) == ("E607", line)
    assert message.endswith("withdrew on 2026-06-03, which is in the future")


def test_a_reinstated_entry_keeps_its_withdrawal_without_a_warning(
    open_project: Path, cli: Invoke
) -> None:
    cli("withdraw", SLUG, "Save the Children")
    assert "W214" not in cli("check").stdout
    cli("reinstate", SLUG, "Save the Children")
    assert "W214" not in cli("check", "--strict").stdout
