"""`endorse init --github`: an issue form GitHub accepts, and workflows that run intake safely."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from endorse.edit.github_setup import CREATE_PULL_REQUEST, NO_SOURCE, issue_form, quoted
from endorse.edit.issue_form import LABELS, country_code, group_id, group_options
from endorse.format.countries import ISO_3166_ALPHA2
from endorse.format.models import Statement
from endorse.install import ToolSource
from tests.conftest import REPO, Invoke

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


# --- GitHub's own schemas, the jobs' permissions, the install source -----------------------


def validate(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema with the schema it vendors (SchemaStore's, which GitHub's editors use)."""
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", f"vendor.{schema}"]
        + [str(file) for file in files],
        capture_output=True,
        text=True,
        check=False,
    )


def written_files(root: Path) -> tuple[list[Path], list[Path]]:
    github = root / ".github"
    return sorted((github / "workflows").glob("*.yml")), sorted(
        (github / "ISSUE_TEMPLATE").glob("*.yml")
    )


@pytest.mark.parametrize("source", [SOURCE, ()], ids=["pinned", "unknown"])
def test_the_generated_files_pass_githubs_schemas(
    empty: Path, cli: Invoke, source: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "endorse.install.recorded_tool_source", lambda: ToolSource(None, None, "unknown here")
    )
    cli("init", "demo", "--title", "Demo letter", "--github", *source)
    cli("init", "demo", "--github")  # keeps every file; a second statement adds its own:
    cli(
        "init",
        "other",
        "--title",
        "Ünïcode: “quoted” {x} # not a comment",
        "--group",
        "none=None",
        "--group",
        "a=Endorsed by:",
        "--group",
        "b=Endorsed by:",
        "--github",
    )
    workflows, forms = written_files(empty)
    assert [w.name for w in workflows] == [
        "check.yml",
        "pages.yml",
        "sign-demo.yml",
        "sign-other.yml",
    ]
    for schema, files in (("github-workflows", workflows), ("github-issue-forms", forms)):
        done = validate(schema, *files)
        assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_bites(tmp_path: Path) -> None:
    """The validator refuses what GitHub refuses (so passing it means something)."""
    form = tmp_path / "form.yml"
    form.write_text("name: x\ndescription: y\nbody:\n  - type: dropdown\n    id: g\n")
    assert validate("github-issue-forms", form).returncode == 1
    workflow = tmp_path / "w.yml"
    workflow.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout: 5\n")
    assert validate("github-workflows", workflow).returncode == 1


