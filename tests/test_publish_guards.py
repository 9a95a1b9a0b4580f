"""`publish` refuses what no coalition means to publish, naming the command that fixes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Invoke


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Invoke) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ENDORSE_ROOT", raising=False)
    cli("init", "letter", "--title", "A letter")
    return tmp_path


def test_the_placeholder_body_is_never_published(fresh: Path, cli: Invoke) -> None:
    for force in ([], ["--force"]):
        result = cli("publish", "letter", *force, code=1)
        assert result.stderr == (
            "endorse: error: statements/letter.toml: not published: the body is still the "
            "placeholder 'endorse init' wrote\n"
            "  write the text in a file, then 'endorse statement letter --body-file FILE'\n"
        )


def test_a_statement_without_a_date_is_never_published(fresh: Path, cli: Invoke) -> None:
    (fresh / "body.md").write_text("We ask.\n", encoding="utf-8")
    cli("statement", "letter", "--body-file", "body.md")
    result = cli("publish", "letter", "--force", code=1)
    assert result.stderr == (
        "endorse: error: statements/letter.toml: not published: the statement has no date\n"
        "  give it one: 'endorse statement letter --date YYYY-MM-DD'\n"
    )
    cli("statement", "letter", "--date", "2030-01-01")
    cli("publish", "letter")
