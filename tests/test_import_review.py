"""Imports arrive as the coordinator decides (pending unless said otherwise), and a weekly
re-import of the same export is clean once the refused rows were reviewed (issue 24)."""

from __future__ import annotations

from pathlib import Path

import pytest

from endorse.edit.importing import import_rows, row_hash
from endorse.project.load import load_project
from tests.conftest import Invoke
from tests.test_add import SLUG

STATEMENT = Path("statements") / f"{SLUG}.toml"
FORM = (
    "Timestamp,Organisation name,Email address\n"
    "2025-02-01 10:00:00,Org New,new@org.example\n"
    "2025-02-02 10:00:00,Save the Childrens,\n"  # a typo of an existing signer
    "2025-02-03 10:00:00,,empty@org.example\n"  # no name
)


def write(folder: Path, text: str = FORM) -> Path:
    path = folder / "form.csv"
    path.write_text(text, encoding="utf-8")
    return path


def statuses(root: Path, names: set[str]) -> dict[str, str]:
    entries = load_project(root).get(SLUG).entries
    return {e.signatory.name: e.signatory.status for e in entries if e.signatory.name in names}


def test_rows_arrive_pending_by_default(open_project: Path, cli: Invoke) -> None:
    form = write(open_project)
    result = cli("import", SLUG, str(form), "--group", "endorsers", code=1)
    assert statuses(open_project, {"Org New"}) == {"Org New": "pending"}
    assert (
        f"the rows added are pending: review them, then 'endorse confirm {SLUG} --all-pending'"
        in result.stderr
    )


def test_status_option_and_import_table_say_confirmed(open_project: Path, cli: Invoke) -> None:
    form = write(open_project, "Organisation name\nOrg One\n")
    cli("import", SLUG, str(form), "--group", "endorsers", "--status", "confirmed")
    path = open_project / STATEMENT
    path.write_text(
        path.read_text(encoding="utf-8") + '\n[import]\nstatus = "confirmed"\n', encoding="utf-8"
    )
    write(open_project, "Organisation name\nOrg One\nOrg Two\n")
    cli("import", SLUG, str(form), "--group", "endorsers")
    assert statuses(open_project, {"Org One", "Org Two"}) == {
        "Org One": "confirmed",
        "Org Two": "confirmed",
    }
    # The option wins over the table.
    write(open_project, "Organisation name\nOrg Three\n")
    cli("import", SLUG, str(form), "--group", "endorsers", "--status", "pending")
    assert statuses(open_project, {"Org Three"}) == {"Org Three": "pending"}


def test_a_bad_status_is_a_usage_error(open_project: Path, cli: Invoke) -> None:
    form = write(open_project)
    result = cli("import", SLUG, str(form), "--status", "withdrawn", code=2)
    assert result.stderr == "endorse: error: --status withdrawn: write pending or confirmed\n"


def test_reviewed_refusals_are_remembered(open_project: Path, cli: Invoke) -> None:
    form = write(open_project)
    first = cli("import", SLUG, str(form), "--group", "endorsers", code=1)
    assert "refused 2" in first.stdout.splitlines()[-1]
    # Reviewed: recorded, and the import exits 0.
    accepted = cli("import", SLUG, str(form), "--group", "endorsers", "--accept-refusals")
    assert accepted.stderr.endswith(
        "2 refused row(s) recorded as reviewed: later imports skip them\n"
    )
    text = (open_project / STATEMENT).read_text(encoding="utf-8")
    assert "[[import_reviewed]]" in text
    assert "@" not in text.split("[[import_reviewed]]", 1)[1]  # no contact, only hashes
    # Next week: the export grew by a good row and a new typo row.
    rejects = open_project / "rejects.csv"
    grown = FORM + "2025-02-09 10:00:00,Org Later,\n2025-02-10 10:00:00,Save the Chlidren,\n"
    write(open_project, grown)
    again = cli(
        "import", SLUG, str(form), "--group", "endorsers", "--rejects", str(rejects), code=1
    )
    assert " ".join(again.stdout.split()).endswith(
        f"added 1, already present 1, refused 1, already reviewed 2 (signatories/{SLUG}.toml)"
    )
    assert "already reviewed" in again.stdout
    lines = rejects.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 2 and lines[1].startswith("6,duplicate: ")  # only the new refusal
    # With nothing new refused, the weekly import exits 0.
    write(open_project, FORM)
    clean = cli("import", SLUG, str(form), "--group", "endorsers")
    assert clean.stdout.splitlines()[-1] == (
        "added 0, already present 1, refused 0, already reviewed 2"
    )


