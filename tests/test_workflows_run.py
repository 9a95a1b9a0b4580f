"""The workflows `init --github` writes, run step by step as a runner would run them.

A scratch coalition repository gets its GitHub files from `init --github --tool-source`,
pointed at a git copy of this checkout (the working tree as it is, committed): the workflows'
own install step installs endorse from it into a fresh virtual environment, the way a runner
installs it from the tool's repository. Each `run:` step then runs in order with bash, with the
variables a runner sets (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, GITHUB_EVENT_PATH...), its `env:`
expressions filled in from the event and its `if:` evaluated; a step that `uses:` an action is
replaced by what the action does (checkout and setup-python: the scratch clone and the venv;
create-pull-request: a branch and a commit; gh: a stand-in that records the reply).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO, git

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

EVENTS = REPO / "tests" / "data" / "github"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


@pytest.fixture(scope="session")
def tool(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git repository holding this checkout's files as they are now, and its commit."""
    copy = tmp_path_factory.mktemp("endorse-tool")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    git(copy, "init", "-q", "-b", "main")
    git(copy, "add", "-A")
    git(copy, "commit", "-qm", "endorse as tested")
    return copy, git(copy, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="session")
def runner_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The runner's Python after setup-python: a fresh virtual environment, nothing in it."""
    venv = tmp_path_factory.mktemp("runner") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    # setup-python brings a current pip; an old one (23.x) cannot read git+file:/// URLs.
    subprocess.run(
        [venv / "bin" / "python", "-m", "pip", "install", "-q", "--upgrade", "pip"],
        capture_output=True,
        check=True,
    )
    gh = venv / "bin" / "gh"  # the GitHub CLI's stand-in: records what it was asked
    gh.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$RUNNER_TEMP/gh-args"\n')
    gh.chmod(gh.stat().st_mode | stat.S_IXUSR)
    return venv / "bin"


@dataclass
class Run:
    """One job run: what each step printed, its exit status, and the files a runner keeps."""

    ran: dict[str, subprocess.CompletedProcess[str]] = field(default_factory=dict)
    replaced: list[str] = field(default_factory=list)
    summary: str = ""


def run_job(
    job: dict[str, Any],
    root: Path,
    runner_bin: Path,
    *,
    event_name: str,
    event: dict[str, Any],
    context: dict[str, str],
    uses: Callable[[str, dict[str, Any]], None],
    temp: Path,
) -> Run:
    """Every step of `job` in order, as a runner runs it; stops at the first failing step."""
    temp.mkdir(parents=True, exist_ok=True)
    event_path = temp / "event.json"
    event_path.write_text(json.dumps(event))
    summary = temp / "summary.md"
    summary.touch()
    outputs: dict[str, dict[str, str]] = {}
    failed = False
    done = Run()
    for number, step in enumerate(job["steps"]):
        name = step.get("name") or step.get("uses") or f"step {number}"
        if not condition(step.get("if"), event_name, outputs, failed):
            continue
        if "uses" in step:
            uses(step["uses"].split("@")[0], step.get("with", {}))
            done.replaced.append(step["uses"].split("@")[0])
            continue
        output = temp / f"output-{number}"
        output.touch()
        env = {
            "PATH": f"{runner_bin}{os.pathsep}{os.environ['PATH']}",
            "HOME": str(temp),
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_EVENT_NAME": event_name,
            "GITHUB_EVENT_PATH": str(event_path),
            "GITHUB_OUTPUT": str(output),
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_REPOSITORY": "coalition/demo-letter",
            "GITHUB_WORKSPACE": str(root),
            "RUNNER_TEMP": str(temp),
            "ENDORSE_NO_CACHE": "1",
        }
        for key, value in (step.get("env") or {}).items():
            env[key] = fill(str(value), context)
        script = temp / f"step-{number}.sh"
        script.write_text(step["run"])
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-e", str(script)],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        done.ran[name] = result
        if step.get("id"):
            lines = output.read_text().splitlines()
            outputs[step["id"]] = dict(line.split("=", 1) for line in lines if "=" in line)
        if result.returncode != 0:
            failed = True
    done.summary = summary.read_text()
    return done


def fill(value: str, context: dict[str, str]) -> str:
    """`${{ expression }}` replaced from the event; an expression the test does not know fails."""
    return EXPRESSION.sub(lambda match: context[match.group(1)], value)


def condition(
    text: str | None, event_name: str, outputs: dict[str, dict[str, str]], failed: bool
) -> bool:
    """A step's `if:`, for the expressions these workflows use."""
    if text is None:
        return not failed
    python = text.replace("&&", " and ").replace("||", " or ").replace("always()", "True")
    python = python.replace("github.event_name", repr(event_name))
    python = re.sub(
        r"steps\.(\w+)\.outputs\.(\w+)",
        lambda match: repr(outputs.get(match.group(1), {}).get(match.group(2), "")),
        python,
    )
    assert re.fullmatch(r"[\w\s'=!().\-\[\]]*", python), python
    result = bool(eval(python, {"__builtins__": {}}, {"True": True}))
    return result if "True" in python else result and not failed


