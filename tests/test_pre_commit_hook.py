"""The `endorse-check` hook works from another repository (`pre-commit try-repo`).

pre-commit builds the hook's environment as it does for a coalition (`language: python`: a
fresh virtualenv, then pip installs this repository with its dependencies, from the package
index or pip's cache), so the test is slow (about 15 s) and needs what `make install` needs.
pre-commit comes with the dev extra: the test runs in every `make test` and in CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, git

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


def run(root: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    # Its own PRE_COMMIT_HOME: the hook's environment is built from this checkout, never
    # reused from a user's cache of another endorse.
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    return subprocess.run(args, cwd=root, capture_output=True, text=True, check=False, env=env)


def test_try_repo_passes_then_catches_a_broken_file(project: Path, tmp_path: Path) -> None:
    home = tmp_path / "pre-commit-home"
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "x")
    hook = (sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "endorse-check")
    passed = run(project, *hook, "--all-files", home=home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    signatories = project / "signatories" / "cambodia-2021.toml"
    signatories.write_text(
        signatories.read_text(encoding="utf-8").replace('country = "KH"', 'country = "XX"', 1),
        encoding="utf-8",
    )
    failed = run(project, *hook, "--all-files", home=home)
    assert failed.returncode == 1
    assert "signatories/cambodia-2021.toml:48: error E103 invalid-value" in failed.stdout
