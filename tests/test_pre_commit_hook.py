"""The `endorse-check` hook works from another repository (`pre-commit try-repo`).

It builds a fresh environment with endorse's dependencies from the package index (about 15 s),
so it runs only when asked: ENDORSE_TEST_PRE_COMMIT=1 make test (docs/ci.md, "Checking the hook").
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = [
    pytest.mark.skipif(
        shutil.which("pre-commit") is None and not (REPO / ".venv/bin/pre-commit").exists(),
        reason="pre-commit is not installed (pip install pre-commit to run this test)",
    ),
    pytest.mark.skipif(
        os.environ.get("ENDORSE_TEST_PRE_COMMIT") != "1",
        reason="slow (installs endorse into a new environment): set ENDORSE_TEST_PRE_COMMIT=1",
    ),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=root, capture_output=True, text=True, check=False)


def test_try_repo_passes_then_catches_a_broken_file(project: Path) -> None:
    pre_commit = shutil.which("pre-commit") or str(REPO / ".venv/bin/pre-commit")
    run(project, "git", "init", "-q")
    run(project, "git", "add", ".")
    run(project, "git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "x")
    hook = (pre_commit, "try-repo", str(REPO), "endorse-check", "--all-files")
    passed = run(project, *hook)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    signatories = project / "signatories" / "cambodia-2021.toml"
    signatories.write_text(
        signatories.read_text(encoding="utf-8").replace('country = "KH"', 'country = "XX"', 1),
        encoding="utf-8",
    )
    failed = run(project, *hook)
    assert failed.returncode == 1
    assert "signatories/cambodia-2021.toml:48: error E103 invalid-value" in failed.stdout
