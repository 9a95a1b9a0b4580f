"""The duplicate engine's findings in the cache: every output of check and dupes is the same
with it, without it, after an edit, after a version or engine change, and whatever happened to
its files; a warm run does not run the engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from endorse import matching
from endorse.check import findings
from endorse.project import cache
from tests.conftest import Invoke

SLUG = "cambodia-2021"
COMMANDS = [
    ["check"],
    ["check", "-f", "json"],
    ["dupes", SLUG],
    ["dupes", SLUG, "-f", "json"],
    ["dupes", SLUG, "--review"],
    ["dupes", SLUG, "--review", "--min-score", "0.9", "-f", "json"],
]
DUPLICATES = """
[[signatory]]
name = "Save the Chilren"
group = "endorsers"

[[signatory]]
name = "Child Rights Coalition Cambodia International"
group = "endorsers"

[[signatory]]
name = "Legal Aid Of Cambodia"
group = "endorsers"
"""


@pytest.fixture
def listed(project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The example with two likely duplicates and a possible one; cached however small, in a
    user cache folder of this test's own."""
    from tests.test_cache import own_cache

    own_cache(monkeypatch, tmp_path)
    monkeypatch.setattr(findings, "MIN_CACHED_ENTRIES", 0)
    path = project / "signatories" / f"{SLUG}.toml"
    path.write_text(path.read_text(encoding="utf-8") + DUPLICATES, encoding="utf-8")
    return path


def outputs(*options: str) -> list[tuple[int, str]]:
    from typer.testing import CliRunner

    from endorse.cli.app import app

    results = [CliRunner().invoke(app, [*options, *command]) for command in COMMANDS]
    return [(result.exit_code, result.stdout) for result in results]


def stored(root: Path) -> list[Path]:
    return sorted((cache.cache_folder() / cache.FINDINGS_FOLDER).glob("*.json"))


def engine_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the engine ran although its findings were cached")

    monkeypatch.setattr(matching, "find_duplicates_for_review", refuse)
    monkeypatch.setattr(matching, "find_duplicate_groups", refuse)


