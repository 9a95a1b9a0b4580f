"""Issue 17: no command prints a statement, list, count or "ok" that silently leaves out an entry.

Each test is one bullet of the issue's "Why": a written entry that fails to load, a file that
does not parse, conflict markers, an entry in no group. ``render``, ``list`` and ``stats`` refuse
(exit 1, file:line) unless ``--allow-invalid``, which names each entry left out; ``dupes`` and
``check`` compare and report every entry.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from endorse.check.run import check_project
from endorse.project.load import load_project
from tests.conftest import Invoke

SIGNATORIES = Path("signatories/cambodia-2021.toml")
STATEMENT = Path("statements/cambodia-2021.toml")
SLUG = "cambodia-2021"
BUDDHISM = 'name = "Buddhism for Social Development Action"\ngroup = "endorsers"\ncountry = "KH"'
CONFLICT = """
<<<<<<< HEAD
[[signatory]]
name = "Khmer Youth Association"
group = "endorsers"
=======
[[signatory]]
name = "Youth Council of Cambodia"
group = "endorsers"
>>>>>>> add-ycc
"""


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.write(text)


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


@pytest.fixture
def wrong_country(project: Path) -> int:
    """The Buddhism entry with country = "Cambodia": the issue's first example."""
    replace(project / SIGNATORIES, BUDDHISM, BUDDHISM.replace('"KH"', '"Cambodia"'))
    return line_of(project / SIGNATORIES, 'country = "Cambodia"')


@pytest.mark.parametrize("command", ["render", "list", "stats"])
def test_an_entry_that_fails_to_load_stops_printing(
    wrong_country: int, cli: Invoke, command: str
) -> None:
    result = cli(command, SLUG, code=1)
    assert result.stdout == ""
    assert result.stderr == (
        f"endorse: error: {SIGNATORIES}:{wrong_country}: 'Buddhism for Social Development "
        "Action': country: 'Cambodia' is not an ISO 3166-1 alpha-2 country code (like 'KH')\n"
        f"endorse: error: {STATEMENT}: '{SLUG}' not printed, so that nothing written is left "
        "out: 1 entry with errors\n"
        "  fix them (endorse check lists every problem), or add --allow-invalid to print "
        "without them\n"
    )


def test_allow_invalid_prints_the_rest_and_names_what_it_left_out(
    wrong_country: int, cli: Invoke
) -> None:
    result = cli("render", SLUG, "--allow-invalid")
    assert "Buddhism" not in result.stdout
    assert "1. Cambodia Against Child Trafficking Network (Cambodia ACTs)" in result.stdout
    assert result.stderr == (
        f"endorse: warning: {SIGNATORIES}:{wrong_country}: left out 'Buddhism for Social "
        "Development Action': country: 'Cambodia' is not an ISO 3166-1 alpha-2 country code "
        "(like 'KH')\n"
    )


def test_stats_with_allow_invalid_counts_what_render_prints(
    wrong_country: int, cli: Invoke
) -> None:
    figures = json.loads(cli("stats", SLUG, "--format", "json", "--allow-invalid").stdout)
    rendered = cli("render", SLUG, "--allow-invalid", "--format", "json").stdout
    printed = sum(len(group["signatories"]) for group in json.loads(rendered)["groups"])
    assert figures["confirmed"] == printed == 33


@pytest.mark.parametrize(
    ("broken", "code"),
    [
        ('name = "Child Advocate Network"', "E001"),  # becomes: name = Child Advocate Network
        (None, "E003"),  # conflict markers after a merge
    ],
)
def test_a_file_that_does_not_parse_stops_every_publishing_command(
    project: Path, cli: Invoke, broken: str | None, code: str
) -> None:
    if broken is None:
        append(project / SIGNATORIES, CONFLICT)
        line = line_of(project / SIGNATORIES, "<<<<<<<")
    else:
        replace(project / SIGNATORIES, broken, broken.replace('"', ""))
        line = line_of(project / SIGNATORIES, broken.replace('"', ""))
    for command in ("render", "list", "stats"):
        result = cli(command, SLUG, code=1)
        assert result.stdout == ""
        assert (
            f"endorse: error: {SIGNATORIES}:{line}: every entry of this file, which could not be "
            "read (3"
        ) in result.stderr
        assert "is left out: 1 file that could not be read\n" in result.stderr
    report = json.loads(cli("check", "--format", "json", code=1).stdout)
    assert [p["code"] for p in report["problems"]] == [code]
    dupes = cli("dupes", SLUG, code=1)
    assert "ok" not in dupes.stdout.split()
    assert f"could not read {SIGNATORIES}, so its entries were not compared" in dupes.stdout


