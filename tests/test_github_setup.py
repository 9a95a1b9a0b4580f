"""`endorse init --github`: an issue form GitHub accepts, and workflows that run intake safely."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from endorse.edit.github_setup import CREATE_PULL_REQUEST, NO_SOURCE, issue_form, quoted
from endorse.edit.issue_form import LABELS, country_code, group_id, group_options
from endorse.format.countries import ISO_3166_ALPHA2
from endorse.format.models import Statement
from tests.conftest import Invoke

SHA = "0123456789abcdef0123456789abcdef01234567"
SOURCE = ("--tool-source", f"https://github.com/example/endorse@{SHA}")
ELEMENT_TYPES = {"markdown", "textarea", "input", "dropdown", "checkboxes"}


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ENDORSE_ROOT", raising=False)
    return tmp_path


def require_valid_issue_form(form: Any) -> None:
    """The rules of GitHub's issue-form schema that a form can break."""
    assert isinstance(form, dict)
    for key in ("name", "description", "body"):
        assert isinstance(form[key], str if key != "body" else list) and form[key], key
    ids = [element["id"] for element in form["body"] if "id" in element]
    assert len(ids) == len(set(ids)), "ids are unique"
    labels = []
    for element in form["body"]:
        assert element["type"] in ELEMENT_TYPES
        attributes = element["attributes"]
        if element["type"] == "markdown":
            assert isinstance(attributes["value"], str) and attributes["value"]
            continue
        assert isinstance(attributes["label"], str) and attributes["label"]
        labels.append(attributes["label"])
        if element["type"] == "dropdown":
            options = attributes["options"]
            assert options and all(isinstance(o, str) and o for o in options)
            assert len(options) == len(set(options)), "dropdown options are unique"
            assert "None" not in options, "GitHub reserves 'None'"
            if "default" in attributes:
                assert 0 <= attributes["default"] < len(options)
        if element["type"] == "checkboxes":
            for option in attributes["options"]:
                assert isinstance(option["label"], str) and option["label"]
                assert isinstance(option.get("required", False), bool)
        assert isinstance(element.get("validations", {}).get("required", False), bool)
    assert len(labels) == len(set(labels)), "labels are unique"


def test_init_github_writes_the_form_and_workflows(empty: Path, cli: Invoke) -> None:
    result = cli("init", "demo", "--title", "Demo letter", "--github", *SOURCE)
    assert result.stdout.splitlines()[3:7] == [
        "created .github/ISSUE_TEMPLATE/sign-demo.yml",
        "created .github/workflows/sign-demo.yml",
        "created .github/workflows/check.yml",
        "created .github/workflows/pages.yml",
    ]
    form = yaml.safe_load((empty / ".github" / "ISSUE_TEMPLATE" / "sign-demo.yml").read_text())
    require_valid_issue_form(form)
    assert form["labels"] == ["sign-demo"]
    questions = {e["attributes"]["label"]: e for e in form["body"] if e["type"] != "markdown"}
    assert tuple(questions) == LABELS
    assert questions["Group"]["attributes"]["options"] == ["This statement is endorsed by:"]
    assert questions["Kind"]["attributes"]["options"] == ["Organisation", "Individual"]
    [box] = questions["Authorisation"]["attributes"]["options"]
    assert box == {"label": "I am authorised to sign for this organisation", "required": True}
    assert questions["Name"]["validations"]["required"] is True
    assert not any("contact" in label.casefold() for label in questions)
    assert "Issues are public" in form["body"][0]["attributes"]["value"]
    countries = questions["Country"]["attributes"]["options"]
    assert "Cambodia (KH)" in countries
    assert {country_code(option) for option in countries} == ISO_3166_ALPHA2


def test_the_workflows_are_yaml_and_pin_actions_by_commit(empty: Path, cli: Invoke) -> None:
    cli("init", "demo", "--title", "Demo letter", "--github", *SOURCE)
    workflows = empty / ".github" / "workflows"
    sign = yaml.safe_load((workflows / "sign-demo.yml").read_text())
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    assert sign[True] == {"issues": {"types": ["opened", "edited", "reopened", "labeled"]}}
    condition = sign["jobs"]["intake"]["if"]
    assert "github.event.label.name == 'sign-demo'" in condition
    steps = sign["jobs"]["intake"]["steps"]
    uses = [step["uses"] for step in steps if "uses" in step]
    assert all(len(use.split("@")[1]) == 40 for use in uses)
    assert CREATE_PULL_REQUEST.split(" ")[0] in uses
    runs = "\n".join(step.get("run", "") for step in steps)
    assert 'endorse intake demo --github-event "$GITHUB_EVENT_PATH"' in runs
    assert "github.event.issue.body" not in (workflows / "sign-demo.yml").read_text()
    check = yaml.safe_load((workflows / "check.yml").read_text())
    assert '--pr-author "$AUTHOR"' in check["jobs"]["check"]["steps"][-2]["run"]


def test_init_github_on_an_existing_statement_needs_no_title(empty: Path, cli: Invoke) -> None:
    cli("init", "demo", "--title", "Demo letter")
    result = cli("init", "demo", "--github")
    assert result.stdout.splitlines()[0] == "created .github/ISSUE_TEMPLATE/sign-demo.yml"
    again = cli("init", "demo", "--github")
    assert again.stdout.splitlines()[0] == (
        "kept .github/ISSUE_TEMPLATE/sign-demo.yml (it already existed)"
    )


def test_a_new_statement_still_needs_a_title(empty: Path, cli: Invoke) -> None:
    result = cli("init", "demo", "--github", code=2)
    assert result.stderr.splitlines()[0] == (
        "endorse: error: --title is needed to start a new statement"
    )
    assert not (empty / ".github").exists()


def test_public_groups_limit_the_form() -> None:
    statement = Statement.model_validate(
        {
            "schema": 1,
            "title": 'Say "no": \\ it # not a comment: {x}',
            "groups": [
                {"id": "organizers", "heading": "By:"},
                {"id": "endorsers", "heading": "Endorsed by:"},
            ],
            "public_groups": ["endorsers"],
        }
    )
    form = yaml.safe_load(issue_form("x", statement))
    require_valid_issue_form(form)
    assert form["name"] == 'Sign: Say "no": \\ it # not a comment: {x}'
    group = next(e for e in form["body"] if e.get("id") == "group")
    assert group["attributes"]["options"] == ["Endorsed by:"]


@pytest.mark.parametrize("text", ["a\u2028b", "a\u0085b", 'quote " and \\ and \t', "ខ្មែរ"])
def test_quoted_values_read_back_as_written(text: str) -> None:
    assert yaml.safe_load(f"key: {quoted(text)}") == {"key": text}


def test_public_groups_must_name_groups() -> None:
    with pytest.raises(ValueError, match="public_groups names 'speakers', which is not a group"):
        Statement.model_validate(
            {
                "schema": 1,
                "title": "T",
                "groups": [{"id": "endorsers", "heading": "By:"}],
                "public_groups": ["speakers"],
            }
        )
