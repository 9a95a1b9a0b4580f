"""Issue 26: render and list refuse while `endorse check` reports an error (a duplicate
signatory, E301, included), naming each with its code and file:line, unless --allow-invalid."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Invoke

SIGNATORIES = Path("signatories/cambodia-2021.toml")
STATEMENT = Path("statements/cambodia-2021.toml")
SLUG = "cambodia-2021"
REPEAT = '\n[[signatory]]\nname = "Buddhism for Social Development Action"\ngroup = "endorsers"\n'


@pytest.fixture
def repeated(project: Path) -> int:
    """The Buddhism entry written a second time; the line of the repeat's [[signatory]]."""
    path = project / SIGNATORIES
    path.write_text(path.read_text(encoding="utf-8") + REPEAT, encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    return max(n for n, line in enumerate(lines, 1) if "Buddhism for Social" in line) - 1


def first_line(project: Path) -> int:
    lines = (project / SIGNATORIES).read_text(encoding="utf-8").splitlines()
    return min(n for n, line in enumerate(lines, 1) if "Buddhism for Social" in line) - 1


@pytest.mark.parametrize(
    "command", [("render", SLUG), ("list", SLUG), ("render", SLUG, "--format", "html")]
)
def test_a_duplicate_stops_publishing(
    project: Path, repeated: int, cli: Invoke, command: tuple[str, ...]
) -> None:
    result = cli(*command, code=1)
    assert result.stdout == ""
    assert result.stderr == (
        f"endorse: error: {SIGNATORIES}:{repeated}: E301 'Buddhism for Social Development "
        "Action' is probably the same signer as 'Buddhism for Social Development Action' "
        f"({SIGNATORIES}:{first_line(project)}) (same after normalisation; score 1.00)\n"
        f"endorse: error: {STATEMENT}: '{SLUG}' not printed while 'endorse check' reports 1 "
        "error\n"
        "  fix them (a repeated signatory: endorse dupes, then endorse merge or distinct), or "
        "add --allow-invalid to print anyway\n"
    )


def test_allow_invalid_prints_with_a_warning(repeated: int, cli: Invoke) -> None:
    result = cli("render", SLUG, "--allow-invalid")
    assert result.stdout.count("Buddhism for Social Development Action") == 2
    assert result.stderr.startswith(f"endorse: warning: {SIGNATORIES}:{repeated}: E301 ")
    assert "not printed" not in result.stderr


def test_an_entry_left_out_is_not_named_twice(project: Path, cli: Invoke) -> None:
    path = project / SIGNATORIES
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('country = "KH"', 'country = "Cambodia"', 1), encoding="utf-8")
    result = cli("render", SLUG, "--allow-invalid")
    assert result.stderr.count("'Cambodia' is not an ISO 3166-1") == 1


def test_a_clean_statement_still_renders(cli: Invoke) -> None:
    assert cli("render", SLUG).stderr == ""
