"""Start-up: each command imports only what it needs (import sets, never timings)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from endorse import __version__

PROBE = """
import sys
sys.argv = ["endorse", *{args!r}]
from endorse.cli.entry import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write("\\nLOADED " + " ".join(sorted(m for m in sys.modules)) + "\\n")
"""


def loaded_modules(project: Path, *args: str) -> tuple[str, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=list(args))],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    modules = done.stderr.rpartition("LOADED ")[2].split()
    return done.stdout, set(modules)


def top_level(modules: set[str]) -> set[str]:
    return {name.partition(".")[0] for name in modules}


def test_version_answers_before_typer_is_imported(project: Path) -> None:
    stdout, modules = loaded_modules(project, "--version")
    assert stdout == f"endorse {__version__}\n"
    assert not top_level(modules) & {"typer", "click", "rich", "pydantic"}


def test_help_imports_neither_pydantic_nor_rich(project: Path) -> None:
    stdout, modules = loaded_modules(project, "--help")
    assert "Usage: endorse" in stdout
    assert not top_level(modules) & {"pydantic", "rich", "rapidfuzz", "jinja2"}


def test_plain_text_commands_import_no_rich(project: Path) -> None:
    for args in (["check"], ["render", "cambodia-2021"], ["list", "cambodia-2021", "-f", "csv"]):
        _, modules = loaded_modules(project, *args)
        assert "rich" not in top_level(modules), args
        assert "jinja2" not in top_level(modules), args
