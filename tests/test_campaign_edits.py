"""Issue 24: every edit works on what endorse wrote (multi-line arrays, comments), nothing is
lost (contacts in a merge, a per-signer file in a rename), and a published statement's printed
fields change only with --force and a note in the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from endorse.check.run import check_project
from endorse.format.tomlsource import scan
from endorse.project.load import load_project
from tests.conftest import Invoke
from tests.test_edit_commands import PRIVATE, SIGNATORIES, SLUG, STATEMENT, changes, entry, read

FOLDER = f"signatories/{SLUG}"


# multi-line arrays and comments


def test_a_second_rename_and_an_alias_extend_the_aliases_endorse_wrote(
    open_project: Path, cli: Invoke
) -> None:
    cli("edit", SLUG, "Save the Children", "--name", "Save the Children Intl")
    cli("edit", SLUG, "Save the Children Intl", "--name", "Save the Children International")
    before = read(open_project)
    result = cli("edit", SLUG, "Save the Children International", "--add-alias", "STC")
    assert result.stdout.splitlines()[0] == (
        f"changed 'Save the Children International' ({SIGNATORIES}:36): aliases = "
        "['Save the Children', 'Save the Children Intl', 'STC']"
    )
    assert changes(before, read(open_project)) == ['+    "STC",']
    assert entry(open_project, "Save the Children International").aliases == [
        "Save the Children",
        "Save the Children Intl",
        "STC",
    ]


def test_comments_inside_an_array_and_after_a_value_stay(open_project: Path, cli: Invoke) -> None:
    path = open_project / SIGNATORIES
    text = read(open_project).replace(
        'name = "Save the Children"\n',
        'name = "Save the Children"  # since 2019\naliases = [\n    "SC",  # short\n]\n',
    )
    path.write_text(text, encoding="utf-8")
    cli("edit", SLUG, "Save the Children", "--name", "Save the Children Cambodia")
    assert changes(text, read(open_project)) == [
        '-name = "Save the Children"  # since 2019',
        '+name = "Save the Children Cambodia"  # since 2019',
        '+    "Save the Children",',
    ]


@pytest.mark.parametrize("command", ["open", "close"])
def test_status_commands_keep_the_status_lines_comment(
    project: Path, cli: Invoke, command: str
) -> None:
    path = project / STATEMENT
    text = read(project, STATEMENT).replace(
        'status = "published"', 'status = "published"  # since the launch'
    )
    path.write_text(text, encoding="utf-8")
    cli(command, SLUG)
    status = {"open": "open", "close": "closed"}[command]
    assert changes(text, read(project, STATEMENT)) == [
        '-status = "published"  # since the launch',
        f'+status = "{status}"  # since the launch',
    ]
    cli("publish", SLUG)
    assert read(project, STATEMENT) == text


def test_an_inline_table_and_a_multi_line_array_in_the_table_stay() -> None:
    text = (
        "schema = 1\n\n[[signatory]]\n"
        'name = "A"\n'
        "extra = { a = 1, b = [2, 3] }  # inline\n"
        "list = [\n"
        '    ["x"]\n'
        "]\n"
        "# about B\n"
        "[[signatory]]\n"
        'name = "B"\n'
    )
    layout = scan(text)
    assert layout.lines[("signatory", 1)] == 10  # ["x"] on a line of its own is no header
    assert layout.span(("signatory", 0)) == (3, 8)
    new = layout.with_table(text, ("signatory", 0), {"name": "A2", "note": "n"}, ["list"])
    assert new == text.replace('name = "A"', 'name = "A2"').replace(
        'list = [\n    ["x"]\n]\n', 'note = "n"\n'
    )


# nothing lost


def test_merge_keeps_both_contacts_and_says_so(open_project: Path, cli: Invoke) -> None:
    cli("add", SLUG, "Org Beta", "--group", "endorsers", "--contact", "b@org.example")
    cli("add", SLUG, "Org Beta Cambodia", "--group", "endorsers", "--contact", "c@org.example",
        "--force")  # fmt: skip
    result = cli("merge", SLUG, "Org Beta", "Org Beta Cambodia")
    assert result.stdout.splitlines()[2] == (
        f"kept the contact of 'Org Beta Cambodia' with 'Org Beta': 2 contacts in {PRIVATE}"
    )
    assert "c@org.example" not in result.stdout
    assert read(open_project, PRIVATE).endswith(
        '[[signatory]]\nname = "Org Beta"\ncontact = "b@org.example"\n'
        'contacts = [\n    "c@org.example",\n]\n'
    )
    assert check_project(load_project(open_project)).problems == []
    # Both reach whoever lists the contacts, and a form row with either is already present.
    listed = cli("list", SLUG, "--include-private", "-f", "csv").stdout
    assert "b@org.example; c@org.example" in listed
    form = open_project / "form.csv"
    form.write_text("name,contact\nOrg Beta,c@org.example\n", encoding="utf-8")
    again = cli("import", SLUG, str(form), "--group", "endorsers", "--dry-run")
    assert "already present 1" in " ".join(again.stdout.split())


def test_merge_keep_withdrawn_gives_the_kept_entry_the_contact_too(
    open_project: Path, cli: Invoke
) -> None:
    cli("add", SLUG, "Org Beta", "--group", "endorsers", "--contact", "b@org.example")
    cli("add", SLUG, "Org Beta Cambodia", "--group", "endorsers", "--contact", "c@org.example",
        "--force")  # fmt: skip
    cli("merge", SLUG, "Org Beta", "Org Beta Cambodia", "--keep-withdrawn")
    private = read(open_project, PRIVATE)
    assert private.count("c@org.example") == 2  # the withdrawn entry keeps its own
    assert entry(open_project, "Org Beta Cambodia").contact == "c@org.example"


@pytest.fixture
def per_signer(open_project: Path) -> Path:
    path = open_project / STATEMENT
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n[[groups]]", "\nfile_per_signer = true\n\n[[groups]]", 1))
    return open_project


def test_a_rename_renames_the_signers_file(per_signer: Path, cli: Invoke) -> None:
    cli("add", SLUG, "Org Beta", "--group", "endorsers", "--contact", "b@org.example")
    result = cli("edit", SLUG, "Org Beta", "--name", "Org Gamma")
    lines = result.stdout.splitlines()
    assert lines[1] == f"renamed {FOLDER}/org-beta.toml to {FOLDER}/org-gamma.toml"
    assert lines[2:4] == [f"--- a/{FOLDER}/org-beta.toml", f"+++ b/{FOLDER}/org-gamma.toml"]
    assert sorted(p.name for p in (per_signer / FOLDER).iterdir()) == ["org-gamma.toml"]
    assert entry(per_signer, "Org Gamma").contact == "b@org.example"
    cli("check")


def test_a_rename_onto_another_signers_file_is_refused(per_signer: Path, cli: Invoke) -> None:
    cli("add", SLUG, "Org Beta", "--group", "endorsers")
    cli("add", SLUG, "Org Gamma", "--group", "endorsers")
    result = cli("edit", SLUG, "Org Beta", "--name", "ORG Gamma", "--force", code=1)
    assert result.stderr.startswith(
        f"endorse: error: {FOLDER}/org-gamma.toml: 'ORG Gamma' would go to "
        f"{FOLDER}/org-gamma.toml, which already exists; nothing was written\n"
    )
    assert sorted(p.name for p in (per_signer / FOLDER).iterdir()) == [
        "org-beta.toml",
        "org-gamma.toml",
    ]


# edit --added, withdraw's diff


def test_edit_added_changes_the_date(open_project: Path, cli: Invoke) -> None:
    cli("add", SLUG, "Org Late", "--group", "endorsers", "--added", "2021-06-01")
    result = cli("edit", SLUG, "Org Late", "--added", "2021-05-01")
    assert result.stdout.splitlines()[0].endswith(": added = 2021-05-01")
    assert str(entry(open_project, "Org Late").added) == "2021-05-01"
    bad = cli("edit", SLUG, "Org Late", "--added", "1 May", code=2)
    assert bad.stderr.startswith(
        "endorse: error: --added 1 May: write the date as YYYY-MM-DD, like 2025-03-14\n"
    )


def test_withdraw_shows_its_diff(open_project: Path, cli: Invoke) -> None:
    result = cli("withdraw", SLUG, "Save the Children", "--dry-run")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("withdrew 'Save the Children' on ")
    assert lines[1:3] == [f"--- a/{SIGNATORIES}", f"+++ b/{SIGNATORIES}"]
    assert '+status = "withdrawn"' in lines
    assert lines[-1] == "dry run: nothing written"
    assert entry(open_project, "Save the Children").status == "confirmed"


# a published statement


REFUSED = (
    "endorse: error: {STATEMENT}: not {verb}: statement '{SLUG}' is published; what it printed "
    "({keys}) changes only with --force; nothing was written\n"
    "  if the published text must change, run the command again with --force: endorse writes a "
    "note of the change in the signatory's table\n"
)


@pytest.mark.parametrize(
    ("args", "verb", "keys"),
    [
        (["edit", SLUG, "Save the Children", "--name", "Save the Children Intl"], "changed",
         "name"),
        (["edit", SLUG, "Save the Children", "--name-in", "km=សេវ"], "changed", "name_km"),
        (["move", SLUG, "Save the Children", "--group", "endorsers"], "moved", "group"),
        (["merge", SLUG, "Save the Children", "This Life Cambodia"], "merged",
         "name"),
    ],
)  # fmt: skip
def test_printed_fields_of_a_published_statement_need_force(
    project: Path, cli: Invoke, args: list[str], verb: str, keys: str
) -> None:
    before = {name: read(project, name) for name in (SIGNATORIES, STATEMENT)}
    result = cli(*args, code=1)
    assert result.stderr == REFUSED.format(STATEMENT=STATEMENT, SLUG=SLUG, verb=verb, keys=keys)
    assert {name: read(project, name) for name in before} == before
    forced = cli(*args, "--force")
    [note] = [line for line in read(project).splitlines() if "after publication" in line]
    assert note.startswith(f"# {verb} after publication on ")
    assert note.endswith(f": {keys} (--force)")
    assert f"noted in the file: {note[2:]}" in forced.stdout.splitlines()


def test_a_published_statement_takes_alias_and_date_changes(project: Path, cli: Invoke) -> None:
    cli("edit", SLUG, "Save the Children", "--add-alias", "SC", "--added", "2021-05-01")
    assert "after publication" not in read(project)


def test_edit_add_contact_keeps_every_contact(open_project: Path, cli: Invoke) -> None:
    """Found by a new-user walkthrough: a new address for a signer needed the private TOML."""
    cli("add", SLUG, "Org Beta", "--group", "endorsers")
    first = cli("edit", SLUG, "Org Beta", "--add-contact", "b@org.example")
    assert f"contact kept for 'Org Beta' in {PRIVATE}" in first.stdout
    second = cli("edit", SLUG, "Org Beta", "--add-contact", "office@org.example")
    assert f"contact added for 'Org Beta': 2 contacts in {PRIVATE}" in second.stdout
    assert "office@org.example" not in second.stdout  # private: never shown
    again = cli("edit", SLUG, "Org Beta", "--add-contact", "B@org.example")
    assert f"'Org Beta' already has that contact in {PRIVATE}" in again.stdout
    listed = cli("list", SLUG, "--include-private", "-f", "csv").stdout
    assert "b@org.example; office@org.example" in listed
    refused = cli("edit", SLUG, "Org Beta", "--add-contact", "not-an-address", code=1)
    assert "--add-contact is not an e-mail address" in refused.stderr
    assert "not-an-address" not in refused.stderr
    assert check_project(load_project(open_project)).problems == []
