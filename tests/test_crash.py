"""A writer killed between the private and the public write leaves nothing behind to publish."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import Invoke

# Run `endorse add` in a child that dies (os._exit: no clean-up runs) right after the temporary
# copy of the private file is written and synced, or right after the private file is replaced.
CRASHING_ADD = """
import os, sys
real_replace = os.replace
stage = sys.argv[1]

def replace(source, target, *args, **kwargs):
    if stage == "before-rename" and str(target).endswith(".private.toml"):
        os._exit(137)
    real_replace(source, target, *args, **kwargs)
    if stage == "after-private" and str(target).endswith(".private.toml"):
        os._exit(137)

os.replace = replace  # project/files.py renames every written file with os.replace
from endorse.cli.app import main
sys.argv = ["endorse", *sys.argv[2:]]
main()
"""
ADD = ["add", "cambodia-2021", "Org Alpha", "--group", "endorsers", "--contact", "a@b.example"]


def crash(root: Path, stage: str) -> int:
    return subprocess.run(
        [sys.executable, "-c", CRASHING_ADD, stage, *ADD, "--root", str(root)],
        capture_output=True,
        check=False,
    ).returncode


def untracked_unignored(root: Path) -> list[str]:
    done = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return sorted(line[3:] for line in done.stdout.splitlines())


def git_project(root: Path) -> None:
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "start"]):
        subprocess.run(
            ["git", "-c", "user.email=a@b.example", "-c", "user.name=A", *args],
            cwd=root,
            check=True,
            capture_output=True,
        )


def test_a_kill_before_the_private_rename_leaves_only_ignored_files(
    open_project: Path, cli: Invoke
) -> None:
    (open_project / "signatories" / ".gitignore").write_text("*.private.toml\n.*.lock\n")
    git_project(open_project)
    assert crash(open_project, "before-rename") == 137
    leftovers = list((open_project / "signatories").glob(".*tmp*"))
    assert len(leftovers) == 1 and leftovers[0].name.endswith(".private.toml")
    # nothing git would take: the copy holding the contact is ignored, the list is unchanged
    assert untracked_unignored(open_project) == []
    cli(*ADD)
    assert not list((open_project / "signatories").glob(".*tmp*"))


def test_a_retry_after_a_kill_between_the_writes_writes_the_contact_once(
    open_project: Path, cli: Invoke
) -> None:
    assert crash(open_project, "after-private") == 137
    private = open_project / "signatories" / "cambodia-2021.private.toml"
    assert private.read_text().count("a@b.example") == 1
    assert "Org Alpha" not in (open_project / "signatories" / "cambodia-2021.toml").read_text()
    cli(*ADD)
    assert private.read_text().count("a@b.example") == 1
    assert "Org Alpha" in (open_project / "signatories" / "cambodia-2021.toml").read_text()


def test_remove_killed_between_its_writes_leaves_no_contact_without_its_signer(
    open_project: Path, cli: Invoke
) -> None:
    """Private file first: a kill after it leaves the signer without its contact (re-run
    remove), never a contact whose signer is gone."""
    cli(*ADD)
    remove = ["remove", "cambodia-2021", "Org Alpha", "--root", str(open_project)]
    done = subprocess.run(
        [sys.executable, "-c", CRASHING_ADD, "after-private", *remove],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 137
    private = (open_project / "signatories" / "cambodia-2021.private.toml").read_text()
    assert "a@b.example" not in private
    assert 'name = "Org Alpha"' in (open_project / "signatories" / "cambodia-2021.toml").read_text()
    cli("remove", "cambodia-2021", "Org Alpha")
    assert "Org Alpha" not in (open_project / "signatories" / "cambodia-2021.toml").read_text()