def test_this_repositorys_workflow_and_action_pass_githubs_schemas() -> None:
    done = validate("github-workflows", *sorted((REPO / ".github" / "workflows").glob("*.yml")))
    assert done.returncode == 0, done.stdout + done.stderr
    done = validate("github-actions", REPO / "action.yml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_job_has_a_timeout_and_the_least_permissions(empty: Path, cli: Invoke) -> None:
    cli("init", "demo", "--title", "Demo letter", "--github", *SOURCE)
    workflows, _ = written_files(empty)
    permissions = {}
    for path in workflows:
        text = path.read_text()
        assert "pull_request_target" not in text.replace("never pull_request_target", "")
        workflow = yaml.safe_load(text)
        assert workflow["permissions"] == {}, path.name  # nothing unless a job asks
        for name, job in workflow["jobs"].items():
            assert job["timeout-minutes"] == 15
            permissions[f"{path.stem}.{name}"] = job["permissions"]
            for step in job["steps"]:
                # Script injection: no expression is pasted into a shell; values come by env.
                assert "${{" not in step.get("run", ""), (path.name, step)
                if step.get("uses", "").startswith("actions/checkout@"):
                    keeps = step.get("with", {}).get("persist-credentials", True)
                    assert keeps is (name == "intake"), (path.name, name)  # only it pushes
    assert permissions == {
        "check.check": {"contents": "read"},
        "pages.build": {"contents": "read"},
        "pages.deploy": {"pages": "write", "id-token": "write"},
        "sign-demo.intake": {"contents": "write", "pull-requests": "write", "issues": "write"},
    }
    check = yaml.safe_load((empty / ".github" / "workflows" / "check.yml").read_text())
    # PyYAML reads `on` as True; the write token never meets a pull request's code.
    assert set(check[True]) == {"push", "pull_request"}
    pages = yaml.safe_load((empty / ".github" / "workflows" / "pages.yml").read_text())
    assert pages["jobs"]["build"]["if"] == (
        "github.ref_name == github.event.repository.default_branch"
    )


def test_the_install_step_pins_the_given_source(empty: Path, cli: Invoke) -> None:
    result = cli("init", "demo", "--title", "Demo letter", "--github", *SOURCE)
    requirement = f"endorse[all] @ git+https://github.com/example/endorse@{SHA}"
    assert f"the workflows install {requirement} (given with --tool-source)" in result.stdout
    workflows, _ = written_files(empty)
    for path in workflows:
        steps = [
            s for job in yaml.safe_load(path.read_text())["jobs"].values() for s in job["steps"]
        ]
        installs = [s["run"] for s in steps if s.get("name") == "Install endorse"]
        assert installs == [f'python -m pip install "{requirement}"'], path.name


def test_a_tag_is_accepted_with_a_warning(empty: Path, cli: Invoke) -> None:
    result = cli(
        "init", "demo", "--title", "D", "--github", "--tool-source", "https://github.com/o/e@v1"
    )
    assert "note: 'v1' is not a commit hash; a tag or a branch can move" in result.stdout


def test_without_a_known_source_the_workflows_fail_and_say_why(
    empty: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "endorse.install.recorded_tool_source",
        lambda: ToolSource(None, None, "installed from an archive, not a git repository"),
    )
    result = cli("init", "demo", "--title", "Demo letter", "--github")
    assert (
        "the workflows do not know where to install endorse from (installed from an archive, "
        "not a git repository): they fail until it is set." in result.stdout
    )
    # Run again over kept workflows: nothing is said of what they install, since they keep it.
    form = empty / ".github" / "ISSUE_TEMPLATE" / "sign-demo.yml"
    form.unlink()
    again = cli("init", "demo", "--github")
    assert "created .github/ISSUE_TEMPLATE/sign-demo.yml" in again.stdout
    assert "install endorse from" not in again.stdout
    for path in written_files(empty)[0]:
        text = path.read_text()
        assert "pip install" not in text
        assert f'echo "::error::{NO_SOURCE} (docs/ci.md)"\n' in text


def test_tool_source_goes_with_github(empty: Path, cli: Invoke) -> None:
    result = cli("init", "demo", "--title", "D", *SOURCE, code=2)
    assert result.stderr.splitlines()[0] == "endorse: error: --tool-source goes with --github"
    result = cli("init", "demo", "--title", "D", "--github", "--tool-source", "x", code=2)
    assert result.stderr.splitlines()[0] == "endorse: error: --tool-source wants URL@REF, not 'x'"
    assert not (empty / ".github").exists()


def statement_with(*groups: tuple[str, str], public: list[str] | None = None) -> Statement:
    return Statement.model_validate(
        {
            "schema": 1,
            "title": "T",
            "groups": [
                {"id": i, "heading": h, **({"style": "sentence"} if "{signatories}" in h else {})}
                for i, h in groups
            ],
            **({"public_groups": public} if public else {}),
        }
    )


def test_group_options_are_headings_that_map_back_to_ids() -> None:
    statement = statement_with(
        ("organizers", "Prepared by:"),
        ("joined", "Endorsed by:"),
        ("endorsers", "Endorsed by:"),
        ("network", "Also endorsed by {signatories} of the network."),
        ("none", "None"),
        ("long", "x" * 400),
        ("endorsed", "endorsers"),  # a heading that is another group's id
    )
    options = group_options(statement)
    assert options == {
        "Prepared by:": "organizers",
        "Endorsed by: (joined)": "joined",
        "Endorsed by: (endorsers)": "endorsers",
        "Also endorsed by … of the network.": "network",
        "None (none)": "none",
        "x" * 149 + "…": "long",
        "endorsers (endorsed)": "endorsed",
    }
    for option, group in options.items():
        assert group_id(option, statement) == group
        assert group_id(group, statement) == group  # a form written before showed the ids
    assert group_id("Endorsed by:", statement) is None
    assert group_id("speakers", statement) is None
    public = statement_with(("a", "A:"), ("b", "B:"), public=["b"])
    assert group_options(public) == {"B:": "b"}
    assert group_id("a", public) is None


def test_the_form_lists_countries_in_the_order_people_read() -> None:
    from endorse.edit.github_setup import country_options

    options = country_options()
    assert options[:3] == ["Afghanistan (AF)", "Åland Islands (AX)", "Albania (AL)"]
    assert options.index("Côte d'Ivoire (CI)") < options.index("Croatia (HR)")
    assert options.index("Türkiye (TR)") < options.index("Turks and Caicos Islands (TC)")
