"""A writer killed at any write leaves the old state or the new one, once the next command
finishes what the journal holds: never a contact without its signer, never a signer twice."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from endorse.check.run import check_project
from endorse.edit.journal import finish
from endorse.edit.store import locked
from endorse.project.load import load_project
from tests.conftest import Invoke

SLUG = "cambodia-2021"

# Run an endorse command in a child that dies (os._exit: no clean-up runs) right before or
# right after its N-th replace, link or unlink: every step that changes what a file holds.
CRASHING = """
import os, sys
when, at = sys.argv[1].split(":")
at, calls = int(at), [0]

def dying(real):
    def call(*args, **kwargs):
        if str(args[-1]).endswith(".lock"):  # the lock's holder file: no statement data
            return real(*args, **kwargs)
        calls[0] += 1
        if calls[0] == at and when == "before":
            os._exit(137)
        result = real(*args, **kwargs)
        if calls[0] == at and when == "after":
            os._exit(137)
        return result
    return call

os.replace, os.link, os.unlink = dying(os.replace), dying(os.link), dying(os.unlink)
from endorse.cli.app import main
sys.argv = ["endorse", *sys.argv[2:]]
main()
"""


def crash(root: Path, point: str, args: list[str]) -> int:
    return subprocess.run(
        [sys.executable, "-c", CRASHING, point, *args, "--root", str(root)],
        capture_output=True,
        check=False,
    ).returncode


def snapshot(root: Path) -> dict[str, bytes]:
    """What endorse reads: every file but hidden ones (locks, temporaries, the journal)."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for folder in ("statements", "signatories")
        for path in sorted((root / folder).rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def restore(root: Path, state: dict[str, bytes]) -> None:
    shutil.rmtree(root / "signatories")
    shutil.rmtree(root / "statements")
    for name, raw in state.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(raw)


def per_signer(root: Path) -> None:
    path = root / "statements" / f"{SLUG}.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n[[groups]]", "\nfile_per_signer = true\n\n[[groups]]", 1))


def contacts(cli: Invoke, *names: str) -> None:
    for name in names:
        email = f"{name.split()[1].lower()}@org.example"
        cli("add", SLUG, name, "--group", "endorsers", "--contact", email, "--force")


Setup = Callable[[Path, Invoke], None]
CASES: dict[str, tuple[Setup, list[str]]] = {
    "add": (lambda root, cli: None, ["add", SLUG, "Org Alpha", "--contact", "a@org.example"]),
    "add one file per signer": (
        lambda root, cli: per_signer(root),
        ["add", SLUG, "Org Alpha", "--contact", "a@org.example"],
    ),
    "edit --name": (
        lambda root, cli: contacts(cli, "Org Beta"),
        ["edit", SLUG, "Org Beta", "--name", "Org Gamma", "--force"],
    ),
    "edit --name one file per signer": (
        lambda root, cli: (per_signer(root), contacts(cli, "Org Beta"))[0],
        ["edit", SLUG, "Org Beta", "--name", "Org Gamma", "--force"],
    ),
    "merge": (
        lambda root, cli: contacts(cli, "Org Beta", "Org Delta"),
        ["merge", SLUG, "Org Beta", "Org Delta"],
    ),
    "merge one file per signer": (
        lambda root, cli: (per_signer(root), contacts(cli, "Org Beta", "Org Delta"))[0],
        ["merge", SLUG, "Org Beta", "Org Delta"],
    ),
    "move": (
        lambda root, cli: contacts(cli, "Org Beta"),
        ["move", SLUG, "Org Beta", "--group", "speakers"],
    ),
    "withdraw": (lambda root, cli: contacts(cli, "Org Beta"), ["withdraw", SLUG, "Org Beta"]),
    "remove": (lambda root, cli: contacts(cli, "Org Beta"), ["remove", SLUG, "Org Beta"]),
    "remove one file per signer": (
        lambda root, cli: (per_signer(root), contacts(cli, "Org Beta"))[0],
        ["remove", SLUG, "Org Beta"],
    ),
    "import": (
        lambda root, cli: (
            (root / "form.csv").write_text(
                "name,contact\nOrg Beta,b@org.example\nOrg Delta,d@org.example\n"
            )
            and None
        ),
        ["import", SLUG, "form.csv", "--group", "endorsers"],
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_a_kill_at_any_write_leaves_the_old_or_the_new_state(
    case: str, open_project: Path, cli: Invoke, tmp_path: Path
) -> None:
    setup, args = CASES[case]
    args = [*args, "--group", "endorsers"] if args[0] == "add" else args
    setup(open_project, cli)
    old = snapshot(open_project)
    cli(*args)
    new = snapshot(open_project)
    assert new != old
    killed = 0
    for point in range(1, 30):
        for when in ("before", "after"):
            restore(open_project, old)
            code = crash(open_project, f"{when}:{point}", args)
            if code == 0:  # the command finished before its N-th write: every point was tried
                assert snapshot(open_project) == new
                assert killed >= 2, "the command was never killed between its writes"
                return
            assert code == 137
            killed += 1
            loaded = load_project(open_project)
            codes = {p.code for p in check_project(loaded).problems}
            assert "E220" not in codes or "E221" in codes  # a half-done write is reported
            with locked(open_project, SLUG):
                finish(open_project, SLUG)
            assert snapshot(open_project) in (old, new), f"killed {when} write {point}"
            codes = {p.code for p in check_project(load_project(open_project)).problems}
            assert not codes & {"E220", "E221", "E301"}, (when, point, codes)
    pytest.fail("the command never finished")


def git_project(root: Path) -> None:
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "start"]):
        subprocess.run(
            ["git", "-c", "user.email=a@b.example", "-c", "user.name=A", *args],
            cwd=root,
            check=True,
            capture_output=True,
        )


