"""Nothing POSIX-only is imported on the way: Windows has no fcntl."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

WITHOUT_FCNTL = """
import sys
sys.modules["fcntl"] = None  # what Windows looks like to an import
from endorse.cli.app import main
sys.argv = ["endorse", *sys.argv[1:]]
main()
"""


def run_without_fcntl(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_FCNTL, *args, "--root", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_and_a_dry_run_add_need_no_fcntl(open_project: Path) -> None:
    checked = run_without_fcntl(open_project, "check")
    assert (checked.returncode, checked.stderr) == (0, "")
    added = run_without_fcntl(
        open_project, "add", "cambodia-2021", "Org Alpha", "--group", "endorsers", "--dry-run"
    )
    assert (added.returncode, added.stderr) == (0, "")
    assert added.stdout.startswith("# would append to signatories/cambodia-2021.toml")


def test_the_simulation_bites() -> None:
    probe = subprocess.run(
        [sys.executable, "-c", 'import sys; sys.modules["fcntl"] = None; import fcntl'],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "import of fcntl halted" in probe.stderr
