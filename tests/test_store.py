"""Creating and replacing files safely: never half a file, never an existing file lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from endorse.edit.atomic import write_atomic
from endorse.edit.store import write_new
from endorse.errors import WriteRefused


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
