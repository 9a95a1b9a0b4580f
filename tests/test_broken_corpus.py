"""Every file in tests/data/broken/ yields exactly its expected codes and lines, never a traceback.

A case file starts with ``# expect: CODE path:line`` lines (``-`` when there is no line), then a
comment saying what is wrong, then the files of a small project, each after ``--- path``. A case
without a ``statements/case.toml`` gets a one-group statement.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from endorse.format.problems import CODES, Severity, severity_of
from tests.conftest import Invoke

CASES = Path(__file__).resolve().parent / "data" / "broken"
EXPECT = re.compile(r"^# expect: (?P<code>[EWN]\d{3}) (?P<file>\S+):(?P<line>\d+|-)$")
DEFAULT_STATEMENT = 'schema = 1\ntitle = "Case"\n\n[[groups]]\nid = "all"\nheading = "Signed by:"\n'


def read_case(path: Path) -> tuple[list[tuple[str, str, int | None]], dict[str, bytes]]:
    header, *sections = path.read_bytes().split(b"\n--- ")
    expected = []
    for line in header.decode("utf-8").splitlines():
        match = EXPECT.match(line)
        if match:
            number = None if match["line"] == "-" else int(match["line"])
            expected.append((match["code"], match["file"], number))
    files = {}
    for section in sections:
        name, _, content = section.partition(b"\n")
        files[name.decode("utf-8")] = content
    return expected, files


def write_project(root: Path, files: dict[str, bytes]) -> None:
    """Write a case's files; ``--- path -> target`` makes a symbolic link, ``--- path (fifo)``
    a named pipe and ``--- path (folder)`` a folder, for the special files a pull request can hold;
    ``\\xNN`` in a path is that byte (a name that is not UTF-8).
    """
    (root / "statements").mkdir(parents=True)
    (root / "signatories").mkdir()
    if not any(name.startswith("statements/case.toml") for name in files):
        files = {"statements/case.toml": DEFAULT_STATEMENT.encode(), **files}
    for name, content in files.items():
        name, arrow, target = name.partition(" -> ")
        path = root / _name_bytes(name.removesuffix(" (fifo)").removesuffix(" (folder)"))
        path.parent.mkdir(parents=True, exist_ok=True)
        if arrow:
            path.symlink_to(target)
        elif name.endswith(" (fifo)"):
            os.mkfifo(path)
        elif name.endswith(" (folder)"):
            path.mkdir()
        else:
            path.write_bytes(content)


def _name_bytes(name: str) -> str:
    """``\\xNN`` as the byte NN, as the file system names it (a surrogate in Python)."""
    raw = re.sub(rb"\\x([0-9a-f]{2})", lambda m: bytes([int(m[1], 16)]), name.encode())
    return os.fsdecode(raw)


def test_the_corpus_is_large_and_covers_every_code() -> None:
    cases = sorted(CASES.glob("*.case"))
    assert len(cases) >= 100
    covered = {code for case in cases for code, _, _ in read_case(case)[0]}
    # These need git: history (the freeze, --since: E7xx, N7xx; --pr-author: E9xx) or the index
    # (private files ignored or committed).
    freeze_only = {code for code in CODES if code.startswith(("E7", "N7", "E9"))} | {"W220", "W221"}
    # A 64 MiB file does not belong in the repository: test_special_files.py lowers the limit.
    freeze_only.add("E005")
    assert set(CODES) - freeze_only - covered == set()


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.glob("*.case")))
def test_broken_input_yields_its_code_and_line(tmp_path: Path, cli: Invoke, case: str) -> None:
    expected, files = read_case(CASES / case)
    assert expected, f"{case} has no '# expect:' line"
    write_project(tmp_path, files)
    # Notices never fail check, not even with --strict.
    failing = any(not code.startswith("N") for code, _, _ in expected)
    args = ("check", "--strict", "--format", "json", "--root", str(tmp_path))
    result = cli(*args, code=1 if failing else 0)
    assert "Traceback" not in result.stdout + result.stderr
    problems = json.loads(result.stdout)["problems"]
    found = sorted((p["code"], p["file"], p["line"]) for p in problems)
    assert found == sorted(expected), "\n".join(p["message"] for p in problems)
    for problem in problems:
        # --strict shows warnings as errors; without it, the code's letter gives the severity
        assert problem["severity"] == ("notice" if problem["code"].startswith("N") else "error")
        assert problem["name"] == CODES[problem["code"]]


def test_severity_follows_the_code_letter() -> None:
    assert {code[0] for code in CODES} <= {"E", "W", "N"}
    assert severity_of("E101") is Severity.ERROR
    assert severity_of("W401") is Severity.WARNING
    assert severity_of("N701") is Severity.NOTICE


def test_every_code_is_documented_with_its_name() -> None:
    checks = (CASES.parent.parent.parent / "docs" / "checks.md").read_text(encoding="utf-8")
    missing = [code for code, name in CODES.items() if f"**{code} {name}**" not in checks]
    assert missing == []


@pytest.mark.parametrize("form", ["text", "json"])
def test_no_output_can_forge_a_line(tmp_path: Path, cli: Invoke, form: str) -> None:
    """Across the corpus: no escape byte anywhere, and no line a CI log would read as a command."""
    for number, case in enumerate(sorted(CASES.glob("*.case"))):
        root = tmp_path / str(number)
        expected, files = read_case(case)
        write_project(root, files)
        only_notices = all(code.startswith("N") for code, _, _ in expected)
        result = cli(
            "check",
            "--strict",
            "--format",
            form,
            "--root",
            str(root),
            code=0 if only_notices else 1,
        )
        output = result.stdout + result.stderr
        assert "\x1b" not in output, case.name
        assert not [line for line in output.splitlines() if line.startswith("::")], case.name


# Every case in one child process under RLIMIT_AS = 1 GiB: a case that needed more would end in
# a MemoryError there. Its CPU limit (per child, so for all cases together) bounds time too.
EVERY_CASE_BOUNDED = """
import json, sys, tempfile
from pathlib import Path
from typer.testing import CliRunner
from endorse.cli.app import app
from tests.test_broken_corpus import CASES, read_case, write_project

failed = []
for case in sorted(CASES.glob("*.case")):
    with tempfile.TemporaryDirectory() as folder:
        write_project(Path(folder), read_case(case)[1])
        result = CliRunner().invoke(app, ["check", "--format", "json", "--root", folder])
        if not isinstance(result.exception, (SystemExit, type(None))):
            failed.append(f"{case.name}: {result.exception!r}")
print(json.dumps(failed))
"""


@pytest.mark.slow
def test_every_case_runs_within_one_gib(tmp_path: Path) -> None:
    from tests.conftest import REPO
    from tests.limits import run_bounded

    done = run_bounded(cwd=REPO, seconds=120, program=EVERY_CASE_BOUNDED)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout) == []
