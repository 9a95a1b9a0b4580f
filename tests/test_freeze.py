"""`endorse check --since REV`: published text and closed lists stay as they were at REV."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from endorse.check.freeze import check_since
from endorse.errors import UsageError
from endorse.project.load import load_project
from tests.conftest import Invoke, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

SIGNATORIES = Path("signatories/cambodia-2021.toml")
STATEMENT = Path("statements/cambodia-2021.toml")


@pytest.fixture
def repo(project: Path) -> Path:
    """The example project (a published statement) committed as the only commit."""
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "published")
    return project


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def codes(root: Path, revision: str = "main") -> list[tuple[str, str, int | None]]:
    problems = check_since(load_project(root), revision)
    return [(p.code, str(p.path), p.line) for p in problems]


def test_no_change_is_clean(repo: Path, cli: Invoke) -> None:
    assert codes(repo) == []
    cli("check", "--since", "main")


def test_edit_to_published_body_fails(repo: Path, cli: Invoke) -> None:
    replace(repo / STATEMENT, "We, the undersigned", "We, the undersigned and undeterred")
    assert codes(repo) == [("E701", str(STATEMENT), 10)]
    result = cli("check", "--since", "main", code=1)
    assert "E701 published-text-changed: body of the published statement" in result.stdout


def test_edit_to_a_heading_and_the_date_fails(repo: Path) -> None:
    replace(repo / STATEMENT, "date = 2021-05-05", "date = 2021-05-06")
    replace(repo / STATEMENT, "civil society speakers", "speakers")
    assert codes(repo) == [("E701", str(STATEMENT), 6), ("E701", str(STATEMENT), 40)]


def test_added_signatory_fails_at_its_entry(repo: Path) -> None:
    with (repo / SIGNATORIES).open("a", encoding="utf-8") as handle:
        handle.write('\n[[signatory]]\nname = "Late Org"\ngroup = "endorsers"\n')
    [(code, path, line)] = codes(repo)
    assert (code, path) == ("E702", str(SIGNATORIES))
    assert line == (repo / SIGNATORIES).read_text(encoding="utf-8").count("\n") - 2


def test_deleted_signatory_fails(repo: Path) -> None:
    replace(
        repo / SIGNATORIES, '[[signatory]]\nname = "Save the Children"\ngroup = "speakers"\n', ""
    )
    problems = check_since(load_project(repo), "main")
    assert [p.code for p in problems] == ["E703"]
    assert problems[0].message == (
        "'Save the Children' (group speakers) was deleted from the published statement "
        "'cambodia-2021' since main"
    )


def test_withdrawal_is_a_notice_and_passes(repo: Path, cli: Invoke) -> None:
    replace(
        repo / SIGNATORIES,
        'name = "Save the Children"\n',
        'name = "Save the Children"\nstatus = "withdrawn"\nwithdrawn = 2021-06-01\n',
    )
    assert codes(repo) == [("N701", str(SIGNATORIES), 36)]
    result = cli("check", "--since", "main")
    assert "notice N701 signatory-withdrawn" in result.stdout


def test_changed_note_of_published_signatory_fails(repo: Path) -> None:
    replace(repo / SIGNATORIES, "member of the NGO Panel for the Global Study", "member")
    assert [c for c, _, _ in codes(repo)] == ["E704"]


def test_open_statement_may_change(repo: Path) -> None:
    replace(repo / STATEMENT, 'status = "published"', 'status = "open"')
    git(repo, "commit", "-q", "-am", "reopen")
    replace(repo / STATEMENT, "We, the undersigned", "We, the signers")
    with (repo / SIGNATORIES).open("a", encoding="utf-8") as handle:
        handle.write('\n[[signatory]]\nname = "Late Org"\ngroup = "endorsers"\n')
    assert codes(repo) == []


def test_publishing_in_this_change_is_allowed(repo: Path) -> None:
    replace(repo / STATEMENT, 'status = "published"', 'status = "draft"')
    git(repo, "commit", "-q", "-am", "draft")
    replace(repo / STATEMENT, 'status = "draft"', 'status = "published"')
    assert codes(repo) == []


def test_unpublishing_is_a_text_change(repo: Path) -> None:
    replace(repo / STATEMENT, 'status = "published"', 'status = "draft"')
    assert codes(repo) == [("E701", str(STATEMENT), 7)]


def test_one_file_per_signer_is_read_from_the_revision(repo: Path) -> None:
    folder = repo / "signatories" / "cambodia-2021"
    folder.mkdir()
    (folder / "extra-org.toml").write_text(
        'schema = 1\n\n[[signatory]]\nname = "Extra Org"\ngroup = "endorsers"\n', encoding="utf-8"
    )
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "extra")
    (folder / "extra-org.toml").unlink()
    assert [c for c, _, _ in codes(repo)] == ["E703"]


def test_unknown_revision_is_a_usage_error(repo: Path, cli: Invoke) -> None:
    with pytest.raises(UsageError, match="git does not know the revision 'origin/main'"):
        check_since(load_project(repo), "origin/main")
    result = cli("check", "--since", "origin/main", code=2)
    assert "fetch-depth: 0" in result.stderr


def test_outside_a_repository_is_a_usage_error(project: Path, cli: Invoke) -> None:
    result = cli("check", "--since", "main", code=2)
    assert "--since needs a git repository" in result.stderr


def test_missing_git_is_a_usage_error(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(UsageError, match="--since needs git, and git is not installed here"):
        check_since(load_project(repo), "main")


def test_project_in_a_subfolder_of_the_repository(project: Path, cli: Invoke) -> None:
    top = project.parent / "top"
    shutil.move(project, top / "coalition")
    git(top, "init", "-q", "-b", "main")
    git(top, "add", ".")
    git(top, "commit", "-q", "-m", "published")
    replace(top / "coalition" / STATEMENT, "We, the undersigned", "We")
    assert codes(top / "coalition") == [("E701", str(STATEMENT), 10)]


def test_a_published_translation_is_frozen_too(repo: Path, cli: Invoke) -> None:
    replace(repo / STATEMENT, 'place = "ភ្នំពេញ"', 'place = "ក្រុងភ្នំពេញ"')
    replace(repo / STATEMENT, 'speakers = "សេចក្តី', 'speakers = "សេចក្ដី')
    heading = line_of(repo / STATEMENT, 'speakers = "សេចក្ដី')  # the first part changed
    assert codes(repo) == [("E701", str(STATEMENT), heading)]
    result = cli("check", "--since", "main", code=1)
    assert "the 'km' translation (headings.speakers, place) of the published statement" in (
        result.stdout
    )


def test_a_new_translation_of_a_published_statement_is_a_change(repo: Path) -> None:
    text = (repo / STATEMENT).read_text(encoding="utf-8")
    (repo / STATEMENT).write_text(text + '\n[translations.fr]\ntitle = "Déclaration"\n', "utf-8")
    [(code, path, _)] = codes(repo)
    assert (code, path) == ("E701", str(STATEMENT))


def test_a_published_name_in_another_language_or_sort_order_is_frozen(repo: Path) -> None:
    replace(
        repo / SIGNATORIES,
        'name = "Save the Children"',
        'name = "Save the Children"\nname_km = "សេវ ឌឹ ឈីលដ្រេន"\nsort_as = "Children"',
    )
    line = line_of(repo / SIGNATORIES, 'name = "Save the Children"') - 1
    problems = check_since(load_project(repo), "main")
    assert [(p.code, p.line) for p in problems] == [("E704", line)]
    assert problems[0].message.startswith("'Save the Children': name_km, sort_as changed since")


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)
