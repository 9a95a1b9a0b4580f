"""`endorse dupes` and the E301 check: tables, JSON, exit codes, and [[distinct]]."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from endorse.check.run import check_project
from endorse.project.load import load_project
from tests.conftest import Invoke

SIGNATORIES = Path("signatories/cambodia-2021.toml")
NEAR_DUPLICATE = """
[[signatory]]
name = "Cambodian Centre for Human Rights Inc."
group = "endorsers"
country = "KH"
"""
DISTINCT = """
[[distinct]]
names = ["Cambodian Center for Human Rights", "Cambodian Centre for Human Rights Inc."]
reason = "reviewed: two organisations"
"""


def append(root: Path, text: str) -> None:
    path = root / SIGNATORIES
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_example_has_no_duplicates(project: Path, cli: Invoke) -> None:
    result = cli("dupes")
    assert result.stdout == "ok: no likely duplicates in 1 statement\n"


def test_text_output_shows_each_member_and_why(project: Path, cli: Invoke) -> None:
    append(project, NEAR_DUPLICATE)
    result = cli("dupes", "cambodia-2021", code=1)
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "cambodia-2021: likely duplicate 1 of 1, score 0.97: same after normalisation, "
        "spelling variant, legal suffix, legal form Inc. dropped"
    )
    # Into a pipe (as here) each table is plain aligned columns, no box.
    assert lines[1:5] == [
        "name                                    group      file:line",
        "Cambodian Center for Human Rights       endorsers  signatories/cambodia-2021.toml:56",
        "Cambodian Centre for Human Rights Inc.  endorsers  signatories/cambodia-2021.toml:174",
        "",
    ]
    assert lines[-1].startswith("1 group of likely duplicates in 1 statement; remove one")
    assert len(lines) == 6


def test_a_terminal_still_gets_rich_tables(
    project: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from endorse.cli import common

    append(project, NEAR_DUPLICATE)
    monkeypatch.setattr(common, "stdout_is_terminal", lambda: True)
    result = cli("dupes", "cambodia-2021", code=1)
    assert result.stdout.splitlines()[0].startswith("cambodia-2021: likely duplicate 1 of 1")
    assert "│ Cambodian Center for Human " in result.stdout
    assert "signatories/cambodia-2021.toml:174 │" in result.stdout


def test_names_are_never_read_as_markup(project: Path, cli: Invoke) -> None:
    append(project, '\n[[signatory]]\nname = "[Save the Children]"\ngroup = "endorsers"\n')
    result = cli("dupes", code=1)
    assert "\n[Save the Children]  " in result.stdout


def test_json_for_one_statement_is_one_object(project: Path, cli: Invoke) -> None:
    append(project, NEAR_DUPLICATE)
    result = cli("dupes", "cambodia-2021", "--format", "json", code=1)
    assert json.loads(result.stdout) == {
        "schema": 1,
        "statement": "cambodia-2021",
        "groups": [
            {
                "members": [
                    {
                        "name": "Cambodian Center for Human Rights",
                        "group": "endorsers",
                        "file": "signatories/cambodia-2021.toml",
                        "line": 56,
                    },
                    {
                        "name": "Cambodian Centre for Human Rights Inc.",
                        "group": "endorsers",
                        "file": "signatories/cambodia-2021.toml",
                        "line": 174,
                        "via": {
                            "name": "Cambodian Center for Human Rights",
                            "file": "signatories/cambodia-2021.toml",
                            "line": 56,
                            "score": 0.97,
                            "reasons": [
                                "same after normalisation",
                                "spelling variant",
                                "legal suffix",
                                "legal form Inc. dropped",
                            ],
                        },
                    },
                ],
                "score": 0.97,
                "reasons": [
                    "same after normalisation",
                    "spelling variant",
                    "legal suffix",
                    "legal form Inc. dropped",
                ],
            }
        ],
    }


def test_json_without_slug_is_a_list_and_exit_0_when_clean(project: Path, cli: Invoke) -> None:
    result = cli("dupes", "--format", "json")
    assert json.loads(result.stdout) == [{"schema": 1, "statement": "cambodia-2021", "groups": []}]


def test_min_score_above_every_match_reports_nothing(project: Path, cli: Invoke) -> None:
    append(project, NEAR_DUPLICATE)
    cli("dupes", "--min-score", "0.99")


def test_unknown_statement_is_a_usage_error(project: Path, cli: Invoke) -> None:
    result = cli("dupes", "nope", code=2)
    assert "no statement 'nope'" in result.stderr
    assert "statements here: cambodia-2021" in result.stderr


def test_min_score_out_of_range_is_a_usage_error(project: Path, cli: Invoke) -> None:
    cli("dupes", "--min-score", "2", code=2)


def test_check_fails_on_a_near_duplicate_and_passes_once_distinct(
    project: Path, cli: Invoke
) -> None:
    append(project, NEAR_DUPLICATE)
    [problem] = check_project(load_project(project)).problems
    assert (problem.code, problem.path, problem.line) == ("E301", SIGNATORIES, 174)
    assert problem.message == (
        "'Cambodian Centre for Human Rights Inc.' is probably the same signer as "
        "'Cambodian Center for Human Rights' (signatories/cambodia-2021.toml:56) "
        "(same after normalisation, spelling variant, legal suffix, legal form Inc. dropped; "
        "score 0.97)"
    )
    assert problem.hint is not None and "[[distinct]]" in problem.hint
    result = cli("check", code=1)
    assert "error E301 duplicate-signatory" in result.stdout
    append(project, DISTINCT)
    cli("check")


@pytest.mark.parametrize("code", ["E004", "E005"])
def test_a_list_file_refused_as_a_device_or_too_big_is_not_an_ok(
    project: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch, code: str
) -> None:
    listing = project / "signatories" / "cambodia-2021.toml"
    if code == "E005":
        monkeypatch.setattr("endorse.format.tomlsource.MAX_FILE_BYTES", 10_000)
        listing.write_text(listing.read_text(encoding="utf-8") + "#" * 10_000 + "\n")
    else:
        listing.unlink()
        listing.mkdir()
    result = cli("dupes", "cambodia-2021", code=1)
    assert result.stdout.startswith(
        "cambodia-2021: could not read signatories/cambodia-2021.toml, so its entries were not "
        "compared; endorse check lists every problem\n"
    )
