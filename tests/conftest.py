"""Shared fixtures: a copy of the example project in tmp_path, and a CLI runner that explains."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from endorse.cli.app import app

REPO = Path(__file__).resolve().parent.parent


def git(root: Path, *args: str, when: str | None = None) -> str:
    """Run git in `root` as a test author (dated `when`, if given); its output."""
    env = dict(os.environ)
    if when is not None:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return done.stdout


def block_imports(monkeypatch: pytest.MonkeyPatch, *packages: str) -> None:
    """Make importing any of ``packages`` (or their modules) fail, as if not installed."""
    import builtins

    real_import = builtins.__import__

    def without(name: str, *args: object, **kwargs: object) -> object:
        if name.split(".")[0] in packages:
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", without)


SEED = REPO.parent / "shared" / "seeds" / "joint-statement-cambodia-2021.txt"
GOLDEN = Path(__file__).resolve().parent / "data" / "joint-statement-cambodia-2021.txt"


@pytest.fixture(autouse=True, scope="session")
def cache_key_outside_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The parse cache signs its entries with a per-user key: the tests' key is their own."""
    import os

    os.environ["ENDORSE_CACHE_KEY_DIR"] = str(tmp_path_factory.mktemp("cache-key"))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's example project; tests break one file of it at a time."""
    root = tmp_path / "project"
    root.mkdir()
    for folder in ("statements", "signatories"):
        shutil.copytree(REPO / folder, root / folder)
    monkeypatch.chdir(root)
    monkeypatch.delenv("ENDORSE_ROOT", raising=False)
    return root


@pytest.fixture
def open_project(project: Path) -> Path:
    """The example, reopened for signatures (it is published, and add refuses that)."""
    path = project / "statements" / "cambodia-2021.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('status = "published"', 'status = "open"'), encoding="utf-8")
    return project


Invoke = Callable[..., Result]


@pytest.fixture
def cli() -> Invoke:
    """Run endorse in-process; on an unexpected exit code, show what it printed."""
    runner = CliRunner()

    def invoke(*args: str, code: int = 0, input: str | None = None) -> Result:
        result = runner.invoke(app, list(args), input=input)
        if result.exit_code != code:
            raise AssertionError(
                f"endorse {' '.join(args)} exited {result.exit_code}, expected {code}\n"
                f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}\n"
                f"--- exception\n{result.exception!r}"
            )
        return result

    return invoke