def test_the_entries_of_a_file_that_does_not_parse_are_named(project: Path, cli: Invoke) -> None:
    append(project / SIGNATORIES, CONFLICT)
    result = cli("render", SLUG, "--allow-invalid")
    assert "Save the Children" not in result.stdout
    assert result.stderr.startswith(
        f"endorse: warning: {SIGNATORIES}:{line_of(project / SIGNATORIES, '<<<<<<<')}: left out "
        "every entry of this file, which could not be read (36 found by name: 'Adolescent and "
        "Youth Reference Group', "
    )
    assert "and 31 more): unresolved merge conflict; keep both tables\n" in result.stderr


def test_a_misspelt_table_name_stops_printing(project: Path, cli: Invoke) -> None:
    text = (project / SIGNATORIES).read_text(encoding="utf-8")
    (project / SIGNATORIES).write_text(text.replace("[[signatory]]", "[[signatories]]"), "utf-8")
    result = cli("stats", SLUG, code=1)
    assert result.stderr.startswith(
        f"endorse: error: {SIGNATORIES}:5: what this part of the file holds: unknown key "
        "'signatories' in the top level; did you mean 'signatory'?\n"
    )
    assert "is left out: 1 other error in its files\n" in result.stderr


def test_conflict_markers_have_their_own_code_and_message(project: Path, cli: Invoke) -> None:
    append(project / SIGNATORIES, CONFLICT)
    marker = line_of(project / SIGNATORIES, "<<<<<<< HEAD")
    result = cli("check", code=1)
    assert result.stdout.splitlines()[0] == (
        f"{SIGNATORIES}:{marker}: error E003 merge-conflict: unresolved merge conflict; keep "
        "both tables"
    )


def test_stats_refuses_an_entry_whose_group_render_leaves_out(project: Path, cli: Invoke) -> None:
    replace(project / SIGNATORIES, BUDDHISM, BUDDHISM.replace("endorsers", "endorser"))
    result = cli("stats", SLUG, code=1)
    assert "names group 'endorser', which statements/cambodia-2021.toml does not define" in (
        result.stderr
    )
    figures = json.loads(cli("stats", SLUG, "--format", "json", "--allow-invalid").stdout)
    assert figures["total"] == 33
    assert "endorser" not in figures["by_group"]


def test_dupes_compares_invalid_entries_and_says_how_many(wrong_country: int, cli: Invoke) -> None:
    append(SIGNATORIES, '\n[[signatory]]\nname = "Buddhism for Social Development Action"\n')
    header = len(SIGNATORIES.read_text(encoding="utf-8").splitlines()) - 1  # its [[signatory]]
    result = cli("dupes", SLUG, code=1)
    assert "1 entry also has format problems (compared all the same)" in result.stdout
    data = json.loads(cli("dupes", SLUG, "--format", "json", code=1).stdout)
    assert data["invalid_entries"] == 1
    [group] = data["groups"]
    assert [m["line"] for m in group["members"]] == [wrong_country - 3, header]


def test_dupes_json_is_unchanged_when_every_entry_is_valid(project: Path, cli: Invoke) -> None:
    data = json.loads(cli("dupes", SLUG, "--format", "json").stdout)
    assert data == {"schema": 1, "statement": SLUG, "groups": []}