def test_outputs_are_the_same_cold_warm_and_without(
    listed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    without = outputs("--no-cache")
    assert stored(listed.parent.parent) == []
    cold = outputs()
    # check and dupes --review ask one question; dupes, and --min-score 0.9, two more.
    assert len(stored(listed.parent.parent)) == 3
    engine_refused(monkeypatch)
    warm = outputs()
    assert without == cold == warm
    assert [code for code, _ in without] == [1] * len(COMMANDS)
    assert "E301" in without[0][1] and "N302" in without[0][1]
    assert "score 0.85" in without[2][1]


def test_an_edit_is_seen(listed: Path) -> None:
    outputs()
    listed.write_text(
        listed.read_text(encoding="utf-8").replace("Save the Chilren", "Sauvez les enfants"),
        encoding="utf-8",
    )
    warm = outputs()
    assert warm == outputs("--no-cache")
    assert "score 0.85" not in warm[2][1]


def test_a_moved_entry_gets_its_new_line(listed: Path) -> None:
    """Findings name entries by their place; the line numbers are always today's."""
    outputs()
    text = listed.read_text(encoding="utf-8")
    listed.write_text(text.replace("schema = 1\n", "schema = 1\n\n# moved\n\n", 1), "utf-8")
    warm = outputs()
    assert warm == outputs("--no-cache")
    assert f"{SLUG}.toml:185" in warm[0][1]


def test_another_version_or_engine_does_not_reuse_findings(
    listed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = outputs("--no-cache")
    outputs()
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert outputs() == expected
    assert len(stored(listed.parent.parent)) == 6
    monkeypatch.setattr(findings, "engine_digest", lambda: "a changed engine")
    assert outputs() == expected
    assert len(stored(listed.parent.parent)) == 9


def test_the_engine_digest_covers_the_libraries_the_engine_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = findings.library_version
    findings.engine_digest.cache_clear()
    digests = {findings.engine_digest()}
    for library in ("rapidfuzz", "cleanco"):
        findings.engine_digest.cache_clear()
        monkeypatch.setattr(
            findings,
            "library_version",
            lambda name, changed=library: "0.0.0" if name == changed else real(name),
        )
        digests.add(findings.engine_digest())
    findings.engine_digest.cache_clear()
    assert len(digests) == 3  # each library's version alone changes the digest


def test_the_engine_digest_covers_its_source() -> None:
    package = Path(findings.__file__).resolve().parent.parent
    assert len(findings.engine_digest()) == 64
    assert (package / "matching" / "index.py").is_file()
    assert all((package / name).is_file() for name in findings._ENGINE_INPUTS)


def _forged(payload: bytes) -> bytes:
    return cache._signature(b"k" * 32, payload).encode() + b"\n" + payload


def _resigned(payload: bytes) -> bytes:
    key = cache._signing_key(create=False)
    assert key is not None
    return cache._signature(key, payload).encode() + b"\n" + payload


@pytest.mark.parametrize(
    "damage",
    ["truncate", "empty", "garbage", "tamper", "foreign", "out-of-range", "wrong-shape", "key"],
)
def test_a_damaged_entry_is_ignored_and_rebuilt(
    listed: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    root = listed.parent.parent
    monkeypatch.setattr(findings, "MIN_CACHED_ENTRIES", 0)
    expected = outputs("--no-cache")[:2]
    from typer.testing import CliRunner

    from endorse.cli.app import app

    CliRunner().invoke(app, ["check"])
    [entry] = stored(root)
    raw = entry.read_bytes()
    payload = raw.partition(b"\n")[2]
    value = json.loads(payload)
    if damage == "truncate":
        entry.write_bytes(raw[: len(raw) // 2])
    elif damage == "empty":
        entry.write_bytes(b"")
    elif damage == "garbage":
        entry.write_bytes(b"\x80\x00not json at all\n{")
    elif damage == "tamper":  # another score, the old signature
        entry.write_bytes(raw.replace(b"0.97", b"0.42"))
    elif damage == "foreign":  # well formed, signed by another key (committed to the repository)
        entry.write_bytes(_forged(payload.replace(b"0.97", b"0.42")))
    elif damage == "out-of-range":  # signed with the user's key, yet naming no entry
        value["value"][0][0][0] = [0, 10**6]
        entry.write_bytes(_resigned(json.dumps(value).encode()))
    elif damage == "wrong-shape":
        value["value"] = {"likely": []}
        entry.write_bytes(_resigned(json.dumps(value).encode()))
    else:  # an entry moved to another key's name still names its own key
        value["key"] = "0" * 64
        entry.write_bytes(_resigned(json.dumps(value).encode()))
    assert entry.read_bytes() != raw
    assert outputs()[:2] == expected
    assert b"0.42" not in entry.read_bytes()
    assert json.loads(entry.read_bytes().partition(b"\n")[2])["value"][0][0][0] != [0, 10**6]


def test_small_statements_keep_no_findings(project: Path, cli: Invoke) -> None:
    cli("check")
    assert stored(project) == []
    assert findings.MIN_CACHED_ENTRIES > 34


def test_no_cache_neither_reads_nor_writes_findings(
    listed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outputs()
    monkeypatch.setenv(cache.NO_CACHE_ENV, "1")
    calls = []
    real = matching.find_duplicates_for_review

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(matching, "find_duplicates_for_review", counted)
    outputs()
    assert len(calls) == 4  # check, check -f json, and the two dupes --review


def test_the_key_holds_every_signatory_field_the_engine_reads() -> None:
    """A field the engine reads but the key leaves out would let an edit reuse old findings."""
    import re

    from endorse.format.models import Signatory

    package = Path(findings.__file__).resolve().parent.parent / "matching"
    source = "\n".join(path.read_text(encoding="utf-8") for path in package.glob("*.py"))
    fields = set(Signatory.model_fields) | {
        name for name in vars(Signatory) if not name.startswith("_")
    }
    read = {
        name
        for name in re.findall(r"signatory\.([a-z_]+)", source)
        if name in fields and not callable(getattr(Signatory, name, None))
    }
    assert read >= {"name", "aliases", "acronym", "names", "status"}
    assert read <= set(findings.ENGINE_FIELDS)
    # Whole-model reads would escape this list.
    assert not re.search(r"model_dump|__dict__|getattr\(", source)


def test_an_edit_to_a_field_the_engine_reads_is_seen(listed: Path) -> None:
    outputs()
    listed.write_text(
        listed.read_text(encoding="utf-8").replace(
            'name = "Save the Chilren"\n', 'name = "Save the Chilren"\nstatus = "withdrawn"\n'
        ),
        encoding="utf-8",
    )
    warm = outputs()
    assert warm == outputs("--no-cache")
    assert "score 0.85" not in warm[2][1]
