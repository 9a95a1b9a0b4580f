"""`endorse check --since REV --pr-author LOGIN`: a pull request changes only its author's own
signature; each way a stranger's pull request could do more is a git fixture here."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from endorse.check.authorship import check_pr_author
from endorse.project.load import load_project
from tests.conftest import Invoke, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

EVENTS = Path(__file__).resolve().parent / "data" / "github"
KYA = Path("signatories/demo/khmer-youth-association.toml")
STATEMENT = Path("statements/demo.toml")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Invoke) -> Path:
    """A fresh project, committed; the first signature arrives through an issue, staged."""
    return start(tmp_path / "repo", tmp_path / "repo", monkeypatch, cli)


def start(top: Path, root: Path, monkeypatch: pytest.MonkeyPatch, cli: Invoke) -> Path:
    """A project at ``root`` in a repository at ``top``, as `repo` describes."""
    root.mkdir(parents=True)
    monkeypatch.chdir(root)
    monkeypatch.delenv("ENDORSE_ROOT", raising=False)
    cli("init", "demo", "--title", "Demo letter")
    git(top, "init", "-q", "-b", "main")
    git(top, "add", ".")
    git(top, "commit", "-q", "-m", "start")
    reply = top.parent / "reply.md"
    cli(
        "intake", "demo", "--github-event", str(EVENTS / "issue-opened.json"), "--reply", str(reply)
    )
    stage(root)
    return root


def stage(root: Path, *paths: str) -> None:
    """What a pull request commits: the project's folders, and any file named (ignored or not)."""
    git(root, "add", "-A", "statements", "signatories")
    if paths:
        git(root, "add", "-f", "--", *paths)


def commit(root: Path) -> None:
    stage(root)
    git(root, "commit", "-q", "-m", "merged")


