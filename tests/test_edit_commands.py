"""The everyday edits: confirm, reinstate, edit, move, merge, open/close/publish.

Each test checks the happy path, a refusal (message and exit code) and that the file changed
only in the entry's own lines: comments and every other entry stay byte for byte.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import pytest

from endorse.project.load import load_project
from tests.conftest import Invoke

SLUG = "cambodia-2021"
SIGNATORIES = "signatories/cambodia-2021.toml"
STATEMENT = "statements/cambodia-2021.toml"
PRIVATE = "signatories/cambodia-2021.private.toml"


def changes(before: str, after: str) -> list[str]:
    """Only the lines that differ ('-old', '+new'): everything else is byte-identical."""
    diff = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), n=0
    )
    return [
        line.rstrip("\n") for line in diff if line[:1] in "+-" and line[:3] not in ("---", "+++")
    ]


def read(root: Path, name: str = SIGNATORIES) -> str:
    return (root / name).read_bytes().decode("utf-8")


def with_comment(root: Path) -> str:
    """The list file with a comment inside an entry, which no edit may lose."""
    path = root / SIGNATORIES
    text = read(root).replace(
        'name = "Krousar Thmey"\n', 'name = "Krousar Thmey"  # founded 1991\n# keep as is\n'
    )
    path.write_bytes(text.encode("utf-8"))
    return text


def entry(root: Path, name: str):  # type: ignore[no-untyped-def]
    return next(
        e.signatory for e in load_project(root).get(SLUG).entries if e.signatory.name == name
    )


@pytest.fixture
def pending(open_project: Path, cli: Invoke) -> Path:
    cli("add", SLUG, "Org Pending", "--group", "endorsers", "--status", "pending")
    cli("add", SLUG, "Org Waiting", "--group", "endorsers", "--status", "pending")
    return open_project


# confirm


def test_confirm_changes_the_status_and_records_the_day(pending: Path, cli: Invoke) -> None:
    before = with_comment(pending)
    result = cli("confirm", SLUG, "org pending")
    assert result.stdout.startswith(f"confirmed 'Org Pending' ({SIGNATORIES}:")
    assert '-status = "pending"\n+status = "confirmed"' in result.stdout
    confirmed = f"+confirmed = {dt.date.today()}"
    assert changes(before, read(pending)) == [
        '-status = "pending"',
        '+status = "confirmed"',
        confirmed,
    ]


def test_confirm_all_pending_and_dry_run(pending: Path, cli: Invoke) -> None:
    before = read(pending)
    dry = cli("confirm", SLUG, "--all-pending", "--dry-run")
    assert dry.stdout.splitlines()[-1] == "dry run: nothing written"
    assert read(pending) == before
    cli("confirm", SLUG, "--all-pending")
    confirmed = f"+confirmed = {dt.date.today()}"
    assert (
        changes(before, read(pending))
        == [
            '-status = "pending"',
            '+status = "confirmed"',
            confirmed,
        ]
        * 2
    )


def test_confirm_refuses_a_confirmed_signer(pending: Path, cli: Invoke) -> None:
    before = read(pending)
    result = cli("confirm", SLUG, "Krousar Thmey", code=1)
    assert result.stderr == (
        f"endorse: error: {SIGNATORIES}:127: 'Krousar Thmey' is confirmed, not pending; "
        "nothing was written\n"
    )
    assert read(pending) == before
    usage = cli("confirm", SLUG, code=2)
    assert "give the names to confirm, or --all-pending" in usage.stderr


# withdraw and reinstate


def test_reinstate_keeps_the_withdrawal_on_record(open_project: Path, cli: Invoke) -> None:
    cli("withdraw", SLUG, "ADHOC", "--reason", "asked by e-mail")
    before = with_comment(open_project)
    result = cli("reinstate", SLUG, "Cambodian Human Rights and Development Association (ADHOC)")
    assert result.stdout.startswith("reinstated 'Cambodian Human Rights and Development Associ")
    lines = changes(before, read(open_project))
    assert lines[:2] == ['-status = "withdrawn"', '+status = "confirmed"']
    assert lines[2].startswith("+reinstated = ") and len(lines) == 3
    signer = entry(open_project, "Cambodian Human Rights and Development Association")
    assert signer.withdrawn_reason == "asked by e-mail" and signer.is_printed


def test_reinstate_refuses_a_live_signer(open_project: Path, cli: Invoke) -> None:
    result = cli("reinstate", SLUG, "Krousar Thmey", code=1)
    assert result.stderr == (
        f"endorse: error: {SIGNATORIES}:127: 'Krousar Thmey' is confirmed, not withdrawn; "
        "nothing was written\n"
    )


# finding a signer


def test_after_add_force_both_entries_are_reachable(open_project: Path, cli: Invoke) -> None:
    cli("add", SLUG, "Krousar Thmey", "--group", "speakers", "--force")
    several = cli("withdraw", SLUG, "Krousar Thmey", code=1)
    assert several.stderr.splitlines() == [
        f"endorse: error: statements/{SLUG}.toml: several signatories are named 'Krousar Thmey': "
        f"'Krousar Thmey' ({SIGNATORIES}:127); 'Krousar Thmey' ({SIGNATORIES}:174)",
        "  choose one with --line (like --line 127)",
    ]
    cli("withdraw", SLUG, "Krousar Thmey", "--line", "174")
    # The withdrawn one is skipped now that a live one matches.
    moved = cli("move", SLUG, "Krousar Thmey", "--group", "speakers")
    assert moved.stdout.startswith(
        f"moved 'Krousar Thmey' from 'endorsers' to 'speakers' ({SIGNATORIES}:127)"
    )


@pytest.mark.parametrize(
    "name", ["ADHOC", "adhoc", "Cambodian Human Rights and Development Association (ADHOC)"]
)
def test_withdraw_by_acronym_or_as_listed(open_project: Path, cli: Invoke, name: str) -> None:
    result = cli("withdraw", SLUG, name)
    assert result.stdout.startswith("withdrew 'Cambodian Human Rights and Development Association'")


# edit


def test_rename_keeps_the_old_name_as_alias_and_the_contact(
    open_project: Path, cli: Invoke
) -> None:
    cli("add", SLUG, "Org Typo", "--group", "endorsers", "--contact", "o@org.example")
    before = with_comment(open_project)
    private_before = read(open_project, PRIVATE)
    cli(
        "edit",
        SLUG,
        "Org Typo",
        "--name",
        "Org Correct",
        "--country",
        "Cambodia",
        "--name-in",
        "km=អង្គការ",
    )
    assert changes(before, read(open_project)) == [
        '-name = "Org Typo"',
        '+name = "Org Correct"',
        '+country = "KH"',
        '+name_km = "អង្គការ"',
        "+aliases = [",
        '+    "Org Typo",',
        "+]",
    ]
    assert changes(private_before, read(open_project, PRIVATE)) == [
        '-name = "Org Typo"',
        '+name = "Org Correct"',
    ]
    assert entry(open_project, "Org Correct").contact == "o@org.example"
    cli("check")


def test_rename_to_a_likely_duplicate_is_refused(open_project: Path, cli: Invoke) -> None:
    before = read(open_project)
    result = cli("edit", SLUG, "Krousar Thmey", "--name", "Save the Children", code=1)
    assert result.stderr.splitlines()[0] == (
        f"endorse: error: {SIGNATORIES}:127: not renamed: 'Save the Children' is likely already "
        f"a signatory: 'Save the Children' ({SIGNATORIES}:36; same after normalisation)"
    )
    assert read(open_project) == before
    nothing = cli("edit", SLUG, "Krousar Thmey", code=2)
    assert "nothing to change for 'Krousar Thmey'" in nothing.stderr


# move


def test_move_changes_only_the_group_line(open_project: Path, cli: Invoke) -> None:
    before = with_comment(open_project)
    cli("move", SLUG, "Krousar Thmey", "--group", "speakers")
    assert changes(before, read(open_project)) == ['-group = "endorsers"', '+group = "speakers"']


def test_move_to_an_unknown_group_is_refused(open_project: Path, cli: Invoke) -> None:
    result = cli("move", SLUG, "Krousar Thmey", "--group", "donors", code=1)
    assert result.stderr == (
        f"endorse: error: {STATEMENT}: not moved: group 'donors' does not exist in {STATEMENT}\n"
        "  use one of: organizers, speakers, endorsers, networks\n"
    )


# merge


def test_merge_folds_the_other_entry_in(open_project: Path, cli: Invoke) -> None:
    cli("add", SLUG, "Krousar Thmey Cambodia", "--group", "endorsers", "--acronym", "KT",
        "--contact", "kt@org.example", "--force")  # fmt: skip
    before = with_comment(open_project)
    result = cli("merge", SLUG, "Krousar Thmey", "Krousar Thmey Cambodia")
    assert result.stdout.splitlines()[:2] == [
        f"merged 'Krousar Thmey Cambodia' ({SIGNATORIES}:175) into 'Krousar Thmey' "
        f"({SIGNATORIES}:127)",
        "removed 'Krousar Thmey Cambodia'",
    ]
    after = read(open_project)
    assert changes(before, after) == [
        "+aliases = [",
        '+    "Krousar Thmey Cambodia",',
        "+]",
        '+acronym = "KT"',
        "-",
        "-[[signatory]]",
        '-name = "Krousar Thmey Cambodia"',
        '-acronym = "KT"',
        '-group = "endorsers"',
        "-added = " + str(entry_added(before)),
    ]
    assert "# keep as is" in after
    assert entry(open_project, "Krousar Thmey").contact == "kt@org.example"
    cli("check")


def entry_added(text: str) -> str:
    return text.rsplit("added = ", 1)[1].split("\n", 1)[0]


def test_merge_keep_withdrawn(open_project: Path, cli: Invoke) -> None:
    cli("add", SLUG, "Krousar Thmey Cambodia", "--group", "endorsers", "--force")
    cli("merge", SLUG, "Krousar Thmey", "Krousar Thmey Cambodia", "--keep-withdrawn")
    other = entry(open_project, "Krousar Thmey Cambodia")
    assert other.status == "withdrawn"
    assert other.withdrawn_reason == "merged into 'Krousar Thmey'"


def test_merge_refuses_one_entry_twice(open_project: Path, cli: Invoke) -> None:
    result = cli("merge", SLUG, "Krousar Thmey", "krousar thmey", code=1)
    assert result.stderr.splitlines()[0] == (
        f"endorse: error: {SIGNATORIES}:127: 'Krousar Thmey' and 'krousar thmey' are the same "
        f"entry ({SIGNATORIES}:127)"
    )


# open, close, publish


def test_status_commands_change_one_line(project: Path, cli: Invoke) -> None:
    before = read(project, STATEMENT)
    cli("open", SLUG)
    assert changes(before, read(project, STATEMENT)) == [
        '-status = "published"',
        '+status = "open"',
    ]
    cli("close", SLUG)
    again = cli("close", SLUG, code=1)
    assert again.stderr == (
        f"endorse: error: {STATEMENT}: statement '{SLUG}' is already closed; nothing was written\n"
    )
    cli("publish", SLUG)
    assert read(project, STATEMENT) == before


def test_a_missing_status_line_is_inserted(project: Path, cli: Invoke) -> None:
    path = project / STATEMENT
    path.write_text(
        read(project, STATEMENT).replace('status = "published"\n', ""), encoding="utf-8"
    )
    cli("open", SLUG)
    assert load_project(project).get(SLUG).require().status == "open"


def test_publish_refuses_pending_entries_and_check_errors(pending: Path, cli: Invoke) -> None:
    before = read(pending, STATEMENT)
    result = cli("publish", SLUG, code=1)
    assert result.stderr == (
        f"endorse: error: {STATEMENT}: not published: 2 pending: "
        f"'Org Pending' ({SIGNATORIES}:174); 'Org Waiting' ({SIGNATORIES}:180)\n"
        f"  confirm them ('endorse confirm {SLUG} --all-pending') or withdraw them, or publish "
        "anyway with --force\n"
    )
    cli("confirm", SLUG, "--all-pending")
    cli("add", SLUG, "Save the Childern", "--group", "endorsers", "--force")
    late = cli("publish", SLUG, code=1)
    assert late.stderr.startswith(
        f"endorse: error: {STATEMENT}: not published: 'Org Pending' ({SIGNATORIES}:174) and 2 "
        "more added after the statement's date 2021-05-05\n"
    )
    cli("statement", SLUG, "--date", str(dt.date.today()))
    before = read(pending, STATEMENT)
    failing = cli("publish", SLUG, code=1)
    assert failing.stderr.startswith(
        f"endorse: error: {SIGNATORIES}:188: not published: 'endorse check' finds 1 error(s)"
    )
    assert read(pending, STATEMENT) == before
    cli("publish", SLUG, "--force")
    assert load_project(pending).get(SLUG).require().status == "published"


# add: every field the file format has


def test_add_takes_added_and_a_translated_name(open_project: Path, cli: Invoke) -> None:
    before = read(open_project)
    result = cli("add", SLUG, "Org New", "--group", "endorsers", "--added", "2025-03-14",
                 "--name-in", "km=អង្គការថ្មី", "--country", "UK", "--alias", "ON")  # fmt: skip
    assert result.stdout.splitlines()[0] == "note: country 'UK' read as GB"
    assert changes(before, read(open_project)) == [
        "+",
        "+[[signatory]]",
        '+name = "Org New"',
        '+group = "endorsers"',
        '+country = "GB"',
        "+aliases = [",
        '+    "ON",',
        "+]",
        "+added = 2025-03-14",
        '+name_km = "អង្គការថ្មី"',
    ]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--added", "14/03/2025"], "--added 14/03/2025: write the date as YYYY-MM-DD"),
        (["--name-in", "Khmer=x"], "--name-in Khmer=x: write LANG=NAME"),
    ],
)
def test_add_refuses_a_bad_date_or_language(
    open_project: Path, cli: Invoke, option: list[str], message: str
) -> None:
    result = cli("add", SLUG, "Org New", "--group", "endorsers", *option, code=2)
    assert result.stderr.startswith(f"endorse: error: {message}")


def test_init_writes_text_and_groups_from_options(
    tmp_path: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ENDORSE_ROOT", raising=False)
    (tmp_path / "body.txt").write_text("We call on ...\n\nSecond paragraph.\n", encoding="utf-8")
    cli("init", "letter", "--title", "Open letter", "--place", "Phnom Penh", "--date",
        "2025-05-05", "--body-file", "body.txt", "--group", "organizers=Prepared by:",
        "--group", "endorsers=Endorsed by:")  # fmt: skip
    statement = load_project(tmp_path).get("letter").require()
    assert (statement.place, str(statement.date)) == ("Phnom Penh", "2025-05-05")
    assert statement.body == "We call on ...\n\nSecond paragraph.\n"
    assert [(g.id, g.heading) for g in statement.groups] == [
        ("organizers", "Prepared by:"),
        ("endorsers", "Endorsed by:"),
    ]
    bad = cli("init", "other", "--title", "X", "--group", "Endorsers", code=2)
    assert bad.stderr.startswith("endorse: error: --group Endorsers: write ID=HEADING")


def test_a_deadline_refuses_later_signatures(project: Path, cli: Invoke) -> None:
    before = read(project, STATEMENT)
    cli("open", SLUG, "--deadline", "2020-01-31")
    assert changes(before, read(project, STATEMENT)) == [
        '-status = "published"',
        '+status = "open"',
        "+deadline = 2020-01-31",
    ]
    result = cli("add", SLUG, "Org Late", "--group", "endorsers", code=1)
    assert result.stderr == (
        f"endorse: error: {STATEMENT}: not added: statement '{SLUG}' took signatures until "
        "2020-01-31\n"
        "  use --force to add to it anyway, or run 'endorse open'; or move the deadline: "
        f"'endorse open {SLUG} --deadline DATE'\n"
    )
    form = project / "form.csv"
    form.write_text("name\nOrg Late\n", encoding="utf-8")
    cli("import", SLUG, str(form), "--group", "endorsers", code=1)
    cli("add", SLUG, "Org Late", "--group", "endorsers", "--force")
    cli("open", SLUG, "--deadline", "2099-12-31")
    cli("import", SLUG, str(form), "--group", "endorsers")


@pytest.mark.parametrize(
    "command",
    [
        ["confirm", SLUG, "--all-pending"],
        ["reinstate", SLUG, "Anyone"],
        ["edit", SLUG, "Anyone", "--note", "n"],
        ["move", SLUG, "Anyone", "--group", "endorsers"],
        ["merge", SLUG, "Anyone", "Someone"],
        ["open", SLUG],
        ["close", SLUG],
        ["publish", SLUG],
    ],
)
def test_every_write_waits_for_the_lock_as_long_as_wait_says(
    project: Path, cli: Invoke, command: list[str]
) -> None:
    from endorse.edit.store import locked

    with locked(project, SLUG):
        result = cli(*command, "--wait", "0.1", code=1)
    assert result.stderr.startswith(
        f"endorse: error: signatories/.{SLUG}.lock: another endorse command "
    )
    assert "has held the write lock for 0.1 s; nothing was written\n" in result.stderr


def test_intake_waits_for_the_lock_too(tmp_path: Path, cli: Invoke) -> None:
    from endorse.edit.store import locked

    event = Path(__file__).resolve().parent / "data" / "github" / "issue-opened.json"
    cli("init", "demo", "--title", "Demo letter", "--root", str(tmp_path))
    with locked(tmp_path, "demo"):
        result = cli(
            "intake",
            "demo",
            "--github-event",
            str(event),
            "--wait",
            "0.1",
            "--root",
            str(tmp_path),
            code=1,
        )
    assert "has held the write lock for 0.1 s; nothing was written\n" in result.stderr


def test_an_empty_note_removes_the_key(open_project: Path, cli: Invoke) -> None:
    project = open_project
    before = read(project)
    result = cli("edit", SLUG, "Legal Aid of Cambodia", "--note", "")
    assert result.stdout.splitlines()[0] == (
        f"changed 'Legal Aid of Cambodia' ({SIGNATORIES}:21): note removed"
    )
    assert changes(before, read(project)) == [
        '-note = "member of the NGO Panel for the Global Study"'
    ]
    again = cli("edit", SLUG, "Legal Aid of Cambodia", "--note", "", code=2)
    assert again.stderr.startswith("endorse: error: nothing to change for 'Legal Aid of Cambodia'")


def test_merge_deletes_the_file_of_a_per_signer_entry(open_project: Path, cli: Invoke) -> None:
    cli("add", SLUG, "Per Signer Org", "--group", "endorsers", "--file-per-signer")
    cli(
        "add",
        SLUG,
        "Per Signer Organisation",
        "--group",
        "endorsers",
        "--file-per-signer",
        "--force",
    )
    folder = open_project / "signatories" / SLUG
    result = cli("merge", SLUG, "Per Signer Org", "Per Signer Organisation")
    assert result.stdout.splitlines()[1] == (
        "removed 'Per Signer Organisation' and its file "
        f"signatories/{SLUG}/per-signer-organisation.toml"
    )
    assert sorted(p.name for p in folder.iterdir()) == ["per-signer-org.toml"]
    cli("check")