def test_invisible_characters_do_not_hide_a_duplicate(project: Path, cli: Invoke) -> None:
    append(project / SIGNATORIES, '\n[[signatory]]\nname = "This Life Cam\\u200bbodia"\n')
    append(project / SIGNATORIES, 'group = "speakers"\n')
    line = line_of(project / SIGNATORIES, "Cam\\u200bbodia") - 1
    found = check_project(load_project(project)).sorted()
    assert [(p.code, p.line) for p in found] == [("E301", line), ("E120", line + 1)]
    data = json.loads(cli("dupes", SLUG, "--format", "json", code=1).stdout)
    [group] = data["groups"]
    assert [m["name"] for m in group["members"]] == [
        "This Life Cambodia",
        "This Life Cam\u200bbodia",
    ]
    assert "invisible characters" in group["reasons"]


def test_a_bidi_control_does_not_hide_a_duplicate(project: Path, cli: Invoke) -> None:
    append(
        project / SIGNATORIES,
        '\n[[signatory]]\nname = "Krousar \\u202eThmey"\ngroup = "endorsers"\n',
    )
    data = json.loads(cli("dupes", SLUG, "--format", "json", code=1).stdout)
    [group] = data["groups"]
    assert "bidi control" in group["reasons"]


def test_a_syntax_error_gives_no_warning_about_private_contacts(project: Path, cli: Invoke) -> None:
    (project / "signatories/cambodia-2021.private.toml").write_text(
        'schema = 1\n\n[[signatory]]\nname = "Save the Children"\ncontact = "a@example.org"\n',
        encoding="utf-8",
    )
    replace(project / SIGNATORIES, '"Child Advocate Network"', "Child Advocate Network")
    report = json.loads(cli("check", "--format", "json", code=1).stdout)
    assert [p["code"] for p in report["problems"]] == ["E001"]


def test_syntax_errors_come_first(project: Path, cli: Invoke) -> None:
    (project / "signatories/cambodia-2021.private.toml").write_text(
        'schema = 1\n\n[[signatory]]\nname = "Nobody"\n', encoding="utf-8"
    )
    replace(project / STATEMENT, 'place = "Phnom Penh"', "place = Phnom Penh")
    report = json.loads(cli("check", "--format", "json", code=1).stdout)
    assert [p["code"] for p in report["problems"]][:1] == ["E001"]


def test_every_problem_of_an_entry_at_once(project: Path) -> None:
    replace(project / SIGNATORIES, BUDDHISM, BUDDHISM.replace('country = "KH"', 'contry = "KH"'))
    replace(project / SIGNATORIES, "Buddhism for Social", "Buddhism  for Social")
    replace(project / SIGNATORIES, 'group = "endorsers"\ncontry', 'group = "endorser"\ncontry')
    codes = sorted(p.code for p in check_project(load_project(project)).problems)
    assert codes == ["E101", "E201", "W402"]


def test_late_dates_for_every_entry_are_one_problem(project: Path, cli: Invoke) -> None:
    text = (project / SIGNATORIES).read_text(encoding="utf-8")
    text = text.replace('group = "endorsers"\n', 'group = "endorsers"\nadded = 2021-06-01\n')
    (project / SIGNATORIES).write_text(text, encoding="utf-8")
    report = json.loads(cli("check", "--format", "json", code=1).stdout)
    [problem] = report["problems"]
    assert (problem["code"], problem["file"], problem["line"]) == ("E602", str(STATEMENT), 6)
    assert problem["message"].startswith(
        "all 24 signatories with an 'added' date were added after the published statement's "
        "date 2021-05-05"
    )


def test_signatories_checked_counts_invalid_entries(wrong_country: int, cli: Invoke) -> None:
    result = cli("check", code=1)
    assert result.stdout.endswith("(1 statement, 34 signatories checked)\n")


def test_contact_in_public_file_and_pending_on_published(project: Path, cli: Invoke) -> None:
    replace(project / SIGNATORIES, BUDDHISM, BUDDHISM + '\ncontact = "a@example.org"')
    replace(project / SIGNATORIES, BUDDHISM, BUDDHISM + '\nstatus = "pending"')
    report = json.loads(cli("check", "--format", "json").stdout)
    assert sorted(p["code"] for p in report["problems"]) == ["W211", "W212"]
