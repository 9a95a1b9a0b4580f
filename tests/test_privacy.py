"""Private fields: out of every output unless asked for; kept in a git-ignored file."""

from __future__ import annotations

from pathlib import Path

import pytest

from endorse.check.run import check_project
from endorse.project.load import load_project
from tests.conftest import Invoke, git

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


def test_a_detached_contact_is_an_error(project: Path) -> None:
    (project / PRIVATE).write_text(
        'schema = 1\n\n[[signatory]]\nname = "Nobody"\ncontact = "n@org.example"\n',
        encoding="utf-8",
    )
    report = check_project(load_project(project))
    [problem] = report.problems
    assert (problem.code, problem.path, problem.line, problem.severity.value) == (
        "E220",
        PRIVATE,
        3,
        "error",
    )
    assert problem.message == (
        "the contact of private entry 'Nobody' is detached: no signatory of 'cambodia-2021' "
        "has that name"
    )
    assert "n@org.example" not in problem.message + (problem.hint or "")
    assert not report.ok


def test_an_unmatched_private_entry_without_contact_is_a_warning(project: Path) -> None:
    (project / PRIVATE).write_text(
        'schema = 1\n\n[[signatory]]\nname = "Nobody"\n', encoding="utf-8"
    )
    report = check_project(load_project(project))
    [problem] = report.problems
    assert (problem.code, problem.line, problem.severity.value) == ("W210", 3, "warning")
    assert report.ok


def test_further_contacts_are_read(project: Path) -> None:
    (project / PRIVATE).write_text(
        'schema = 1\n\n[[signatory]]\nname = "Save the Children"\n'
        'contacts = ["a@org.example", "b@org.example"]\n',
        encoding="utf-8",
    )
    loaded = load_project(project)
    assert check_project(loaded).problems == []
    [entry] = [e for e in loaded.get(SLUG).entries if e.signatory.name == "Save the Children"]
    assert entry.signatory.contact == "a@org.example"


def test_bad_private_file_is_reported(project: Path) -> None:
    (project / PRIVATE).write_text(
        'schema = 1\n\n[[signatory]]\nname = "Save the Children"\ncontact = "nope"\n',
        encoding="utf-8",
    )
    [problem] = check_project(load_project(project)).problems
    assert (problem.code, problem.path, problem.line) == ("E103", PRIVATE, 5)
    assert (
        problem.message == "contact: not an e-mail address (like name@example.org; "
        "the value is not repeated: it is private)"
    )


def test_private_files_are_git_ignored() -> None:
    ignored = (Path(__file__).resolve().parent.parent / ".gitignore").read_text()
    assert "signatories/*.private.toml" in ignored.splitlines()


FORMATS = ["text", "markdown", "html", "json"]


@pytest.mark.parametrize("form", FORMATS)
def test_include_private_means_the_same_in_every_format(
    project: Path, cli: Invoke, form: str
) -> None:
    (project / PRIVATE).write_text(CONTACTS, encoding="utf-8")
    public = cli("render", SLUG, "--format", form).stdout
    private = cli("render", SLUG, "--format", form, "--include-private").stdout
    assert "kh@savethechildren.example" not in public
    assert "kh@savethechildren.example" in private
    assert "info@thislife.example" in private


def test_include_private_in_docx(project: Path, cli: Invoke) -> None:
    docx = pytest.importorskip("docx")
    (project / PRIVATE).write_text(CONTACTS, encoding="utf-8")
    for flags, shown in (((), False), (("--include-private",), True)):
        out = project / "statement.docx"
        cli("render", SLUG, "--format", "docx", "-o", str(out), *flags)
        text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
        assert ("kh@savethechildren.example" in text) is shown


def test_include_private_in_a_template(project: Path, cli: Invoke) -> None:
    (project / PRIVATE).write_text(CONTACTS, encoding="utf-8")
    template = project / "mine.txt.j2"
    template.write_text(
        "{% for g in groups %}{% for s in g.signatories %}{{ s.name }}={{ s.contact }}\n"
        "{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    private = cli("render", SLUG, "--template", str(template), "--include-private").stdout
    assert "Save the Children=kh@savethechildren.example" in private
    public = cli("render", SLUG, "--template", str(template)).stdout
    assert "kh@savethechildren.example" not in public


def test_a_private_file_git_would_take_is_w220(project: Path, cli: Invoke) -> None:
    (project / PRIVATE).write_text(CONTACTS, encoding="utf-8")
    git(project, "init", "-q")
    result = cli("check", code=0)
    assert f"{PRIVATE}: warning W220 private-file-not-ignored" in result.stdout
    (project / "signatories" / ".gitignore").write_text("*.private.toml\n")
    assert "W220" not in cli("check").stdout


def test_a_committed_private_file_is_w221(project: Path, cli: Invoke) -> None:
    (project / PRIVATE).write_text(CONTACTS, encoding="utf-8")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "oops")
    (project / "signatories" / ".gitignore").write_text("*.private.toml\n")
    result = cli("check", "--strict", code=1)
    assert f"{PRIVATE}: error W221 private-file-committed" in result.stdout


def test_an_invalid_contact_is_never_echoed(project: Path, cli: Invoke) -> None:
    (project / PRIVATE).write_text(CONTACTS.replace("kh@savethechildren.example", "kh-at-stc"))
    result = cli("check", "--format", "json", code=1)
    assert "kh-at-stc" not in result.stdout