def workflow(root: Path, name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((root / ".github" / "workflows" / name).read_text())
    return loaded


def no_action(name: str, _with: dict[str, Any]) -> None:
    """checkout and setup-python: the scratch clone and the venv are there already."""
    assert name in {"actions/checkout", "actions/setup-python"}, name


def run_check(root: Path, runner_bin: Path, temp: Path, *, base: str = "", author: str = "") -> Run:
    """check.yml's job on a push, or on a pull request from `base` by `author`."""
    return run_job(
        workflow(root, "check.yml")["jobs"]["check"],
        root,
        runner_bin,
        event_name="pull_request" if base else "push",
        event={},
        context={
            "github.event.pull_request.base.sha": base,
            "github.event.pull_request.user.login": author,
        },
        uses=no_action,
        temp=temp,
    )


@pytest.fixture
def coalition(
    tmp_path: Path, tool: tuple[Path, str], runner_bin: Path
) -> tuple[Path, dict[str, Any]]:
    """A coalition's repository made by `init --github`, with its first commit on main."""
    folder, commit = tool
    root = tmp_path / "demo-letter"
    root.mkdir()
    endorse = [sys.executable, "-m", "endorse"]
    made = subprocess.run(
        [
            *endorse,
            "init",
            "demo",
            "--title",
            "Demo letter",
            "--group",
            "organizers=Prepared by:",
            "--group",
            "endorsers=Endorsed by the following organizations:",
            "--github",
            "--tool-source",
            f"{folder.as_uri()}@{commit}",
            "--root",
            str(root),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"git+{folder.as_uri()}@{commit}" in made.stdout
    subprocess.run([*endorse, "open", "demo", "--root", str(root)], capture_output=True, check=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "The statement")
    event = json.loads((EVENTS / "issue-opened.json").read_text())
    event["issue"]["labels"] = [{"name": "sign-demo"}]
    event["issue"]["body"] = event["issue"]["body"].replace(
        "endorsers", "Endorsed by the following organizations:"
    )
    return root, event


def test_intake_then_the_pull_requests_check(
    coalition: tuple[Path, dict[str, Any]], runner_bin: Path, tmp_path: Path
) -> None:
    root, event = coalition
    base = git(root, "rev-parse", "HEAD").strip()

    # 1. The sign workflow, on the issue.
    opened: list[dict[str, Any]] = []

    def sign_actions(name: str, given: dict[str, Any]) -> None:
        if name == "peter-evans/create-pull-request":
            git(root, "checkout", "-q", "-b", "sign-demo/issue-7")
            git(root, "add", "--", *root.glob("signatories/demo/*.toml"))
            git(root, "commit", "-qm", fill(given["commit-message"], issue_context))
            opened.append(given)
        else:
            no_action(name, given)

    number = str(event["issue"]["number"])
    issue_context = {"github.event.issue.number": number, "github.token": "t"}
    intake = run_job(
        workflow(root, "sign-demo.yml")["jobs"]["intake"],
        root,
        runner_bin,
        event_name="issues",
        event=event,
        context=issue_context,
        uses=sign_actions,
        temp=tmp_path / "intake",
    )
    assert [r.returncode for r in intake.ran.values()] == [0, 0, 0], {
        name: r.stdout + r.stderr for name, r in intake.ran.items()
    }
    assert intake.replaced == [
        "actions/checkout",
        "actions/setup-python",
        "peter-evans/create-pull-request",
    ]
    added = root / "signatories" / "demo" / "khmer-youth-association.toml"
    assert 'group = "endorsers"\n' in added.read_text()  # the heading, kept as its id
    assert (tmp_path / "intake" / "gh-args").read_text().splitlines() == [
        "issue",
        "comment",
        number,
        "--repo",
        "coalition/demo-letter",
        "--body-file",
        str(tmp_path / "intake" / "reply.md"),
    ]
    assert (tmp_path / "intake" / "reply.md").read_text().startswith("Thank you")

    # 2. The check workflow on that pull request, opened by the bot: it passes, and its
    # summary shows the problems, the counts, the change and the text.
    by_bot = run_check(root, runner_bin, tmp_path / "bot", base=base, author="github-actions[bot]")
    assert {name: r.returncode for name, r in by_bot.ran.items()} == {
        "Install endorse": 0,
        "Check statements and signatories": 0,
        "Refuse edits to closed statements, and signatures for someone else": 0,
        "Job summary": 0,
    }
    assert by_bot.summary.startswith("## endorse check\n\n````text\nok: 1 statement")
    assert "## demo\n" in by_bot.summary
    assert "Khmer Youth Association" in by_bot.summary  # in the changes
    assert "### The text as it will be published" in by_bot.summary

    # 3. The same change in a pull request by someone who is not the signer: refused, with an
    # annotation on the signer's file.
    by_other = run_check(root, runner_bin, tmp_path / "other", base=base, author="mallory")
    refused = by_other.ran["Refuse edits to closed statements, and signatures for someone else"]
    assert refused.returncode == 1
    assert "::error file=signatories/demo/khmer-youth-association.toml" in refused.stdout
    assert "E901" in refused.stdout
    assert by_other.ran["Job summary"].returncode == 0  # always(): the summary still comes


def test_the_check_on_a_push_and_the_pages_build(
    coalition: tuple[Path, dict[str, Any]], runner_bin: Path, tmp_path: Path
) -> None:
    root, _ = coalition
    pushed = run_check(root, runner_bin, tmp_path / "push")
    assert [r.returncode for r in pushed.ran.values()] == [0, 0, 0]
    assert "Refuse edits to closed statements, and signatures for someone else" not in pushed.ran
    assert "## demo\n" in pushed.summary  # every statement on a push

    has_site = subprocess.run(
        [str(runner_bin / "endorse"), "site", "--help"], capture_output=True, check=False
    )
    if has_site.returncode != 0:
        pytest.skip("this endorse has no 'site' command yet: the Pages build cannot run")
    uploaded: list[Path] = []

    def pages_actions(name: str, given: dict[str, Any]) -> None:
        if name == "actions/upload-pages-artifact":
            uploaded.append(root / given["path"])
        else:
            no_action(name, given)

    build = run_job(
        workflow(root, "pages.yml")["jobs"]["build"],
        root,
        runner_bin,
        event_name="push",
        event={},
        context={},
        uses=pages_actions,
        temp=tmp_path / "pages",
    )
    assert [r.returncode for r in build.ran.values()] == [0, 0], {
        name: r.stdout + r.stderr for name, r in build.ran.items()
    }
    assert uploaded == [root / "_site"]
    assert (root / "_site" / "index.html").is_file()


def test_the_action_installs_from_its_own_folder_and_runs_the_args(
    tool: tuple[Path, str], tmp_path: Path
) -> None:
    """action.yml's steps, as a runner runs a composite action: `uses: OWNER/endorse@SHA`
    checks the action's repository out into github.action_path (here, the git copy)."""
    folder, _ = tool
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    action = yaml.safe_load((folder / "action.yml").read_text())
    project = tmp_path / "coalition"
    shutil.copytree(REPO / "statements", project / "statements")
    shutil.copytree(REPO / "signatories", project / "signatories")
    context = {
        "github.action_path": str(folder),
        "inputs.args": "check --format github",
        "inputs.python-version": "3.11",
    }
    steps = action["runs"]["steps"]
    assert steps[0]["uses"].startswith("actions/setup-python@")  # the venv stands in for it
    for step in steps[1:]:
        assert step["shell"] == "bash"
        env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}"}
        env |= {key: fill(str(value), context) for key, value in step.get("env", {}).items()}
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == (
        "endorse check: 0 errors, 0 warnings, 0 notices (1 statement, 34 signatories checked)\n"
    )
    broken = project / "signatories" / "cambodia-2021.toml"
    broken.write_text(broken.read_text().replace('country = "KH"', 'country = "XX"', 1))
    again = subprocess.run(
        ["bash", "-c", steps[-1]["run"]],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 1
    assert again.stdout.startswith("::error file=signatories/cambodia-2021.toml,line=48")


def test_a_real_git_install_records_its_source(
    tool: tuple[Path, str], runner_bin: Path, tmp_path: Path
) -> None:
    """pip records the git URL and commit (PEP 610) and init reads them; a file:// URL is
    no source for a runner, so init says so and writes the failing step."""
    folder, commit = tool
    subprocess.run(  # the install step of the workflows, as in the tests above
        [
            runner_bin / "python",
            "-m",
            "pip",
            "install",
            "-q",
            f"endorse[all] @ git+{folder.as_uri()}@{commit}",
        ],
        capture_output=True,
        check=True,
    )
    recorded = json.loads(
        subprocess.run(
            [
                runner_bin / "python",
                "-c",
                "from importlib.metadata import distribution as d; "
                "print(d('endorse').read_text('direct_url.json'))",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert recorded["vcs_info"]["commit_id"] == commit
    made = subprocess.run(
        [runner_bin / "endorse", "init", "demo", "--title", "D", "--github", "--root", tmp_path],
        capture_output=True,
        text=True,
        check=True,
    )
    assert (
        f"the workflows do not know where to install endorse from (installed from git at "
        f"'{folder.as_uri()}', which a GitHub runner cannot fetch)" in made.stdout
    )
