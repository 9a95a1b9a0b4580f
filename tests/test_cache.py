"""The parse cache (in the user's cache folder): every output is the same with it, without it,
after an edit, after a version change, and whatever happened to its files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from endorse.project import cache
from tests.conftest import Invoke

SLUG = "cambodia-2021"
COMMANDS = [
    ["check"],
    ["check", "-f", "json"],
    ["render", SLUG],
    ["render", SLUG, "-f", "json"],
    ["list", SLUG],
    ["list", SLUG, "-f", "csv"],
    ["dupes", SLUG],
]


@pytest.fixture(autouse=True)
def cache_even_small_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(cache, "MIN_CACHED_CHARS", 0)
    own_cache(monkeypatch, tmp_path)


def own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A user cache folder (and signing key) of this test's own: its entries can be counted."""
    monkeypatch.setenv(cache.KEY_ENV, str(tmp_path / "user-cache"))
    monkeypatch.setattr(cache, "_key", None)
    return cache.cache_folder()


def outputs(cli: Invoke, *options: str) -> list[tuple[int, str]]:
    return [_run(cli, *options, *command) for command in COMMANDS]


def _run(cli: Invoke, *args: str) -> tuple[int, str]:
    from typer.testing import CliRunner

    from endorse.cli.app import app

    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout


def entries(root: Path) -> list[Path]:
    """The parse entries there are (in the user's cache folder, whatever the project)."""
    return sorted((cache.cache_folder() / cache.ENTRIES_FOLDER).glob("*/*.json"))


def hits(root: Path) -> int:
    listed = root / "signatories" / f"{SLUG}.toml"
    text = listed.read_text(encoding="utf-8")
    return cache._cached(root, text) is not None


def test_outputs_are_the_same_cold_warm_and_without(project: Path, cli: Invoke) -> None:
    without = outputs(cli, "--no-cache")
    assert entries(project) == []
    cold = outputs(cli)
    assert len(entries(project)) == 1 and hits(project)
    warm = outputs(cli)
    assert without == cold == warm
    assert without[0][0] == 0 and "Signatories of" in without[4][1]


def test_nothing_is_written_in_the_project(project: Path, cli: Invoke) -> None:
    before = sorted(project.rglob("*"))
    cli("check")
    assert entries(project) and sorted(project.rglob("*")) == before


def test_environment_variable_turns_it_off(
    project: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.NO_CACHE_ENV, "1")
    cli("check")
    assert not cache.cache_folder().exists()


def test_an_edited_file_is_read_again(project: Path, cli: Invoke) -> None:
    outputs(cli)
    listed = project / "signatories" / f"{SLUG}.toml"
    text = listed.read_text(encoding="utf-8")
    listed.write_text(text.replace("Save the Children", "Save The Kids", 1), encoding="utf-8")
    warm = outputs(cli)
    assert warm == outputs(cli, "--no-cache")
    assert any("Save The Kids" in out for _, out in warm)
    assert len(entries(project)) == 2  # the old text's entry stays; it is never used for the new


