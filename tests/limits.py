"""Run endorse in a child process under a memory and CPU limit, as the hostile tests need.

``RLIMIT_AS`` bounds the child's whole address space (1 GiB: the bound issue 22 promises for
every corpus input), ``RLIMIT_CPU`` its processor time, and a wall-clock timeout catches what
waits instead of computing (a FIFO read would block forever).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

GIB = 1024**3
ENTRY = "import sys; from endorse.cli.entry import main; sys.argv[0] = 'endorse'; main()"


def run_bounded(
    *args: str,
    cwd: Path,
    memory: int = GIB,
    seconds: int = 30,
    program: str = ENTRY,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``endorse ARGS`` (or another Python ``program``) in ``cwd``, with ``env`` added to the
    environment; the limits are the child's own, never the test runner's."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))

    environment = {k: v for k, v in os.environ.items() if k != "ENDORSE_ROOT"} | (env or {})
    return subprocess.run(
        [sys.executable, "-c", program, *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        errors="surrogateescape",
        timeout=seconds * 2,
        preexec_fn=limit,  # the child sets its own limits, before endorse starts
        check=False,
    )
