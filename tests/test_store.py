"""Creating and replacing files safely: never half a file, never an existing file lost."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from endorse.cli.common import DEFAULT_WAIT_SECONDS
from endorse.edit.atomic import temporary_pattern, write_atomic
from endorse.edit.store import LOCK_WAIT_SECONDS, locked, write_new
from endorse.errors import EndorseError, WriteRefused
from tests.conftest import Invoke


def test_write_new_refuses_an_existing_file_and_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "signer.toml"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(WriteRefused) as refused:
        write_new(path, "new\n")
    assert refused.value.message == "file already exists; nothing was written"
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["signer.toml"]  # no temporary left


def test_write_new_creates_the_folder_and_file(tmp_path: Path) -> None:
    path = tmp_path / "statement" / "signer.toml"
    write_new(path, "schema = 1\n")
    assert path.read_text(encoding="utf-8") == "schema = 1\n"


def test_write_atomic_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "list.toml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o600)
    write_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["list.toml"]


def test_a_private_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "letter.private.toml"
    write_atomic(path, "schema = 1\n")
    assert path.stat().st_mode & 0o777 == 0o600
    path.chmod(0o644)
    write_atomic(path, "schema = 1\n\n")
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_private_files_temporary_copy_matches_the_ignore_pattern() -> None:
    pattern = temporary_pattern(Path("signatories/letter.private.toml"))
    assert pattern.endswith(".private.toml")  # *.private.toml in .gitignore covers it
    assert temporary_pattern(Path("signatories/letter.toml")) == ".letter.toml.*.tmp"


def test_stale_temporaries_are_removed_on_the_next_write(open_project: Path, cli: Invoke) -> None:
    folder = open_project / "signatories"
    stale = folder / ".cambodia-2021.private.toml.k1ll3d.tmp.private.toml"
    stale.write_text('[[signatory]]\nname = "X"\ncontact = "x@example.org"\n')
    other = folder / ".cambodia-2021.toml.k1ll3d.tmp"
    other.write_text("half a file")
    cli("add", "cambodia-2021", "Org Alpha", "--group", "endorsers", "--contact", "a@b.example")
    assert not stale.exists()
    assert not other.exists()


@pytest.mark.parametrize("kind", ["folder", "fifo", "symlink"])
def test_only_a_regular_file_is_replaced(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "out.txt"
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        (tmp_path / "target.txt").write_text("keep\n")
        path.symlink_to(tmp_path / "target.txt")
    with pytest.raises(EndorseError, match="will not write over this"):
        write_atomic(path, "new\n")
    assert kind != "symlink" or (tmp_path / "target.txt").read_text() == "keep\n"


def test_render_output_refuses_a_device(project: Path, cli: Invoke) -> None:
    result = cli("render", "cambodia-2021", "-o", "/dev/null", code=1)
    assert result.stderr.startswith(
        "endorse: error: /dev/null: will not write over this: it is not a regular file"
    )
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_retry_after_a_crash_does_not_write_the_contact_twice(
    open_project: Path, cli: Invoke
) -> None:
    private = open_project / "signatories" / "cambodia-2021.private.toml"
    # What a writer killed between the private and the public write leaves behind.
    private.write_text('schema = 1\n\n[[signatory]]\nname = "Org Alpha"\ncontact = "a@b.example"\n')
    cli("add", "cambodia-2021", "Org Alpha", "--group", "endorsers", "--contact", "a@b.example")
    assert private.read_text().count("a@b.example") == 1


def test_a_held_lock_times_out_naming_the_holder(open_project: Path, cli: Invoke) -> None:
    with locked(open_project, "cambodia-2021"):
        result = cli(
            "add", "cambodia-2021", "Org Alpha", "--group", "endorsers", "--wait", "0.2", code=1
        )
    assert result.stderr.splitlines()[0] == (
        f"endorse: error: signatories/.cambodia-2021.lock: another endorse command "
        f"(process {os.getpid()}) has held the write lock for 0.2 s; nothing was written"
    )


def test_no_lock_is_taken_for_a_slug_that_names_no_statement(
    open_project: Path, cli: Invoke
) -> None:
    result = cli("add", "../../../escape", "X", code=2)
    assert "no statement '../../../escape'" in result.stderr
    assert not list(open_project.parent.rglob("escape*"))


def test_the_cli_default_wait_is_the_stores() -> None:
    assert DEFAULT_WAIT_SECONDS == LOCK_WAIT_SECONDS


def test_a_symlinked_lock_file_is_refused_not_followed(open_project: Path, cli: Invoke) -> None:
    lock = open_project / "signatories" / ".cambodia-2021.lock"
    lock.symlink_to(open_project / "victim")
    result = cli("add", "cambodia-2021", "Org Alpha", "--group", "endorsers", code=1)
    assert result.stderr.splitlines()[0] == (
        "endorse: error: signatories/.cambodia-2021.lock: the lock file is a symbolic link; "
        "endorse does not follow it, nothing was written"
    )
    assert not (open_project / "victim").exists()
