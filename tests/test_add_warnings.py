"""add and import say what check would warn about, and refuse it with --strict."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Invoke

SLUG = "cambodia-2021"
LOOKALIKE = "S\u0430ve Org"  # a Cyrillic а in a Latin word: W401


def test_add_warns_as_check_would(open_project: Path, cli: Invoke) -> None:
    result = cli("add", SLUG, "Good  Org", "--group", "endorsers")
    assert result.stderr == (
        "endorse: warning: signatories/cambodia-2021.toml: W402 stray-whitespace: "
        "name 'Good  Org' has doubled white space\n"
    )
    assert "W402" in cli("check").stdout


def test_add_strict_refuses_what_check_strict_would_fail(open_project: Path, cli: Invoke) -> None:
    before = (open_project / "signatories" / f"{SLUG}.toml").read_bytes()
    result = cli("add", SLUG, LOOKALIKE, "--group", "endorsers", "--strict", code=1)
    assert result.stderr.startswith(
        "endorse: error: signatories/cambodia-2021.toml: not added: W401 mixed-script: "
    )
    assert (open_project / "signatories" / f"{SLUG}.toml").read_bytes() == before


def test_an_accepted_strict_add_passes_check_strict(open_project: Path, cli: Invoke) -> None:
    cli("add", SLUG, "Plain Org", "--group", "endorsers", "--strict")
    cli("check", "--strict")


def test_import_notes_warnings_and_strict_refuses_the_row(open_project: Path, cli: Invoke) -> None:
    form = open_project / "form.csv"
    form.write_text(f"name,group\n{LOOKALIKE},endorsers\nPlain Org,endorsers\n", encoding="utf-8")
    strict = cli("import", SLUG, str(form), "--strict", "--dry-run", code=1)
    assert "W401 mixed-script" in strict.stdout
    assert strict.stdout.splitlines()[-1].startswith("dry run: would add 1")
    relaxed = cli("import", SLUG, str(form), "--dry-run")
    assert "W401 mixed-script" in relaxed.stdout
