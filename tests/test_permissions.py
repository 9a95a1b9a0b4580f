"""Folders and files endorse may not read are reported (E002), never skipped or a traceback.

Root reads everything, so these run endorse as the unprivileged user 'nobody' (setpriv).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs root and setpriv to run endorse as an unprivileged user",
)


NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture
def shared_project() -> Iterator[Path]:
    """A copy of the example that the user 'nobody' can reach (tmp_path is private to root)."""
    probe = subprocess.run([*NOBODY, sys.executable, "-c", "import endorse"], check=False)
    if probe.returncode != 0:  # a checkout in a folder only root may enter, say
        pytest.skip("the user 'nobody' cannot import endorse from this checkout")
    root = Path(tempfile.mkdtemp(prefix="endorse-perm-"))
    root.chmod(0o755)
    for folder in ("statements", "signatories"):
        shutil.copytree(REPO / folder, root / folder)
    yield root
    for path in (root, *root.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(root)


def as_nobody(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*NOBODY, sys.executable, "-m", "endorse", *args, "--root", str(root)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


@pytest.mark.parametrize(
    ("locked", "where"),
    [
        ("signatories", "signatories"),
        ("statements", "statements"),
        ("signatories/cambodia-2021.toml", "signatories/cambodia-2021.toml"),
    ],
)
def test_what_cannot_be_read_is_e002(shared_project: Path, locked: str, where: str) -> None:
    (shared_project / locked).chmod(0)
    done = as_nobody(shared_project, "check")
    assert "Traceback" not in done.stderr
    assert done.returncode == 1
    assert done.stdout.startswith(f"{where}: error E002 unreadable-file: cannot read")


def test_an_unreadable_signer_folder_is_e002(shared_project: Path) -> None:
    folder = shared_project / "signatories" / "cambodia-2021"
    folder.mkdir()
    folder.chmod(0)
    done = as_nobody(shared_project, "check")
    assert done.stdout.startswith(
        "signatories/cambodia-2021: error E002 unreadable-file: cannot read folder"
    )