def codes(root: Path, author: str, since: str = "HEAD") -> list[tuple[str, str, int | None]]:
    problems = check_pr_author(load_project(root), since, author)
    return [(p.code, str(p.path), p.line) for p in problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


# What a signer may do.


def test_the_signer_adds_their_own_signature(repo: Path, cli: Invoke) -> None:
    assert codes(repo, "sokha-kya") == []
    assert codes(repo, "Sokha-KYA") == []  # GitHub names ignore case
    cli("check", "--since", "HEAD", "--pr-author", "sokha-kya")


def test_the_signer_corrects_their_own_note_and_adds_their_logo(repo: Path) -> None:
    commit(repo)
    edit(repo / KYA, 'acronym = "KYA"', 'acronym = "KYA"\nnote = "Phnom Penh office"')
    assert codes(repo, "sokha-kya") == []
    (repo / "logos").mkdir()
    (repo / "logos" / "kya.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    edit(repo / KYA, 'note = "Phnom Penh office"', 'logo = "logos/kya.png"')
    stage(repo, "logos")
    assert codes(repo, "sokha-kya") == []
    # A logo no file of the author names is someone else's business.
    (repo / "logos" / "other.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    stage(repo, "logos")
    assert codes(repo, "sokha-kya") == [("E911", "logos/other.png", None)]


def test_the_signer_may_take_back_their_own_file(repo: Path) -> None:
    commit(repo)
    (repo / KYA).unlink()
    stage(repo)
    assert codes(repo, "sokha-kya") == []


def test_a_maintainer_at_the_base_may_add_anyone(repo: Path) -> None:
    edit(repo / STATEMENT, 'lang = "en"', 'lang = "en"\nmaintainers = ["Lead-Dev"]')
    stage(repo)
    # Making oneself a maintainer in the pull request itself does not count.
    assert codes(repo, "lead-dev") == [
        ("E901", str(KYA), 3),
        ("E907", str(STATEMENT), None),
    ]
    commit(repo)
    edit(repo / KYA, 'acronym = "KYA"', 'acronym = "K"')
    (repo / "README.md").write_text("maintainers may change the rest\n")
    stage(repo, "README.md")
    assert codes(repo, "lead-dev") == []


def test_an_unchanged_project_is_clean_for_anyone(repo: Path) -> None:
    commit(repo)
    assert codes(repo, "anyone") == []


# Someone else's signature.


def test_someone_else_is_refused(repo: Path, cli: Invoke) -> None:
    result = cli("check", "--since", "HEAD", "--pr-author", "someone-else", code=1)
    assert (
        f"{KYA}:3: error E901 signs-for-someone-else: 'Khmer Youth Association' is signed as "
        "GitHub user 'sokha-kya', but this pull request is by 'someone-else': "
        "it signs for someone else"
    ) in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_signature_without_github_is_refused(repo: Path, cli: Invoke) -> None:
    commit(repo)
    cli("add", "demo", "Legal Aid of Cambodia", "--file-per-signer")
    stage(repo)
    path = "signatories/demo/legal-aid-of-cambodia.toml"
    assert codes(repo, "sokha-kya") == [("E901", path, 3)]


def test_changing_or_removing_someone_elses_signature_is_refused(repo: Path) -> None:
    commit(repo)
    edit(repo / KYA, 'acronym = "KYA"', 'acronym = "K"')
    assert codes(repo, "mallory") == [("E901", str(KYA), 3)]
    assert codes(repo, "sokha-kya") == []  # the signer may correct their own entry
    (repo / KYA).unlink()
    assert codes(repo, "mallory") == [("E902", str(KYA), None)]


def test_a_contact_appended_to_someone_elses_file_is_refused(repo: Path, cli: Invoke) -> None:
    commit(repo)
    with (repo / KYA).open("a") as file:
        file.write('contact = "mallory@example.org"\n')
    stage(repo)
    assert codes(repo, "mallory") == [("E902", str(KYA), None)]
    result = cli("check", "--since", "HEAD", "--pr-author", "mallory", code=1)
    assert f"{KYA}: error E902 changes-someone-elses-signature" in result.stdout


def test_a_comment_in_someone_elses_file_is_refused(repo: Path) -> None:
    commit(repo)
    with (repo / KYA).open("a") as file:
        file.write("# contact: mallory@example.org\n")
    assert codes(repo, "mallory") == [("E902", str(KYA), None)]


# The statement and the list.


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('title = "Demo letter"', 'title = "Another letter"'),
        ("Write the statement here.", "We also endorse the attacker."),
        ('status = "draft"', 'status = "published"'),
        ('lang = "en"', 'lang = "en"\nmaintainers = ["mallory"]'),
    ],
    ids=["title", "body", "status", "self-made-maintainer"],
)
def test_a_change_to_the_statement_is_refused(repo: Path, old: str, new: str) -> None:
    commit(repo)
    edit(repo / STATEMENT, old, new)
    stage(repo)
    assert codes(repo, "mallory") == [("E907", str(STATEMENT), None)]


def test_a_change_to_the_list_file_is_refused(repo: Path) -> None:
    commit(repo)
    with (repo / "signatories" / "demo.toml").open("a") as file:
        file.write('\n[[signatory]]\nname = "Mallory Org"\ngithub = "mallory"\n')
    stage(repo)
    assert codes(repo, "mallory") == [("E908", "signatories/demo.toml", None)]


# The signer's own file: what only a maintainer sets.


def test_nobody_confirms_themselves(repo: Path) -> None:
    commit(repo)
    edit(repo / KYA, 'status = "pending"', 'status = "confirmed"')
    stage(repo)
    assert codes(repo, "sokha-kya") == [("E910", str(KYA), 3)]
    edit(repo / KYA, 'status = "confirmed"\n', "")  # no status is confirmed too
    assert codes(repo, "sokha-kya") == [("E910", str(KYA), 3)]


def test_a_new_file_is_pending(repo: Path) -> None:
    edit(repo / KYA, 'status = "pending"\n', "")
    stage(repo)
    assert codes(repo, "sokha-kya") == [("E910", str(KYA), 3)]


@pytest.mark.parametrize(
    "key", ["confirmed = 2026-01-01", 'withdrawn_reason = "hello"', "reinstated = 2026-01-01"]
)
def test_nobody_dates_their_own_confirmation(repo: Path, key: str) -> None:
    """Found by a red-team pass: a date only a maintainer writes, in a new file or one's own."""
    edit(repo / KYA, 'status = "pending"', f'status = "pending"\n{key}')
    stage(repo)
    assert codes(repo, "sokha-kya") == [("E910", str(KYA), 3)]
    edit(repo / KYA, f"\n{key}", "")
    commit(repo)
    edit(repo / KYA, 'status = "pending"', f'status = "pending"\n{key}')
    stage(repo)
    assert codes(repo, "sokha-kya") == [("E910", str(KYA), 3)]


def test_a_distinct_record_is_for_maintainers(repo: Path) -> None:
    """Found by a red-team pass: a [[distinct]] in one's own file would silence E301."""
    with (repo / KYA).open("a") as handle:
        handle.write('\n[[distinct]]\nnames = ["Khmer Youth Association", "Save the Children"]\n')
    stage(repo)
    assert ("E910", str(KYA), None) in codes(repo, "sokha-kya")


def test_the_signer_may_not_change_their_github_or_dates(repo: Path) -> None:
    commit(repo)
    edit(repo / KYA, 'github = "sokha-kya"', 'github = "Sokha-Kya"')
    assert codes(repo, "sokha-kya") == []  # the same account
    edit(repo / KYA, "added = ", "added = 2020-01-01\nold_added = ")
    edit(repo / KYA, "old_added = ", "# ")
    assert codes(repo, "sokha-kya") == [("E910", str(KYA), 3)]


def test_two_new_files_are_refused(repo: Path) -> None:
    second = repo / "signatories" / "demo" / "khmer-youth-association-2.toml"
    second.write_text((repo / KYA).read_text().replace("Khmer Youth", "Khmer Students"))
    stage(repo)
    assert codes(repo, "sokha-kya") == [
        ("E909", str(second.relative_to(repo)), None),
        ("E909", str(KYA), None),
    ]


# What no pull request may commit, a maintainer's neither.


def test_a_private_file_is_refused(repo: Path) -> None:
    private = repo / "signatories" / "demo.private.toml"
    private.write_text('schema = 1\n[[signatory]]\nname = "Khmer Youth Association"\n')
    stage(repo, str(private))
    assert ("E906", "signatories/demo.private.toml", None) in codes(repo, "sokha-kya")


@pytest.mark.parametrize("target", ["/tmp/endorse-target", "../../../.bashrc"])
def test_a_planted_lock_link_is_refused(repo: Path, target: str) -> None:
    lock = repo / "signatories" / ".demo.holder.lock"
    lock.unlink(missing_ok=True)
    os.symlink(target, lock)
    stage(repo, str(lock))
    assert codes(repo, "sokha-kya") == [("E903", "signatories/.demo.holder.lock", None)]


def test_a_planted_lock_file_is_refused(repo: Path) -> None:
    lock = repo / "signatories" / ".demo.lock"
    lock.write_text("planted")
    stage(repo, str(lock))
    assert codes(repo, "sokha-kya") == [("E905", "signatories/.demo.lock", None)]


def test_a_planted_cache_file_is_refused(repo: Path) -> None:
    planted = repo / ".endorse-cache" / "entry.json"
    planted.parent.mkdir(exist_ok=True)
    planted.write_text("{}")
    stage(repo, str(planted))
    assert codes(repo, "sokha-kya") == [("E904", ".endorse-cache/entry.json", None)]


def test_a_symlinked_signer_file_is_refused(repo: Path) -> None:
    (repo / KYA).rename(repo / "kya.toml")
    os.symlink("../../kya.toml", repo / KYA)
    stage(repo, "kya.toml")
    assert codes(repo, "sokha-kya") == [
        ("E903", str(KYA), None),
        ("E911", "kya.toml", None),
    ]


def test_a_committed_file_turned_into_a_link_is_refused(repo: Path) -> None:
    commit(repo)
    (repo / KYA).unlink()
    os.symlink("/etc/passwd", repo / KYA)
    stage(repo)
    assert codes(repo, "sokha-kya") == [("E903", str(KYA), None)]


@pytest.mark.parametrize(
    "path", [".github/workflows/check.yml", "README.md", "signatories/.gitignore", "x/y.toml"]
)
def test_a_file_outside_the_signature_is_refused(repo: Path, path: str) -> None:
    (repo / path).parent.mkdir(parents=True, exist_ok=True)
    with (repo / path).open("a") as file:
        file.write("!planted\n")
    stage(repo, path)
    assert codes(repo, "sokha-kya") == [("E911", path, None)]


def test_maintainers_may_not_commit_links_or_private_files(repo: Path) -> None:
    edit(repo / STATEMENT, 'lang = "en"', 'lang = "en"\nmaintainers = ["lead-dev"]')
    commit(repo)
    (repo / "signatories" / ".demo.lock").unlink(missing_ok=True)
    os.symlink("/etc/passwd", repo / "signatories" / ".demo.lock")
    stage(repo, "signatories/.demo.lock")
    assert codes(repo, "lead-dev") == [("E903", "signatories/.demo.lock", None)]


def test_the_base_is_where_the_pull_request_started(repo: Path) -> None:
    """A base branch that moved on since is not read as the pull request removing its files."""
    commit(repo)
    git(repo, "checkout", "-q", "-b", "pr")
    edit(repo / KYA, 'acronym = "KYA"', 'acronym = "KYA"\nnote = "Phnom Penh"')
    commit(repo)
    git(repo, "checkout", "-q", "main")
    (repo / "signatories" / "demo" / "later.toml").write_text(
        'schema = 1\n\n[[signatory]]\nname = "Later Org"\n'
    )
    commit(repo)
    git(repo, "checkout", "-q", "pr")
    assert codes(repo, "sokha-kya", since="main") == []
    assert codes(repo, "mallory", since="main") == [("E901", str(KYA), 3)]


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


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("signatories/nowhere/x.toml", 'schema = 1\n[[signatory]]\nname = "X"\ngithub = "x"\n'),
        ("signatories/demo/empty.toml", "schema = 1\n"),
        ("signatories/demo/broken.toml", 'schema = 1\n[[signatory]]\nname = "X"\nstatus = 3\n'),
    ],
    ids=["statement-that-does-not-exist", "no-signature", "invalid-signature"],
)
def test_a_new_file_without_the_authors_signature_is_refused(
    repo: Path, path: str, text: str
) -> None:
    commit(repo)
    (repo / path).parent.mkdir(parents=True, exist_ok=True)
    (repo / path).write_text(text.replace('"x"', '"sokha-kya"'))
    stage(repo)
    assert codes(repo, "sokha-kya") == [("E901", path, None)]