def test_another_version_does_not_read_old_entries(
    project: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    outputs(cli)
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert not hits(project)
    assert outputs(cli) == outputs(cli, "--no-cache")
    assert len(entries(project)) == 2


@pytest.mark.parametrize("damage", ["truncate", "empty", "garbage", "tamper", "foreign"])
def test_a_damaged_entry_is_ignored_and_rebuilt(
    project: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    expected = outputs(cli, "--no-cache")
    outputs(cli)
    [entry] = entries(project)
    raw = entry.read_bytes()
    payload = raw.partition(b"\n")[2]
    if damage == "truncate":
        entry.write_bytes(raw[: len(raw) // 2])
    elif damage == "empty":
        entry.write_bytes(b"")
    elif damage == "garbage":
        entry.write_bytes(b"\x80\x00not json at all\n{")
    elif damage == "tamper":  # valid JSON, a changed name, the old signature
        entry.write_bytes(raw.replace(b"Save the Children", b"Save the Wolves"))
    else:  # a well-formed entry signed by someone else's key (say, committed to the repository)
        forged = payload.replace(b"Save the Children", b"Save the Wolves")
        entry.write_bytes(cache._signature(b"k" * 32, forged).encode() + b"\n" + forged)
    assert not hits(project)
    assert outputs(cli) == expected
    assert hits(project)  # rebuilt
    assert b"Save the Wolves" not in entry.read_bytes()


def test_a_signed_entry_for_other_text_is_not_used(project: Path, cli: Invoke) -> None:
    """An entry moved to another file's name (or a hash collision) still names its own text."""
    outputs(cli)
    [entry] = entries(project)
    listed = project / "signatories" / f"{SLUG}.toml"
    edited = listed.read_text(encoding="utf-8") + "\n# a comment\n"
    listed.write_text(edited, encoding="utf-8")
    moved = cache._entry_path(cache.text_hash(edited))
    moved.parent.mkdir(exist_ok=True)
    moved.write_bytes(entry.read_bytes())
    assert cache._cached(project, edited) is None


def test_entries_hold_plain_json(project: Path, cli: Invoke) -> None:
    cli("check")
    [entry] = entries(project)
    payload = json.loads(entry.read_bytes().partition(b"\n")[2])
    assert set(payload) == {
        "tag",
        "text",
        "signatory",
        "signatory_lines",
        "distinct",
        "distinct_lines",
        "data",
    }
    assert len(payload["signatory"]) == len(payload["signatory_lines"]) == 34


BROKEN = """
[[signatory]]
name = ""

[[signatory]]
name = "Friends of the Mekong"
contact = "someone@example.org"
country = "Atlantis"

[[signatory]]
name = "Late Signer"
added = "2024-01-01"
"""


def test_a_file_with_problems_is_cached_and_reported_the_same(
    project: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its valid tables come from the cache; the invalid ones and the file's other problems
    (a public contact) are found again, so every report is the same."""
    listed = project / "signatories" / f"{SLUG}.toml"
    listed.write_text(listed.read_text(encoding="utf-8") + BROKEN, encoding="utf-8")
    without = outputs(cli, "--no-cache")
    assert without[0][0] == 1
    assert all(code in without[0][1] for code in ("W211", "E2"))
    # A text where a date is read back ('added = "2024-01-01"') cannot be cached exactly.
    assert entries(project) == []
    listed.write_text(
        listed.read_text(encoding="utf-8").replace('added = "2024-01-01"', "added = 2024-01-01"),
        encoding="utf-8",
    )
    without = outputs(cli, "--no-cache")
    cold = outputs(cli)
    assert len(entries(project)) == 1 and hits(project)
    from endorse.format.models import Signatory

    validations = []
    real = Signatory.model_validate

    def counted(value: object) -> Signatory:
        validations.append(value)
        return real(value)

    monkeypatch.setattr(Signatory, "model_validate", counted)
    warm = outputs(cli)
    assert without == cold == warm
    # Only the invalid tables are validated again (and what is valid in them, named "-").
    names = {v.get("name") for v in validations if isinstance(v, dict)}
    assert names == {"", "-", "Friends of the Mekong"}


def test_a_date_anywhere_else_is_not_cached(project: Path, cli: Invoke) -> None:
    listed = project / "signatories" / f"{SLUG}.toml"
    listed.write_text(
        listed.read_text(encoding="utf-8") + '\n[[signatory]]\nname = "X"\nnote = 2024-01-01\n',
        encoding="utf-8",
    )
    first = _run(cli, "check")
    assert first[0] == 1
    assert entries(project) == []
    assert _run(cli, "check") == first


def test_small_files_are_parsed_not_cached(
    project: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MIN_CACHED_CHARS", 10**9)
    cli("check")
    assert entries(project) == []


def test_a_write_stores_no_entry_for_the_text_it_replaces(open_project: Path, cli: Invoke) -> None:
    cli("add", SLUG, "Mekong Watch Network", "--group", "endorsers")
    assert entries(open_project) == []
    cli("check")
    [entry] = entries(open_project)
    cli("add", SLUG, "Delta Rivers Alliance", "--group", "endorsers")
    assert entries(open_project) == [entry]  # read under the lock, never stored for the old text
    assert outputs(cli) == outputs(cli, "--no-cache")
    assert len(entries(open_project)) == 2
