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


OTHER_COMMAND_MODULES = {
    "endorse.cli.render",
    "endorse.cli.listing",
    "endorse.cli.add",
    "endorse.cli.importing",
    "endorse.cli.intake",
    "endorse.cli.init",
    "endorse.cli.merge",
    "endorse.cli.stats",
}


def test_one_command_imports_no_other_command_module(project: Path) -> None:
    _, modules = loaded_modules(project, "check")
    assert "endorse.cli.check" in modules
    assert not modules & OTHER_COMMAND_MODULES
    _, modules = loaded_modules(project, "--no-cache", "dupes")
    assert "endorse.cli.dupes" in modules
    assert not modules & OTHER_COMMAND_MODULES


def test_dupes_into_a_pipe_imports_no_rich(project: Path) -> None:
    stdout, modules = loaded_modules(project, "dupes")
    assert stdout == "ok: no likely duplicates in 1 statement\n"
    assert "rich" not in top_level(modules)


def test_help_still_lists_every_command(project: Path) -> None:
    from endorse.cli.app import COMMANDS

    stdout, _ = loaded_modules(project, "--help")
    listed = {line.split()[0] for line in stdout.splitlines() if line.startswith("  ")}
    assert set(COMMANDS) <= listed


def test_a_mistyped_command_is_still_refused_with_the_list() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "endorse", "chekc"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "No such command 'chekc'" in done.stderr


def test_the_command_is_the_first_word_that_is_not_an_option() -> None:
    from endorse.cli.app import command_named

    assert command_named(["check", "--format", "json"]) == "check"
    assert command_named(["--no-cache", "render", "x"]) == "render"
    assert command_named(["--help"]) is None
    assert command_named(["chekc"]) is None  # every command, so click can say what exists
    assert command_named([]) is None
