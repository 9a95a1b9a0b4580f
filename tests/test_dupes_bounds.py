"""The duplicate engine's cost is bounded by the input's size (issue 22): reports grow with the
number of entries, never its square, and a name over the length limit is matched on a prefix.
Run in a subprocess under RLIMIT_AS = 1 GiB, as the hostile-input tests are."""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import pytest

from tests.limits import run_bounded

IDENTICAL = 4000


def _run(root: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return run_bounded(*command, cwd=root, seconds=60, env={"ENDORSE_JOBS": "1"})


@pytest.mark.slow
def test_thousands_of_identical_entries_are_one_group_printed_once(open_project: Path) -> None:
    listing = open_project / "signatories" / "cambodia-2021.toml"
    table = '\n[[signatory]]\nname = "Youth Council of Kep"\ngroup = "endorsers"\n'
    listing.write_text(listing.read_text() + table * IDENTICAL)
    checked = _run(open_project, "check", "--format", "json")
    assert checked.returncode == 1, checked.stderr[-2000:]
    assert "Traceback" not in checked.stderr
    problems = json.loads(checked.stdout)["problems"]
    e301 = [p for p in problems if p["code"] == "E301"]
    assert len(e301) == IDENTICAL - 1
    # Each problem names one other entry: linear output (613 MB before).
    assert len(checked.stdout) < 1000 * IDENTICAL
    dupes = _run(open_project, "dupes", "--format", "json")
    assert dupes.returncode == 1
    [statement] = json.loads(dupes.stdout)
    [group] = statement["groups"]
    assert len(group["members"]) == IDENTICAL
    assert group["members"][-1]["via"]["line"] == group["members"][0]["line"]


@pytest.mark.slow
def test_a_huge_many_word_name_is_matched_on_a_prefix_and_says_so(open_project: Path) -> None:
    words = " ".join(f"Word{n}x" for n in range(1500))
    assert len(words) > 10_000
    listing = open_project / "signatories" / "cambodia-2021.toml"
    tables = "".join(
        f'\n[[signatory]]\nname = "{name}"\ngroup = "endorsers"\n'
        for name in (words, words + " Tail", "Word0x Word1x")
    )
    listing.write_text(listing.read_text() + tables)
    dupes = _run(open_project, "dupes", "--format", "json")
    assert "Traceback" not in dupes.stderr, dupes.stderr[-2000:]
    [statement] = json.loads(dupes.stdout)
    [group] = statement["groups"]
    assert len(group["members"]) == 2
    assert "only the first 300 characters of a long name compared" in group["reasons"]
    checked = _run(open_project, "check")
    assert checked.returncode == 1
    assert "Traceback" not in checked.stderr


def _random_words(picked: random.Random, letters: str, length: int, count: int) -> str:
    return " ".join("".join(picked.choice(letters) for _ in range(length)) for _ in range(count))


def _checks_within_the_limit(project: Path, tables: str) -> None:
    """``check`` of the example plus ``tables``, without the cache, ends under 1 GiB."""
    listing = project / "signatories" / "cambodia-2021.toml"
    listing.write_text(listing.read_text() + tables)
    checked = _run(project, "--no-cache", "check")
    assert "Traceback" not in checked.stderr and "MemoryError" not in checked.stderr
    assert checked.returncode in (0, 1), checked.stderr[-2000:]


@pytest.mark.slow
def test_thousands_of_long_many_word_names_stay_under_the_memory_limit(
    open_project: Path,
) -> None:
    """Found by a red-team pass: 8,000 names of 28 six-letter words (2 MB) took over 1 GiB,
    each keeping a key for every pair of its words."""
    picked = random.Random(2)
    tables = "".join(
        f'\n[[signatory]]\nname = "{_random_words(picked, "ab", 6, 28)}"\ngroup = "endorsers"\n'
        for _ in range(8000)
    )
    _checks_within_the_limit(open_project, tables)


@pytest.mark.slow
def test_signers_with_many_long_aliases_stay_under_the_memory_limit(open_project: Path) -> None:
    """Found by a second red-team pass: 3,000 signers, each with a name and five aliases of 55
    words (5 MB), took over 1 GiB: every word of every name kept two keys as long as the name."""
    picked = random.Random(3)

    def words() -> str:
        return _random_words(picked, "abcd", 4, 55)

    tables = "".join(
        '\n[[signatory]]\nname = "{}"\naliases = [{}]\ngroup = "endorsers"\n'.format(
            words(), ", ".join(f'"{words()}"' for _ in range(5))
        )
        for _ in range(3000)
    )
    _checks_within_the_limit(open_project, tables)
