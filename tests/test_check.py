"""`endorse check`: every problem at once, each with its file, line and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from endorse.check.run import check_project
from endorse.format.problems import Problem
from endorse.project.load import load_project
from tests.conftest import Invoke

SIGNATORIES = Path("signatories/cambodia-2021.toml")
STATEMENT = Path("statements/cambodia-2021.toml")


def problems(root: Path) -> list[Problem]:
    return check_project(load_project(root)).sorted()


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_example_is_clean(project: Path, cli: Invoke) -> None:
    result = cli("check")
    assert result.stdout == "ok: 1 statement, 34 signatories checked, no problems\n"


def test_syntax_error_names_line_and_column(project: Path) -> None:
    replace(project / SIGNATORIES, 'name = "Child Advocate Network"', "name = Child Advocate")
    [problem] = problems(project)
    assert (problem.code, problem.path, problem.line, problem.column) == (
        "E001",
        SIGNATORIES,
        14,
        8,
    )
    assert problem.message == "TOML syntax error: Invalid value"


def test_unknown_key_suggests_the_known_one(project: Path) -> None:
    replace(
        project / STATEMENT,
        'heading = "This statement is joined',
        'headng = "This statement is joined',
    )
    [problem] = problems(project)
    assert problem.code == "E101"
    assert problem.message == "unknown key 'headng' in [[groups]]; did you mean 'heading'?"
    assert (problem.path, problem.line) == (STATEMENT, 42)


def test_missing_key_points_at_its_table(project: Path) -> None:
    replace(project / STATEMENT, 'id = "speakers"\n', "")
    [problem] = problems(project)
    assert (problem.code, problem.line, problem.message) == (
        "E102",
        40,
        "missing required key 'id'",
    )


def test_bad_country_points_at_its_key(project: Path) -> None:
    replace(project / SIGNATORIES, 'country = "KH"', 'country = "kh"')
    [problem] = problems(project)
    assert (problem.code, problem.line) == ("E103", 48)
    assert problem.message == (
        "country: 'kh' is not an ISO 3166-1 alpha-2 country code (like 'KH'); write 'KH'"
    )


def test_quoted_date_is_refused(project: Path) -> None:
    replace(project / STATEMENT, "date = 2021-05-05", 'date = "2021-05-05"')
    [problem] = problems(project)
    assert problem.message == (
        "'date' must be a TOML date such as 2021-05-05 (without quotes), not text"
    )


def test_unknown_group_is_reported_at_the_entry(project: Path) -> None:
    replace(project / SIGNATORIES, 'group = "speakers"', 'group = "speaker"')
    [problem] = problems(project)
    assert (problem.code, problem.line) == ("E201", 36)
    assert problem.message.startswith("'Save the Children' names group 'speaker'")


def test_group_is_required_when_there_are_several(project: Path) -> None:
    replace(project / SIGNATORIES, 'group = "speakers"\n', "")
    [problem] = problems(project)
    assert (problem.code, problem.line) == ("E202", 36)


def test_blank_name_is_refused(project: Path) -> None:
    replace(project / SIGNATORIES, 'name = "Save the Children"', 'name = "   "')
    [problem] = problems(project)
    assert (problem.code, problem.line) == ("E204", 37)
    assert problem.message == "'name' is empty; write the name as it should print"


def test_signatories_without_statement(project: Path) -> None:
    (project / "signatories" / "orphan.toml").write_text("schema = 1\n", encoding="utf-8")
    [problem] = problems(project)
    assert problem.code == "E203"
    assert problem.message == "signatories for 'orphan' but no statements/orphan.toml"


def test_invisible_character_in_name_is_refused(project: Path) -> None:
    replace(project / SIGNATORIES, "Save the Children", "Save the\u200b Children")
    [problem] = problems(project)
    assert problem.code == "E120"
    assert "ZERO WIDTH SPACE" in problem.message


@pytest.mark.parametrize("char", ["\ufffe", "\uffff", "\ufdd0", "\U0001fffe"])
def test_a_noncharacter_in_a_name_is_refused(project: Path, char: str) -> None:
    """Found by a red-team pass: it passed check, then no Word file or site could be built."""
    replace(project / SIGNATORIES, "Save the Children", f"Save the Children{char}")
    [problem] = problems(project)
    assert problem.code == "E120"
    assert f"noncharacter U+{ord(char):04X}" in problem.message


def test_every_problem_is_reported_at_once(project: Path) -> None:
    replace(project / SIGNATORIES, 'group = "speakers"', 'group = "speaker"')
    replace(project / SIGNATORIES, 'country = "KH"', 'country = "XX"')
    replace(project / SIGNATORIES, 'name = "Krousar Thmey"', 'name = "Krousar Thmey"\nurl = "x"')
    assert [p.code for p in problems(project)] == ["E201", "E103", "E101"]


def test_check_exits_1_with_file_line_messages(project: Path, cli: Invoke) -> None:
    replace(project / SIGNATORIES, 'country = "KH"', 'country = "XX"')
    result = cli("check", code=1)
    assert result.stdout.splitlines()[0] == (
        f"{SIGNATORIES}:48: error E103 invalid-value: "
        "country: 'XX' is not an ISO 3166-1 alpha-2 country code (like 'KH')"
    )


BROKEN_FILES = {
    "syntax.toml": "schema = 1\n[[signatory]\nname = 'x'\n",
    "types.toml": "schema = 'one'\nsignatory = 3\n",
    "binary.toml": "\udcff",
    "nested.toml": "schema = 1\n[[signatory]]\nname = { first = 1 }\naliases = [1, 2]\n",
    "dates.toml": "schema = 1\n[[signatory]]\nname = 'x'\nadded = 2021-13-01\n",
}


@pytest.mark.parametrize("name", sorted(BROKEN_FILES))
def test_broken_files_never_cause_a_traceback(project: Path, cli: Invoke, name: str) -> None:
    slug = Path(name).stem
    (project / "statements" / f"{slug}.toml").write_text(
        "schema = 2\ngroups = []\n", encoding="utf-8"
    )
    data = BROKEN_FILES[name].encode("utf-8", "surrogateescape")
    (project / "signatories" / name).write_bytes(data)
    result = cli("check", code=1)
    assert "Traceback" not in result.stdout + result.stderr
    assert f"signatories/{name}:" in result.stdout
    assert "statements/" + name in result.stdout
