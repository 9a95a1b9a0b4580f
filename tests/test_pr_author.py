"""`endorse check --since REV --pr-author LOGIN`: nobody signs for someone else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from endorse.check.authorship import check_pr_author
from endorse.project.load import load_project
from tests.conftest import Invoke, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

EVENTS = Path(__file__).resolve().parent / "data" / "github"
KYA = Path("signatories/demo/khmer-youth-association.toml")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Invoke) -> Path:
    """A fresh project, committed; the first signature arrives through an issue, uncommitted."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ENDORSE_ROOT", raising=False)
    cli("init", "demo", "--title", "Demo letter")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "start")
    cli("intake", "demo", "--github-event", str(EVENTS / "issue-opened.json"), "--reply", "r.md")
    return tmp_path


def codes(root: Path, author: str) -> list[tuple[str, str, int | None]]:
    problems = check_pr_author(load_project(root), "HEAD", author)
    return [(p.code, str(p.path), p.line) for p in problems]


def test_the_signer_adds_their_own_signature(repo: Path, cli: Invoke) -> None:
    assert codes(repo, "sokha-kya") == []
    assert codes(repo, "Sokha-KYA") == []  # GitHub names ignore case
    cli("check", "--since", "HEAD", "--pr-author", "sokha-kya")


def test_someone_else_is_refused(repo: Path, cli: Invoke) -> None:
    result = cli("check", "--since", "HEAD", "--pr-author", "someone-else", code=1)
    assert (
        f"{KYA}:3: error E901 signs-for-someone-else: 'Khmer Youth Association' is signed as "
        "GitHub user 'sokha-kya', but this pull request is by 'someone-else': "
        "it signs for someone else"
    ) in result.stdout


def test_a_signature_without_github_is_refused(repo: Path, cli: Invoke) -> None:
    cli("add", "demo", "Legal Aid of Cambodia", "--file-per-signer")
    assert codes(repo, "sokha-kya") == [("E901", "signatories/demo/legal-aid-of-cambodia.toml", 3)]


def test_a_maintainer_at_the_base_may_add_anyone(repo: Path) -> None:
    statement = repo / "statements" / "demo.toml"
    statement.write_text(
        statement.read_text().replace('lang = "en"', 'lang = "en"\nmaintainers = ["Lead-Dev"]')
    )
    # Making oneself a maintainer in the pull request itself does not count.
    assert [code for code, _, _ in codes(repo, "lead-dev")] == ["E901"]
    git(repo, "add", "statements")
    git(repo, "commit", "-q", "-m", "maintainers")
    assert codes(repo, "lead-dev") == []


def test_changing_or_removing_someone_elses_signature_is_refused(repo: Path) -> None:
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "signed")
    path = repo / KYA
    path.write_text(path.read_text().replace('acronym = "KYA"', 'acronym = "K"'))
    assert codes(repo, "mallory") == [("E901", str(KYA), 3)]
    assert codes(repo, "sokha-kya") == []  # the signer may correct their own entry
    path.unlink()
    assert codes(repo, "mallory") == [("E902", str(KYA), None)]
    assert codes(repo, "sokha-kya") == []


def test_an_unchanged_project_is_clean_for_anyone(repo: Path) -> None:
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "signed")
    assert codes(repo, "anyone") == []


def test_pr_author_needs_since(repo: Path, cli: Invoke) -> None:
    result = cli("check", "--pr-author", "x", code=2)
    assert result.stderr.splitlines()[0] == (
        "endorse: error: --pr-author needs --since REV, the pull request's base"
    )


def test_pr_author_must_be_a_github_name(repo: Path, cli: Invoke) -> None:
    result = cli("check", "--since", "HEAD", "--pr-author", "$(rm -rf ~)", code=2)
    assert result.stderr.splitlines()[0] == (
        "endorse: error: --pr-author: '$(rm -rf ~)' is not a GitHub account name"
    )
