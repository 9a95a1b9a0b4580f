"""A Google Forms sign-up, imported as exported (CSV with a BOM, .xlsx), then again a week later."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from endorse.project.load import load_project
from tests.conftest import Invoke
from tests.test_add import SIGNATORIES, SLUG

FORMS = Path(__file__).resolve().parent / "data" / "forms"
STATEMENT = f"statements/{SLUG}.toml"
IMPORT_TABLE = """
[import]
map = { name = "Organisation name", group = "How would you like to sign?" }
ignore = ["Your name"]
values.group = { Endorser = "endorsers", "Speaker at the launch" = "speakers" }
"""
MEKONG, LONDON = "info@mekongyouth.example", "a.smith@londonrights.example"
NEW_IN_WEEK_1 = [
    ("Mekong Youth Alliance", "endorsers", "KH", dt.date(2025, 3, 14), MEKONG),
    ("River Watch Thailand", "endorsers", "TH", dt.date(2025, 3, 14), "contact@riverwatch.example"),
    ("Lotus Legal Clinic", "speakers", "KH", dt.date(2025, 3, 15), "hello@lotus.example"),
    ("London Child Rights Forum", "endorsers", "GB", dt.date(2025, 3, 17), LONDON),
    ("Phnom Penh Street Children Project", "endorsers", "KH", dt.date(2025, 3, 18), None),
]  # fmt: skip
NEW_IN_WEEK_2 = [
    ("Youth Voice Laos", "endorsers", "LA", dt.date(2025, 3, 20), "info@youthvoice.example"),
    ("Justice for Kids, Battambang", "speakers", "KH", dt.date(2025, 3, 21), "desk@j4k.example"),
]  # fmt: skip


def as_xlsx(csv_path: Path, folder: Path) -> Path:
    """The sheet as Google Sheets downloads it: a real date-time cell for each timestamp."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Form responses 1"
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.reader(handle)):
            cells: list[object] = list(row)
            if number:
                cells[0] = dt.datetime.strptime(row[0], "%d/%m/%Y %H:%M:%S")
            sheet.append(cells)
    path = folder / csv_path.with_suffix(".xlsx").name
    workbook.save(path)
    return path


def new_entries(root: Path, before: int) -> list[tuple[object, ...]]:
    entries = load_project(root).get(SLUG).entries[before:]
    return [
        (s.name, s.group, s.country, s.added, s.contact) for s in (e.signatory for e in entries)
    ]


@pytest.fixture
def campaign(open_project: Path) -> Path:
    statement = open_project / STATEMENT
    statement.write_text(statement.read_text(encoding="utf-8") + IMPORT_TABLE, encoding="utf-8")
    return open_project


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_form_export_imports_with_one_command_then_grows(
    campaign: Path, cli: Invoke, kind: str
) -> None:
    week1, week2 = FORMS / "signup-week1.csv", FORMS / "signup-week2.csv"
    if kind == "xlsx":
        week1, week2 = as_xlsx(week1, campaign), as_xlsx(week2, campaign)
    before = len(load_project(campaign).get(SLUG).entries)
    first = cli("import", SLUG, str(week1))
    assert first.stdout.splitlines()[-1] == f"added 5, already present 2, refused 0 ({SIGNATORIES})"
    assert "country 'UK' read as GB" in first.stdout
    assert new_entries(campaign, before) == NEW_IN_WEEK_1
    again = cli("import", SLUG, str(week2), "--quiet")
    assert again.stdout == f"added 2, already present 8, refused 0 ({SIGNATORIES})\n"
    assert new_entries(campaign, before) == NEW_IN_WEEK_1 + NEW_IN_WEEK_2
    cli("check")


