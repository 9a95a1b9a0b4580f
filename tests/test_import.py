"""`endorse import`: every row checked first, then one append of the good ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from endorse.edit.importing import import_rows, parse_maps
from endorse.errors import UsageError
from endorse.project.load import load_project
from tests.conftest import Invoke
from tests.test_add import SIGNATORIES, SLUG

TODAY = dt.date(2025, 3, 1)
FORM = (
    "\ufeffTimestamp;Organisation;Country;E-mail\n"
    '2025-02-01 10:00;"Org B";KH;b@org.example\n'
    '2025-02-02 10:00;"Org\nwith a newline";KH;\n'
    "2025-02-03 10:00;org  b;KH;\n"
    "2025-02-04 10:00;Save the Childrens;;\n"
    "2025-02-05 10:00;Org C;kh;\n"
    '2025-02-06 10:00;"Org ""D""; Phnom Penh";NL;d@org.example\n'
    ";;;\n"
)
MAPS = ["name=Organisation", "contact=E-mail"]
MAPPED = parse_maps(MAPS)


def write_form(folder: Path, text: str = FORM) -> Path:
    path = folder / "form.csv"
    path.write_bytes(text.encode("utf-8"))
    return path


def test_rows_are_classified_with_number_and_reason(open_project: Path) -> None:
    form = write_form(open_project)
    result = import_rows(open_project, SLUG, form, maps=MAPPED, group="endorsers", today=TODAY)
    assert [(o.row, o.verdict, o.reason) for o in result.outcomes] == [
        (2, "add", ""),
        (
            3,
            "invalid",
            "name: contains control character U+000A LINE FEED (a line break) at character 4; "
            "retype the text without it",
        ),
        (4, "present", "as 'Org B' (row 2)"),
        (
            5,
            "duplicate",
            f"'Save the Childrens' is likely already a signatory: 'Save the Children' "
            f"({SIGNATORIES}:36; typing error)",
        ),
        (6, "add", ""),
        (7, "add", ""),
    ]
    assert result.ignored_columns == []
    assert result.columns["added"] == "Timestamp"
    assert result.written
    loaded = load_project(open_project).get(SLUG)
    added = [(e.signatory.name, e.signatory.contact) for e in loaded.entries[-3:]]
    assert added == [
        ("Org B", "b@org.example"),
        ("Org C", None),
        ('Org "D"; Phnom Penh', "d@org.example"),
    ]
    assert "b@org.example" not in (open_project / SIGNATORIES).read_text(encoding="utf-8")


def test_comma_file_without_bom(open_project: Path) -> None:
    form = write_form(open_project, "name,group,country\nOrg A,endorsers,KH\nOrg Z,speakers,\n")
    result = import_rows(open_project, SLUG, form, today=TODAY)
    assert [(o.name, o.verdict) for o in result.outcomes] == [("Org A", "add"), ("Org Z", "add")]
    groups = [e.signatory.group for e in load_project(open_project).get(SLUG).entries[-2:]]
    assert groups == ["endorsers", "speakers"]


def test_dry_run_writes_nothing(open_project: Path, cli: Invoke) -> None:
    form = write_form(open_project)
    before = (open_project / SIGNATORIES).read_bytes()
    args = ["import", SLUG, str(form), "--group", "endorsers", "--dry-run"]
    result = cli(*args, *(f"--map={m}" for m in MAPS), code=1)
    assert "dry run: would add 3, already present 1, refused 2; nothing written" in result.stdout
    assert (open_project / SIGNATORIES).read_bytes() == before
    assert not (open_project / "signatories" / f"{SLUG}.private.toml").exists()


def test_cli_exit_codes(open_project: Path, cli: Invoke) -> None:
    form = write_form(open_project, "name\nOrg A\nOrg B\n")
    result = cli("import", SLUG, str(form), "--group", "endorsers")
    assert result.stdout.splitlines()[-1] == (
        f"added 2, already present 0, refused 0 ({SIGNATORIES})"
    )
    again = cli("import", SLUG, str(form), "--group", "endorsers")
    assert again.stdout.splitlines()[-1] == "added 0, already present 2, refused 0"
    near = write_form(open_project, "name\nSave the Childrens\n")
    refused = cli("import", SLUG, str(near), "--group", "endorsers", code=1)
    assert refused.stdout.splitlines()[-1] == "added 0, already present 0, refused 1"


def test_missing_name_column_is_a_usage_error(open_project: Path, cli: Invoke) -> None:
    form = write_form(open_project, "Organisation body\nOrg A\n")
    result = cli("import", SLUG, str(form), code=2)
    assert result.stderr == (
        f"endorse: error: {form}: no 'name' column\n"
        "  name the column with --map name=COLUMN; columns: 'Organisation body'\n"
    )


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ("title=Organisation", "--map title=Organisation: write FIELD=COLUMN with FIELD one of:"),
        ("name=Org", "--map name=Org: no column 'Org'"),
    ],
)
def test_bad_map(open_project: Path, mapping: str, message: str) -> None:
    form = write_form(open_project)
    with pytest.raises(UsageError) as caught:
        import_rows(open_project, SLUG, form, maps=parse_maps([mapping]))
    assert caught.value.message.startswith(message)


def test_not_utf8(open_project: Path, cli: Invoke) -> None:
    form = open_project / "form.csv"
    form.write_bytes("name\nOrg A\nCafé\n".encode("latin-1"))
    result = cli("import", SLUG, str(form), code=1)
    assert result.stderr.splitlines() == [
        f"endorse: error: {form}:3: file is not valid UTF-8",
        "  export the CSV as UTF-8 (in a spreadsheet: 'CSV UTF-8'); "
        "if it comes from Excel on Windows, read it with --encoding cp1252",
    ]
    cli("import", SLUG, str(form), "--group", "endorsers", "--encoding", "cp1252")
    assert load_project(open_project).get(SLUG).entries[-1].signatory.name == "Café"


def test_published_statement_is_refused(project: Path, cli: Invoke) -> None:
    form = write_form(project, "name\nOrg A\n")
    result = cli("import", SLUG, str(form), "--group", "endorsers", code=1)
    assert result.stderr == (
        f"endorse: error: statements/{SLUG}.toml: not added: statement '{SLUG}' is published\n"
        "  open it with 'endorse open', or import with --force\n"
    )


def test_progress_is_reported(open_project: Path) -> None:
    rows = "".join(f"Org {n}\n" for n in range(30))
    form = write_form(open_project, "name\n" + rows)
    seen: list[tuple[int, int]] = []
    import_rows(
        open_project,
        SLUG,
        form,
        group="endorsers",
        dry_run=True,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen[0] == (1, 30) and seen[-1] == (30, 30)


def test_a_pipe_gets_plain_aligned_rows(open_project: Path, cli: Invoke) -> None:
    form = write_form(open_project, "name\nOrg A\nSave the Childrens\n")
    result = cli("import", SLUG, str(form), "--group", "endorsers", "--dry-run", code=1)
    lines = result.stdout.splitlines()
    assert lines[1:5] == [
        f"Import into {SIGNATORIES}",
        "row  outcome    name                reason",
        "  2  to add     Org A",
        "  3  duplicate  Save the Childrens  'Save the Childrens' is likely already a signatory: "
        f"'Save the Children' ({SIGNATORIES}:36; typing error)",
    ]
    assert not set("─━│┃┏┓┗┛┡┩╇┳┻╋┼") & set(result.stdout)


def test_a_terminal_still_gets_the_rich_table(
    open_project: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from endorse.cli import common

    monkeypatch.setattr(common, "stdout_is_terminal", lambda: True)
    form = write_form(open_project, "name\nOrg A\n")
    result = cli("import", SLUG, str(form), "--group", "endorsers", "--dry-run")
    assert "┃" in result.stdout and "Org A" in result.stdout
