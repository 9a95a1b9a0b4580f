"""Through the CLI: chapters stay apart, Khmer and English meet, and the review tier."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Invoke

SIGNATORIES = Path("signatories/cambodia-2021.toml")


def append(root: Path, *entries: str) -> None:
    path = root / SIGNATORIES
    text = "".join(f'\n[[signatory]]\n{entry}\ngroup = "endorsers"\n' for entry in entries)
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_bracketed_chapters_are_never_flagged(project: Path, cli: Invoke) -> None:
    append(
        project,
        'name = "Greenpeace (Bristol)"',
        'name = "Greenpeace (Leeds)"',
        'name = "Oxfam (GB)"',
        'name = "Oxfam (Novib)"',
    )
    assert cli("dupes").stdout == "ok: no likely duplicates in 1 statement\n"
    cli("check")


def test_a_khmer_name_beside_its_english_entry_is_flagged(project: Path, cli: Invoke) -> None:
    path = project / SIGNATORIES
    text = path.read_text(encoding="utf-8").replace(
        'name = "Krousar Thmey"\n', 'name = "Krousar Thmey"\nname_km = "គ្រួសារថ្មី"\n'
    )
    path.write_text(text, encoding="utf-8")
    append(project, 'name = "គ្រួសារថ្មី"')
    [data] = json.loads(cli("dupes", "cambodia-2021", "--format", "json", code=1).stdout)["groups"]
    assert [member["name"] for member in data["members"]] == ["Krousar Thmey", "គ្រួសារថ្មី"]
    assert data["reasons"] == ["name in another language", "name_km"]
    assert "E301 duplicate-signatory" in cli("check", code=1).stdout


def test_a_name_with_an_invisible_character_is_flagged(project: Path, cli: Invoke) -> None:
    append(project, 'name = "Krousar\\u200b Thmey"')
    result = cli("dupes", code=1)
    assert "invisible characters" in result.stdout


def test_review_lists_an_umbrella_and_its_international_office(project: Path, cli: Invoke) -> None:
    append(project, 'name = "Save the Children International"')
    assert cli("dupes").stdout == "ok: no likely duplicates in 1 statement\n"
    lines = cli("dupes", "--review").stdout.splitlines()
    assert lines[0] == (
        "cambodia-2021: possible duplicate 1 of 1, score 0.60: "
        "one name contains the other, 'international' added"
    )
    assert sum("signatories/cambodia-2021.toml:" in line for line in lines) == 2
    assert lines[-1].startswith("1 possible duplicate pair to review; ")
    data = json.loads(cli("dupes", "cambodia-2021", "--review", "--format", "json").stdout)
    assert data["groups"] == []
    [pair] = data["review"]
    assert [m["name"] for m in pair["members"]] == [
        "Save the Children",
        "Save the Children International",
    ]
    assert pair["score"] == 0.6


def test_check_gives_a_notice_for_a_possible_duplicate_and_passes(
    project: Path, cli: Invoke
) -> None:
    append(project, 'name = "Save the Children International"')
    result = cli("check")
    assert "notice N302 possible-duplicate" in result.stdout
    assert "'Save the Children International' might be the same signer as" in result.stdout
    path = project / SIGNATORIES
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n[[distinct]]\nnames = ["Save the Children", "Save the Children International"]\n'
        'reason = "umbrella and its international office sign separately"\n',
        encoding="utf-8",
    )
    assert "N302" not in cli("check").stdout


def test_review_without_candidates_says_so(project: Path, cli: Invoke) -> None:
    assert cli("dupes", "--review").stdout.splitlines()[-1] == "no possible duplicates to review"
