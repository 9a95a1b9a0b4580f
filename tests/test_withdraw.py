"""`endorse withdraw` and `endorse distinct`: edits that touch only their own lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from endorse.edit.withdraw import withdraw
from endorse.errors import EndorseError
from endorse.project.load import load_project
from endorse.render.document import build_document
from tests.conftest import Invoke

SLUG = "cambodia-2021"
SIGNATORIES = Path("signatories/cambodia-2021.toml")
TODAY = dt.date(2025, 3, 1)


def test_withdraw_adds_lines_inside_the_entry_only(project: Path) -> None:
    path = project / SIGNATORIES
    before = path.read_text(encoding="utf-8").splitlines(keepends=True)
    done = withdraw(project, SLUG, "Save the Children", reason="asked on 1 March", today=TODAY)
    after = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert done.done == [f"withdrew 'Save the Children' on 2025-03-01 ({SIGNATORIES}:36)"]
    [diff] = done.diffs
    assert diff.startswith(f"--- a/{SIGNATORIES}\n+++ b/{SIGNATORIES}\n")
    assert '+status = "withdrawn"\n' in diff
    inserted = [
        'status = "withdrawn"\n',
        "withdrawn = 2025-03-01\n",
        'withdrawn_reason = "asked on 1 March"\n',
    ]
    assert after == before[:38] + inserted + before[38:]


def test_withdraw_changes_an_existing_status_line(project: Path) -> None:
    path = project / SIGNATORIES
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'name = "Save the Children"\ngroup = "speakers"\n',
        'name = "Save the Children"\nstatus = "pending"  # waiting for the board\n'
        'group = "speakers"\n',
    )
    path.write_text(text, encoding="utf-8")
    withdraw(project, SLUG, "save the children", today=TODAY)
    after = path.read_text(encoding="utf-8")
    assert after == text.replace(
        'status = "pending"  # waiting for the board\ngroup = "speakers"\n',
        # the line's comment stays: people wrote it, only they know when it no longer holds
        'status = "withdrawn"  # waiting for the board\ngroup = "speakers"\n'
        "withdrawn = 2025-03-01\n",
    )


def test_render_leaves_withdrawn_entries_out(project: Path) -> None:
    withdraw(project, SLUG, "Save the Children", today=TODAY)
    document = build_document(load_project(project).get(SLUG))
    names = [item.name for section in document.sections for item in section.items]
    assert "Save the Children" not in names
    assert len(names) == 33


def test_withdrawing_twice_is_refused(project: Path, cli: Invoke) -> None:
    cli("withdraw", SLUG, "Save the Children")
    result = cli("withdraw", SLUG, "Save the Children", code=1)
    assert result.stderr == (
        f"endorse: error: {SIGNATORIES}:36: 'Save the Children' was already withdrawn on "
        f"{dt.date.today()}; nothing was written\n"
    )


def test_unknown_name_suggests_a_close_one(project: Path, cli: Invoke) -> None:
    result = cli("withdraw", SLUG, "Save the Chldren", code=1)
    assert result.stderr == (
        "endorse: error: statements/cambodia-2021.toml: no signatory named 'Save the Chldren' "
        "in statement 'cambodia-2021'\n"
        "  did you mean: 'Save the Children'\n"
    )


def test_bad_reason_is_refused(project: Path) -> None:
    before = (project / SIGNATORIES).read_bytes()
    with pytest.raises(EndorseError, match="not withdrawn: withdrawn_reason: contains"):
        withdraw(project, SLUG, "Save the Children", reason="a\u202eb")
    assert (project / SIGNATORIES).read_bytes() == before


def test_distinct_appends_a_pair(project: Path, cli: Invoke) -> None:
    path = project / SIGNATORIES
    before = path.read_text(encoding="utf-8")
    result = cli(
        "distinct", SLUG, "legal aid of cambodia", "Child Advocate Network", "--reason", "checked"
    )
    assert result.stdout == (
        "recorded 'Legal Aid of Cambodia' and 'Child Advocate Network' as distinct "
        f"({SIGNATORIES}:174)\n"
    )
    assert path.read_text(encoding="utf-8") == before + (
        '\n[[distinct]]\nnames = [\n    "Legal Aid of Cambodia",\n    "Child Advocate Network",\n'
        ']\nreason = "checked"\n'
    )
    again = cli("distinct", SLUG, "Child Advocate Network", "Legal Aid of Cambodia", code=1)
    assert again.stderr == (
        f"endorse: error: {SIGNATORIES}: 'Child Advocate Network' and 'Legal Aid of Cambodia' are "
        f"already recorded as distinct ({SIGNATORIES}:174)\n"
    )
    assert cli("check").stdout.startswith("ok:")


def test_distinct_needs_two_entries(project: Path, cli: Invoke) -> None:
    result = cli("distinct", SLUG, "Save the Children", "save the children", code=1)
    assert result.stderr.splitlines()[0] == (
        f"endorse: error: {SIGNATORIES}: 'Save the Children' and 'save the children' are the "
        f"same entry ({SIGNATORIES}:36)"
    )
