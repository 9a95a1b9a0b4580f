"""`endorse init`: a new statement that checks clean and renders."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Invoke


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ENDORSE_ROOT", raising=False)
    return tmp_path


def test_init_in_an_empty_folder(empty: Path, cli: Invoke) -> None:
    result = cli("init", "open-letter", "--title", 'Our "open" letter')
    assert result.stdout == (
        "created statements/open-letter.toml\n"
        "created signatories/open-letter.toml\n"
        "created signatories/.gitignore\n"
        "next: write the text with 'endorse statement open-letter --body-file FILE', then "
        "'endorse open open-letter' and 'endorse add open-letter NAME'\n"
    )
    assert (empty / "signatories" / ".gitignore").read_text() == (
        "*.private.toml\n.*.lock\n.*.tmp\n"
    )
    assert cli("check").stdout == "ok: 1 statement, 0 signatories checked, no problems\n"
    cli("add", "open-letter", "First Org")
    rendered = cli("render", "open-letter").stdout
    assert rendered.startswith('Our "open" letter\n')
    assert rendered.endswith("This statement is endorsed by:\n\n1. First Org\n")


def test_init_in_a_new_repository_below_another_project_starts_one_here(
    empty: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    (empty / "statements").mkdir()  # a project left in a folder above
    repository = empty / "children-2025"
    (repository / ".git").mkdir(parents=True)
    monkeypatch.chdir(repository)
    cli("init", "children-2025", "--title", "Children")
    assert (repository / "statements" / "children-2025.toml").is_file()
    assert list((empty / "statements").iterdir()) == []


def test_init_with_root(empty: Path, cli: Invoke) -> None:
    cli("init", "x", "--title", "X", "--root", str(empty / "elsewhere"))
    assert (empty / "elsewhere" / "statements" / "x.toml").is_file()


def test_invalid_slug_is_a_usage_error(empty: Path, cli: Invoke) -> None:
    result = cli("init", "Open_Letter", "--title", "X", code=2)
    assert result.stderr == (
        "endorse: error: 'Open_Letter' is not a valid statement slug\n"
        "  use lowercase letters, digits and hyphens, like cambodia-2021\n"
    )
    assert not (empty / "statements").exists()


def test_empty_title_is_a_usage_error(empty: Path, cli: Invoke) -> None:
    result = cli("init", "x", "--title", "  ", code=2)
    assert result.stderr.splitlines()[0] == "endorse: error: --title is empty"


def test_existing_statement_is_refused(project: Path, cli: Invoke) -> None:
    before = (project / "statements" / "cambodia-2021.toml").read_bytes()
    result = cli("init", "cambodia-2021", "--title", "X", code=1)
    assert result.stderr == (
        "endorse: error: statements/cambodia-2021.toml: statement 'cambodia-2021' already "
        "exists; nothing was written\n"
        "  choose another slug, or edit the existing file\n"
    )
    assert (project / "statements" / "cambodia-2021.toml").read_bytes() == before


def test_init_says_form_rows_arrive_pending(tmp_path: Path, cli: Invoke) -> None:
    import tomli

    cli("init", "letter", "--title", "A letter", "--root", str(tmp_path))
    text = (tmp_path / "statements" / "letter.toml").read_text(encoding="utf-8")
    assert tomli.loads(text)["import"] == {"status": "pending"}