def test_without_a_map_the_name_column_is_asked_for(open_project: Path, cli: Invoke) -> None:
    form = FORMS / "signup-week1.csv"
    result = cli("import", SLUG, str(form), code=2)
    assert result.stderr == (
        f"endorse: error: {form}: columns 'Organisation name' and 'Your name' could each be "
        "the signer's name; endorse will not guess\n"
        "  say which with --map name=COLUMN (like --map name='Organisation name')\n"
    )


def test_options_do_what_the_import_table_does(open_project: Path, cli: Invoke) -> None:
    result = cli(
        "import",
        SLUG,
        str(FORMS / "signup-week1.csv"),
        "--map",
        "name=Organisation name",
        "--map",
        "group=How would you like to sign?",
        "--map-value",
        "group:endorser=endorsers",
        "--map-value",
        "group:Speaker at the launch=speakers",
        "--map",
        "added=",
        "--dry-run",
    )
    assert result.stdout.splitlines()[-1] == (
        "dry run: would add 5, already present 2, refused 0; nothing written"
    )
    assert "columns ignored: Timestamp, Your name" in result.stdout


def test_refused_rows_name_every_problem_and_go_to_rejects(
    campaign: Path, cli: Invoke, tmp_path: Path
) -> None:
    form = tmp_path / "form.csv"
    form.write_text(
        "Timestamp,Email address,Organisation name,Country,How would you like to sign?\n"
        "31/02/2025 10:00:00,not-an-email,Org A,Camboda,Donor\n"
        "01/03/2025 10:00:00,b@org.example,Org B,Cambodia,Endorser\n",
        encoding="utf-8",
    )
    rejects = tmp_path / "rejects.csv"
    result = cli("import", SLUG, str(form), "--rejects", str(rejects), "-q", code=1)
    assert result.stdout.splitlines()[-1] == (
        f"added 1, already present 0, refused 1 ({SIGNATORIES})"
    )
    with rejects.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["row", "refused because", "Timestamp"]
    assert rows[1][0] == "2" and rows[1][3] == "not-an-email"
    assert rows[1][1] == (
        "invalid: added: '31/02/2025 10:00:00' is not a date (like 2025-03-01 or "
        "01/03/2025 10:31:07); country: 'Camboda' is not a country name or ISO 3166 code; "
        "did you mean Cambodia (KH)?; contact: not an e-mail address (like name@example.org; "
        "the value is not repeated: it is private); group 'Donor' does not exist in "
        "statements/cambodia-2021.toml"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("form.ods", b"PK\x03\x04", "this is an OpenDocument spreadsheet (.ods), which endorse"),
        ("form.numbers", b"PK\x03\x04", "this is an Apple Numbers file (.numbers), which endorse"),
        ("form.xlsx", b"not a zip", "not a readable .xlsx workbook"),
    ],
)  # fmt: skip
def test_other_formats_are_named(
    open_project: Path, cli: Invoke, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = cli("import", SLUG, str(path), code=2)
    assert result.stderr.startswith(f"endorse: error: {path}: {message}")


def test_sheet_option(open_project: Path, cli: Invoke, tmp_path: Path) -> None:
    path = as_xlsx(FORMS / "signup-week1.csv", tmp_path)
    result = cli("import", SLUG, str(path), "--sheet", "Summary", code=2)
    assert result.stderr == (
        f"endorse: error: {path}: --sheet Summary: no such sheet\n  sheets: Form responses 1\n"
    )


def test_delimiters_are_sniffed(open_project: Path, cli: Invoke, tmp_path: Path) -> None:
    form = tmp_path / "form.tsv"
    form.write_text("Organization\tCountry\nOrg, with a comma\tKHM\n", encoding="utf-8")
    result = cli("import", SLUG, str(form), "--group", "endorsers")
    assert "added 1," in result.stdout
    added = load_project(open_project).get(SLUG).entries[-1].signatory
    assert (added.name, added.country) == ("Org, with a comma", "KH")


@pytest.mark.parametrize(
    ("dates", "order", "expected"),
    [
        (["03/04/2025 09:00:00", "25/04/2025 10:00:00"], None, dt.date(2025, 4, 3)),
        (["03/04/2025 09:00:00", "04/25/2025 10:00:00"], None, dt.date(2025, 3, 4)),
        (["03/04/2025"], "DMY", dt.date(2025, 4, 3)),
        (["2025-04-03T09:00:00+07:00"], None, dt.date(2025, 4, 3)),
    ],
)
def test_dates_keep_the_forms_day(
    open_project: Path, dates: list[str], order: str | None, expected: dt.date
) -> None:
    from endorse.edit.importing import import_rows

    form = open_project / "form.csv"
    rows = "".join(f"{when},Org {n}\n" for n, when in enumerate(dates))
    form.write_text("Timestamp,Organisation\n" + rows, encoding="utf-8")
    result = import_rows(
        open_project,
        SLUG,
        form,
        group="endorsers",
        date_order=order,
        dry_run=True,  # type: ignore[arg-type]
    )
    assert result.outcomes[0].signatory is not None
    assert result.outcomes[0].signatory.added == expected


def test_an_ambiguous_date_is_refused(open_project: Path, cli: Invoke) -> None:
    form = open_project / "form.csv"
    form.write_text("Timestamp,Organisation\n03/04/2025,Org A\n", encoding="utf-8")
    result = cli("import", SLUG, str(form), "--group", "endorsers", code=1)
    assert "added: '03/04/2025' could be day/month or month/day" in result.stdout


def test_sheet_by_name(open_project: Path, cli: Invoke, tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "form.xlsx"
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.append(["Summary"])
    second = workbook.create_sheet("Responses")
    second.append(["Organization", "Tier"])
    second.append(["Org From Sheet", "Endorser"])
    workbook.save(path)
    result = cli("import", SLUG, str(path), "--sheet", "Responses", "--map", "group=Tier",
                 "--map-value", "group:Endorser=endorsers")  # fmt: skip
    assert "added 1," in result.stdout
    assert load_project(open_project).get(SLUG).entries[-1].signatory.name == "Org From Sheet"


def test_an_unknown_field_in_the_import_table(campaign: Path, cli: Invoke) -> None:
    statement = campaign / STATEMENT
    statement.write_text(
        statement.read_text(encoding="utf-8").replace("values.group", "values.tier"),
        encoding="utf-8",
    )
    result = cli("import", SLUG, str(FORMS / "signup-week1.csv"), code=2)
    assert "[import] values: 'tier' is not a field" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        "Organization;Aliases\nOrg A;A, the first\nOrg B;B, the second\n",
        "Organization,Aliases\nOrg A,A; AA\nOrg B,B; BB\n",
        "Organization|Country\nOrg A|KH\nOrg B|TH\n",
    ],
)
def test_the_headers_delimiter_wins(open_project: Path, text: str) -> None:
    from endorse.edit.importing import read_table

    form = open_project / "form.csv"
    form.write_text(text, encoding="utf-8")
    table = read_table(form)
    assert len(table.header) == 2 and [len(cells) for _, cells in table.rows] == [2, 2]


def test_rejects_run_no_formula_a_stranger_typed(
    campaign: Path, cli: Invoke, tmp_path: Path
) -> None:
    """Found by a red-team pass: refused rows are the hostile ones, opened in a spreadsheet."""
    form = tmp_path / "form.csv"
    form.write_text(
        "Timestamp,Email address,Organisation name,Country,How would you like to sign?\n"
        "01/03/2025 10:00:00,=cmd|'/c calc'!A1,=1+1 Org,Cambodia,Donor\n",
        encoding="utf-8",
    )
    rejects = tmp_path / "rejects.csv"
    cli("import", SLUG, str(form), "--rejects", str(rejects), "-q", "--dry-run", code=1)
    with rejects.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][3:5] == ["'=cmd|'/c calc'!A1", "'=1+1 Org"]