def test_a_project_in_a_subfolder_of_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Invoke
) -> None:
    top = tmp_path / "top"
    root = start(top, top / "letters", monkeypatch, cli)
    assert codes(root, "sokha-kya") == []
    (top / ".github").mkdir()
    (top / ".github" / "x.yml").write_text("on: push\n")
    git(top, "add", ".github")
    assert codes(root, "sokha-kya") == [("E911", ".github/x.yml", None)]


def test_the_signer_may_replace_only_their_own_logo(repo: Path, cli: Invoke) -> None:
    (repo / "logos").mkdir()
    (repo / "logos" / "kya.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (repo / "logos" / "lac.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    edit(repo / KYA, 'acronym = "KYA"', 'acronym = "KYA"\nlogo = "logos/kya.png"')
    cli("add", "demo", "Legal Aid of Cambodia", "--file-per-signer")
    lac = repo / "signatories" / "demo" / "legal-aid-of-cambodia.toml"
    edit(
        lac,
        'name = "Legal Aid of Cambodia"',
        'name = "Legal Aid of Cambodia"\nlogo = "logos/lac.png"',
    )
    commit(repo)
    git(repo, "add", "logos")
    git(repo, "commit", "-q", "-m", "logos")
    (repo / "logos" / "kya.png").write_bytes(b"\x89PNG\r\n\x1a\nnew")
    stage(repo, "logos")
    assert codes(repo, "sokha-kya") == []  # their own file is unchanged: the logo is theirs
    # Naming someone else's logo does not make it one's own.
    edit(repo / KYA, 'logo = "logos/kya.png"', 'logo = "logos/lac.png"')
    (repo / "logos" / "lac.png").write_bytes(b"\x89PNG\r\n\x1a\nreplaced")
    stage(repo, "logos")
    assert codes(repo, "sokha-kya") == [
        ("E911", "logos/kya.png", None),
        ("E911", "logos/lac.png", None),
    ]


@pytest.mark.parametrize("broken", ['note = "x\\u200by"', 'status = "confimed"'])
def test_a_file_that_fails_at_the_base_is_for_maintainers(repo: Path, broken: str) -> None:
    """Found by a red-team pass: a signature that did not validate at the base was read as
    nobody's, so anyone could take it over, delete it or confirm it."""
    commit(repo)
    victim = repo / "signatories" / "demo" / "victim.toml"
    victim.write_text(
        'schema = 1\n\n[[signatory]]\nname = "Victim Org"\ngroup = "endorsers"\n'
        f'github = "victim"\n{broken}\n'
    )
    commit(repo)
    victim.write_text(
        'schema = 1\n\n[[signatory]]\nname = "Victim Org"\ngroup = "endorsers"\n'
        'github = "evil"\nstatus = "pending"\n'
    )
    stage(repo)
    assert codes(repo, "evil") == [("E902", str(victim.relative_to(repo)), None)]
    git(repo, "rm", "-q", "-f", str(victim))
    assert codes(repo, "evil") == [("E902", str(victim.relative_to(repo)), None)]