def test_a_changed_row_is_new_again(open_project: Path) -> None:
    assert row_hash(["2025-02-02", "Save the Childrens", ""]) == row_hash(
        ["2025-02-02", "Save the Childrens"]
    )
    assert row_hash(["2025-02-02", "Save the Childrens"]) != row_hash(
        ["2025-02-02", "Save the Children"]
    )


def test_a_dry_run_records_nothing_and_still_fails(open_project: Path, cli: Invoke) -> None:
    form = write(open_project)
    before = (open_project / STATEMENT).read_text(encoding="utf-8")
    result = cli(
        "import", SLUG, str(form), "--group", "endorsers", "--accept-refusals", "--dry-run", code=1
    )
    assert "2 refused row(s) would be recorded as reviewed" in result.stderr
    assert (open_project / STATEMENT).read_text(encoding="utf-8") == before


def test_a_csv_row_with_more_or_fewer_fields_is_refused_with_its_line(
    open_project: Path,
) -> None:
    form = write(
        open_project,
        'Organisation name,Email address\nOrg A,a@org.example\n"Org\nB",b@org.example,extra\n'
        "Org C\n",
    )
    result = import_rows(open_project, SLUG, form, group="endorsers", dry_run=True)
    assert [(o.row, o.verdict, o.reason) for o in result.outcomes] == [
        (2, "add", ""),
        (
            3,
            "invalid",
            "line 3 has 3 fields where the header has 2 (a stray delimiter or quote?)",
        ),
        (4, "invalid", "line 5 has 1 fields where the header has 2 (a stray delimiter or quote?)"),
    ]


def test_a_csv_above_the_size_limit_is_refused_before_reading(
    open_project: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from endorse.edit import import_read

    monkeypatch.setattr(import_read, "MAX_UNCOMPRESSED_BYTES", 10 * 1024 * 1024)
    form = open_project / "big.csv"
    with form.open("wb") as handle:
        handle.truncate(11 * 1024 * 1024)  # sparse: nothing is written
    result = cli("import", SLUG, str(form), code=2)
    assert result.stderr == (
        f"endorse: error: {form}: the file is 11 MB, above endorse's limit of 10 MB for a "
        "form's export\n  split it, or import only the new rows\n"
    )


def test_a_row_hash_changes_with_any_cell_and_not_with_trailing_empty_ones() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    seen = 0
    cells = st.lists(st.text(max_size=12).filter(lambda t: t.strip() == t), min_size=1)

    @settings(max_examples=200)
    @given(cells, st.data())
    def check(row: list[str], data: st.DataObject) -> None:
        nonlocal seen
        assert row_hash([*row, "", ""]) == row_hash(row)  # a sheet's padding is no change
        index = data.draw(st.integers(0, len(row) - 1))
        changed = data.draw(st.text(min_size=1, max_size=12).filter(lambda t: t.strip() == t))
        if changed != row[index]:
            edited = [*row[:index], changed, *row[index + 1 :]]
            assert row_hash(edited) != row_hash(row)
            seen += 1

    check()
    assert seen >= 100, f"only {seen} edits were tried"


def test_rejects_inside_a_repository_that_does_not_ignore_them_are_warned_about(
    open_project: Path, cli: Invoke
) -> None:
    from tests.conftest import git

    git(open_project, "init", "-q")
    form = write(open_project)
    args = ("import", SLUG, str(form), "--group", "endorsers", "--dry-run", "--rejects")
    warned = cli(*args, "refused.csv", code=1)
    assert (
        "endorse: warning: refused.csv holds contacts and git does not ignore it: add it to "
        ".gitignore, or write it outside the repository\n"
    ) in warned.stderr
    (open_project / ".gitignore").write_text("refused*.csv\n")
    assert "git does not ignore" not in cli(*args, "refused2.csv", code=1).stderr