def untracked_unignored(root: Path) -> list[str]:
    done = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return sorted(line[3:] for line in done.stdout.splitlines() if line.startswith("??"))


ADD = ["add", SLUG, "Org Alpha", "--group", "endorsers", "--contact", "a@b.example"]


def test_what_a_killed_add_leaves_git_ignores_and_the_next_write_finishes(
    open_project: Path, cli: Invoke
) -> None:
    (open_project / "signatories" / ".gitignore").write_text("*.private.toml\n.*.lock\n.*.tmp\n")
    git_project(open_project)
    # after the list is replaced, before the private file is: the journal holds the contact
    assert crash(open_project, "after:2", ADD) == 137
    journal = open_project / "signatories" / f".{SLUG}.journal.private.toml"
    assert journal.exists()
    assert "Org Alpha" in (open_project / "signatories" / f"{SLUG}.toml").read_text()
    assert untracked_unignored(open_project) == []  # the journal holding the contact: ignored
    [problem] = [p for p in check_project(load_project(open_project)).problems if p.code == "E221"]
    assert problem.message == (
        "an endorse command was stopped while writing this statement's files: they may show "
        "its change half done"
    )
    # any write finishes it first, a dry run too; the contact is written once
    result = cli("move", SLUG, "Org Alpha", "--group", "speakers", "--dry-run")
    assert result.stdout.startswith(
        f"finished an interrupted write: signatories/{SLUG}.private.toml\n"
    )
    assert not journal.exists()
    private = open_project / "signatories" / f"{SLUG}.private.toml"
    assert private.read_text().count("a@b.example") == 1
    cli("check")


def test_a_journal_whose_files_changed_since_is_refused(open_project: Path, cli: Invoke) -> None:
    assert crash(open_project, "after:2", ADD) == 137
    private = open_project / "signatories" / f"{SLUG}.private.toml"
    private.write_text('schema = 1\n\n[[signatory]]\nname = "Org Alpha"\n')
    result = cli("move", SLUG, "Org Alpha", "--group", "speakers", code=1)
    assert result.stderr.startswith(
        f"endorse: error: signatories/.{SLUG}.journal.private.toml: an interrupted write cannot "
        f"be finished: signatories/{SLUG}.private.toml changed since; nothing was written\n"
    )


def test_a_journal_naming_a_file_elsewhere_is_refused(open_project: Path, cli: Invoke) -> None:
    journal = open_project / "signatories" / f".{SLUG}.journal.private.toml"
    journal.write_text(
        'schema = 1\ncommit = "signatories/cambodia-2021.toml"\ncommit_before = ""\n'
        'commit_after = ""\n[[file]]\npath = "statements/cambodia-2021.toml"\nbefore = ""\n'
        'text = "gone"\n'
    )
    journal.chmod(0o600)  # as endorse writes it: the file passes for one of this user's
    result = cli("move", SLUG, "Save the Children", "--group", "endorsers", code=1)
    assert "an interrupted write left a journal endorse does not understand" in result.stderr
    assert "gone" not in (open_project / "statements" / f"{SLUG}.toml").read_text()


def test_a_journal_from_a_clone_is_never_replayed(open_project: Path, cli: Invoke) -> None:
    """Found by a red-team pass: a fork that commits a journal would have a maintainer's next
    write (a dry run too) rewrite signer files and plant a contact."""
    assert crash(open_project, "after:2", ADD) == 137  # a real journal, of this user's
    journal = open_project / "signatories" / f".{SLUG}.journal.private.toml"
    planted = journal.read_bytes()
    refused = (
        f"endorse: error: signatories/.{SLUG}.journal.private.toml: a journal endorse did not "
        "write here (committed to git, another user's, or readable by others) is never "
        "replayed; nothing was written\n"
    )
    journal.chmod(0o644)  # as git checks a committed file out
    moved = ("move", SLUG, "Save the Children", "--group", "endorsers", "--dry-run")
    assert cli(*moved, code=1).stderr.startswith(refused)
    journal.chmod(0o600)
    git_project(open_project)
    subprocess.run(["git", "add", "-f", str(journal)], cwd=open_project, check=True)
    assert cli(*moved, code=1).stderr.startswith(refused)
    assert journal.read_bytes() == planted


def test_a_write_refused_before_its_commit_leaves_no_journal(
    open_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from endorse.edit import journal
    from endorse.edit.journal import Write, write_all

    def refuse(write: Write, root: Path, *, exclusive: bool) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(journal, "_apply", refuse)
    folder = open_project / "signatories"
    writes = [Write(folder / f"{SLUG}.toml", "schema = 1\n"), Write(folder / "x.toml", "x")]
    with pytest.raises(OSError, match="disk full"):
        write_all(open_project, SLUG, writes)
    assert not (folder / f".{SLUG}.journal.private.toml").exists()
