"""Every file in tests/data/broken/ yields exactly its expected codes and lines, never a traceback.

A case file starts with ``# expect: CODE path:line`` lines (``-`` when there is no line), then a
comment saying what is wrong, then the files of a small project, each after ``--- path``. A case
without a ``statements/case.toml`` gets a one-group statement.
"""

from __future__ import annotations

import json
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
    (root / "statements").mkdir(parents=True)
    (root / "signatories").mkdir()
    files = {"statements/case.toml": DEFAULT_STATEMENT.encode(), **files}
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)


def test_the_corpus_is_large_and_covers_every_code() -> None:
    cases = sorted(CASES.glob("*.case"))
    assert len(cases) >= 100
    covered = {code for case in cases for code, _, _ in read_case(case)[0]}
    freeze_only = {code for code in CODES if code.startswith(("E7", "N7"))}  # need git history
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
