"""Many one-signer files are parsed on every core; what endorse prints does not change."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench import generate
from typer.testing import CliRunner

from endorse.cli.app import app
from endorse.project import parallel

COMMANDS = [
    ["check"],
    ["check", "-f", "json"],
    ["render", generate.SLUG],
    ["list", generate.SLUG, "-f", "csv"],
    ["dupes", generate.SLUG],
]


def outputs(root: Path) -> list[tuple[int, str, str]]:
    runner = CliRunner()
    found = []
    for command in COMMANDS:
        result = runner.invoke(app, ["--no-cache", *command[:1], "--root", str(root), *command[1:]])
        found.append((result.exit_code, result.stdout, result.stderr))
    return found


@pytest.mark.slow
def test_a_pool_prints_what_one_process_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "files"
    generate.write_dataset(root, 120, "files")
    folder = root / "signatories" / generate.SLUG
    signers = sorted(folder.glob("*.toml"))
    signers[3].write_text("schema = 1\n[[signatory]\nname = 'x'\n", encoding="utf-8")  # E001
    signers[7].unlink()
    signers[7].symlink_to("/etc/hostname")  # outside the project: refused (E004)
    (folder / "sub.toml").mkdir()  # a folder so named: refused when read

    monkeypatch.setenv(parallel.PARALLEL_ENV, "1")
    alone = outputs(root)
    monkeypatch.setenv(parallel.PARALLEL_ENV, "2")
    monkeypatch.setattr(parallel, "PARALLEL_FILES", 10)
    pooled = outputs(root)
    assert pooled == alone
    assert len(parallel.load_many(sorted(folder.iterdir()), within=root)) == 121  # pool used
    assert alone[0][0] == 1 and "E001" in alone[0][1] and "E004" in alone[0][1]


def test_few_files_stay_in_one_process(tmp_path: Path) -> None:
    assert parallel.load_many([tmp_path / "a.toml"], within=tmp_path) == {}


def test_the_pool_returns_each_files_load_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_FILES", 2)
    monkeypatch.setenv(parallel.PARALLEL_ENV, "2")
    paths = []
    for number in range(9):
        path = tmp_path / f"{number}.toml"
        path.write_text(f"n = {number}\n" if number != 4 else "n = \n", encoding="utf-8")
        paths.append(path)
    loaded = parallel.load_many(paths, within=tmp_path)
    assert list(loaded) == paths
    assert [getattr(source, "data", None) for source in loaded.values()] == [
        {"n": n} if n != 4 else None for n in range(9)
    ]
    assert getattr(loaded[paths[4]], "code", None) == "E001"
