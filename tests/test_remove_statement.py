"""`remove` (an entry never published) and `statement` (the statement's text without TOML)."""

from __future__ import annotations

from pathlib import Path

from endorse.project.load import load_project
from tests.conftest import Invoke, git
from tests.test_edit_commands import PRIVATE, SIGNATORIES, SLUG, STATEMENT, changes, read


def names(root: Path) -> list[str]:
    return [e.signatory.name for e in load_project(root).get(SLUG).entries]


# remove


def test_remove_takes_the_entry_and_its_contact(open_project: Path, cli: Invoke) -> None:
    list_before = read(open_project)
    cli("add", SLUG, "Org Mistake", "--group", "endorsers", "--contact", "m@org.example")
    result = cli("remove", SLUG, "org mistake")
    assert result.stdout.splitlines()[:2] == [
        f"removed 'Org Mistake' ({SIGNATORIES}:174)",
        f"removed its private fields ({PRIVATE})",
    ]
    assert read(open_project) == list_before
    assert "m@org.example" not in read(open_project, PRIVATE)
    assert "Org Mistake" not in names(open_project)


def test_remove_dry_run_writes_nothing(open_project: Path, cli: Invoke) -> None:
    cli("add", SLUG, "Org Mistake", "--group", "endorsers")
    before = read(open_project)
    result = cli("remove", SLUG, "Org Mistake", "--dry-run")
    assert result.stdout.splitlines()[-1] == "dry run: nothing written"
    assert read(open_project) == before


def test_remove_is_refused_on_a_published_statement(project: Path, cli: Invoke) -> None:
    before = read(project)
    result = cli("remove", SLUG, "Krousar Thmey", code=1)
    assert result.stderr == (
        f"endorse: error: {SIGNATORIES}:127: not removed: statement '{SLUG}' is published, "
        "and 'Krousar Thmey' with it\n"
        f"  a published signer is withdrawn, never removed: endorse withdraw {SLUG} "
        '"Krousar Thmey"\n'
    )
    assert read(project) == before


def test_remove_is_refused_for_an_entry_a_past_publication_printed(
    project: Path, cli: Invoke
) -> None:
    git(project, "init", "-q")
    git(project, "add", "statements", "signatories")
    git(project, "commit", "-qm", "published")
    cli("open", SLUG)
    git(project, "commit", "-qam", "reopened")
    cli("add", SLUG, "Org New", "--group", "endorsers")
    result = cli("remove", SLUG, "Krousar Thmey", code=1)
    assert "not removed: 'Krousar Thmey' was printed when statement" in result.stderr
    cli("remove", SLUG, "Org New")  # added after the publication: never printed


# statement


def test_statement_changes_its_keys_in_place(open_project: Path, cli: Invoke) -> None:
    before = read(open_project, STATEMENT)
    body = open_project / "body.md"
    body.write_text("A first paragraph.\r\n\r\nA second one.\r\n", encoding="utf-8")
    result = cli(
        "statement",
        SLUG,
        "--title",
        "A new title",
        "--body-file",
        str(body),
        "--group-heading",
        "endorsers=Signed by:",
        "--logos",
        "endorsers=on",
    )
    assert f"--- a/{STATEMENT}" in result.stdout
    statement = load_project(open_project).get(SLUG).require()
    assert statement.title == "A new title"
    assert statement.body == "A first paragraph.\n\nA second one.\n"
    group = statement.group("endorsers")
    assert group is not None and group.heading == "Signed by:" and group.logos
    lines = changes(before, read(open_project, STATEMENT))
    assert '+title = "A new title"' in lines and "+logos = true" in lines
    # Again: the body is now a multi-line string, replaced whole.
    body.write_text("Only one.\n", encoding="utf-8")
    cli("statement", SLUG, "--body-file", str(body))
    assert load_project(open_project).get(SLUG).require().body == "Only one.\n"


def test_statement_refuses_what_would_not_validate(open_project: Path, cli: Invoke) -> None:
    before = read(open_project, STATEMENT)
    result = cli("statement", SLUG, "--group-heading", "nobody=X", code=2)
    assert result.stderr.startswith(f"endorse: error: {STATEMENT}: no group 'nobody' in ")
    result = cli("statement", SLUG, "--date", "2025-02-30", code=2)
    assert "--date 2025-02-30: write the date as YYYY-MM-DD" in result.stderr
    result = cli("statement", SLUG, code=2)
    assert "nothing to change" in result.stderr
    assert read(open_project, STATEMENT) == before


def test_statement_of_a_published_statement_needs_force(project: Path, cli: Invoke) -> None:
    result = cli("statement", SLUG, "--title", "Changed", code=1)
    assert "is published, and its text with it" in result.stderr
    cli("statement", SLUG, "--title", "Changed", "--force")
    assert load_project(project).get(SLUG).require().title == "Changed"


def test_remove_deletes_a_per_signer_file(open_project: Path, cli: Invoke) -> None:
    cli("add", SLUG, "Per Signer Org", "--group", "endorsers", "--file-per-signer")
    cli("add", SLUG, "Other Signer", "--group", "endorsers", "--file-per-signer")
    result = cli("remove", SLUG, "Per Signer Org")
    assert result.stdout.splitlines()[:2] == [
        f"removed 'Per Signer Org' (signatories/{SLUG}/per-signer-org.toml:3)",
        f"deleted its file signatories/{SLUG}/per-signer-org.toml",
    ]
    folder = open_project / "signatories" / SLUG
    assert sorted(p.name for p in folder.iterdir()) == ["other-signer.toml"]
    cli("check")


def test_statement_reads_no_body_through_a_link_leaving_the_project(
    open_project: Path, cli: Invoke, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not for publication\n", encoding="utf-8")
    (open_project / "body.md").symlink_to(secret)  # planted by a fork, say
    result = cli("statement", SLUG, "--body-file", "body.md", code=1)
    assert "body.md" in result.stderr and "Traceback" not in result.stderr
    assert "not for publication" not in read(open_project, STATEMENT)


def test_a_new_group_heading_warns_about_the_issue_form(open_project: Path, cli: Invoke) -> None:
    form = open_project / ".github" / "ISSUE_TEMPLATE" / f"sign-{SLUG}.yml"
    form.parent.mkdir(parents=True)
    form.write_text("name: Sign\n", encoding="utf-8")
    result = cli("statement", SLUG, "--group-heading", "endorsers=Signed by:")
    assert result.stderr == (
        f"endorse: warning: the issue form .github/ISSUE_TEMPLATE/sign-{SLUG}.yml still offers "
        "the old group headings, and intake refuses any other answer: delete it and run "
        f"'endorse init {SLUG} --github' to write it again\n"
    )
