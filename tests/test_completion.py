"""Shell completion: statement slugs and group ids from the project's files."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest
import typer
from typer.testing import CliRunner

from endorse.cli.app import app
from endorse.cli.completion import complete_group_id, complete_statement_slug


def context(**params: object) -> typer.Context:
    """What a completion callback reads of Typer's context: the values parsed so far."""
    return cast(typer.Context, SimpleNamespace(params=params))


def test_slugs_complete_from_statements(project: Path) -> None:
    (project / "statements" / "climate-2024.toml").write_text("schema = 1\n", encoding="utf-8")
    assert complete_statement_slug(context(), "") == ["cambodia-2021", "climate-2024"]
    assert complete_statement_slug(context(), "cl") == ["climate-2024"]


def test_group_ids_of_the_chosen_statement(project: Path) -> None:
    (project / "statements" / "other.toml").write_text(
        'schema = 1\n[[groups]]\nid = "signers"\n', encoding="utf-8"
    )
    ids = complete_group_id(context(slug="cambodia-2021"), "")
    assert ids == ["endorsers", "networks", "organizers", "speakers"]
    assert complete_group_id(context(slug="other"), "") == ["signers"]
    assert complete_group_id(context(), "s") == ["signers", "speakers"]


def test_completion_outside_a_project_is_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ENDORSE_ROOT", raising=False)
    assert complete_statement_slug(context(), "") == []
    assert complete_group_id(context(), "") == []


def test_bash_completion_of_render(project: Path) -> None:
    result = CliRunner().invoke(
        app,
        [],
        prog_name="endorse",
        env={
            "_ENDORSE_COMPLETE": "complete_bash",
            "COMP_WORDS": "endorse render ca",
            "COMP_CWORD": "2",
        },
    )
    assert result.stdout.split() == ["cambodia-2021"]
