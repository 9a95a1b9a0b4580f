"""Private fields: out of every output unless asked for; kept in a git-ignored file."""

from __future__ import annotations

from pathlib import Path

import pytest

from endorse.check.run import check_project
from endorse.project.load import load_project
from tests.conftest import Invoke

SLUG = "cambodia-2021"
PRIVATE = Path("signatories/cambodia-2021.private.toml")
CONTACTS = """schema = 1

[[signatory]]
name = "Save the Children"
contact = "kh@savethechildren.example"

[[signatory]]
name = "this life cambodia"
contact = "info@thislife.example"
"""


def test_private_file_is_merged_by_name(project: Path) -> None:
    (project / PRIVATE).write_text(CONTACTS, encoding="utf-8")
    loaded = load_project(project).get(SLUG)
    contacts = {
        e.signatory.name: e.signatory.contact for e in loaded.entries if e.signatory.contact
    }
    assert contacts == {
        "Save the Children": "kh@savethechildren.example",
        "This Life Cambodia": "info@thislife.example",
    }


def test_contacts_only_with_include_private(
    project: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # a table wide enough not to wrap an address
    (project / PRIVATE).write_text(CONTACTS, encoding="utf-8")
    for command in ("render", "list"):
        assert "savethechildren.example" not in cli(command, SLUG).stdout
    rendered = cli("render", SLUG, "--include-private").stdout
    assert "1. Save the Children <kh@savethechildren.example>\n" in rendered
    listed = cli("list", SLUG, "--include-private").stdout
    assert "kh@savethechildren.example" in listed


def test_contact_in_the_public_file_is_still_kept_out(project: Path, cli: Invoke) -> None:
    path = project / "signatories" / f"{SLUG}.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            'name = "Save the Children"\n', 'name = "Save the Children"\ncontact = "x@y.org"\n'
        ),
        encoding="utf-8",
    )
    assert "x@y.org" not in cli("render", SLUG).stdout
    assert "x@y.org" not in cli("list", SLUG).stdout


def test_unmatched_private_entry_is_a_warning(project: Path) -> None:
    (project / PRIVATE).write_text(
        'schema = 1\n\n[[signatory]]\nname = "Nobody"\ncontact = "n@org.example"\n',
        encoding="utf-8",
    )
    report = check_project(load_project(project))
    [problem] = report.problems
    assert (problem.code, problem.path, problem.line, problem.severity.value) == (
        "W210",
        PRIVATE,
        3,
        "warning",
    )
    assert report.ok


def test_bad_private_file_is_reported(project: Path) -> None:
    (project / PRIVATE).write_text(
        'schema = 1\n\n[[signatory]]\nname = "Save the Children"\ncontact = "nope"\n',
        encoding="utf-8",
    )
    [problem] = check_project(load_project(project)).problems
    assert (problem.code, problem.path, problem.line) == ("E103", PRIVATE, 5)
    assert problem.message == "contact: 'nope' is not an e-mail address (like name@example.org)"


def test_private_files_are_git_ignored() -> None:
    ignored = (Path(__file__).resolve().parent.parent / ".gitignore").read_text()
    assert "signatories/*.private.toml" in ignored.splitlines()
