"""endorse/install.py: the install command for each way endorse is installed, the system
packages PDF needs, and the git source the GitHub workflows are pinned to."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

import pytest

from endorse.errors import UsageError
from endorse.install import (
    CHECKOUT,
    PIPX,
    SYSTEM,
    VENV,
    ToolSource,
    extra_requirements,
    https_url,
    install_command,
    installation,
    missing_extra,
    parse_tool_source,
    pdf_system_packages,
    platform_key,
    recorded_tool_source,
)
from tests.conftest import Invoke, block_imports, git

ALL = ["python-docx>=1.1", "weasyprint>=62", "icu4py>=1.2", "matplotlib>=3.8"]
SHA = "0123456789abcdef0123456789abcdef01234567"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def test_the_all_extra_is_every_other_extra() -> None:
    assert extra_requirements("all") == ALL
    each = extra_requirements("docx") + extra_requirements("pdf") + extra_requirements("charts")
    assert sorted(each) == sorted(ALL)


def test_pipx_is_known_by_its_metadata_file(tmp_path: Path) -> None:
    prefix = tmp_path / "somewhere" / "endorse"
    prefix.mkdir(parents=True)
    (prefix / "pipx_metadata.json").write_text("{}")
    where = installation(prefix=prefix, base_prefix=Path("/usr"), python="/p/python", recorded={})
    assert where.kind == PIPX
    assert install_command(where) == (
        "pipx inject endorse 'python-docx>=1.1' 'weasyprint>=62' 'icu4py>=1.2' 'matplotlib>=3.8'"
    )


def test_pipx_is_known_by_pipx_home(tmp_path: Path) -> None:
    prefix = tmp_path / "pipx" / "venvs" / "endorse-dev"
    prefix.mkdir(parents=True)
    where = installation(
        prefix=prefix,
        base_prefix=Path("/usr"),
        python="/p/python",
        recorded={},
        environ={"PIPX_HOME": str(tmp_path / "pipx")},
    )
    assert where.kind == PIPX
    assert install_command(where).startswith("pipx inject endorse-dev 'python-docx>=1.1'")


def test_a_virtual_environment_gets_its_own_pip(tmp_path: Path) -> None:
    where = installation(
        prefix=tmp_path / "my env",
        base_prefix=Path("/usr"),
        python=str(tmp_path / "my env" / "bin" / "python"),
        recorded={},
        environ={},
    )
    assert where.kind == VENV
    assert install_command(where) == (
        f"'{tmp_path}/my env/bin/python' -m pip install 'endorse[all]'"
    )


def test_a_source_checkout_reinstalls_itself_with_the_extra(tmp_path: Path) -> None:
    recorded = {"url": f"file://{tmp_path}/endorse-tool", "dir_info": {"editable": True}}
    where = installation(
        prefix=tmp_path / ".venv", base_prefix=Path("/usr"), python="/v/python", recorded=recorded
    )
    assert where.kind == CHECKOUT
    assert install_command(where) == (f"/v/python -m pip install -e '{tmp_path}/endorse-tool[all]'")


def test_a_plain_python_installs_for_the_user() -> None:
    where = installation(
        prefix=Path("/usr"), base_prefix=Path("/usr"), python="/usr/bin/python3", recorded={}
    )
    assert where.kind == SYSTEM
    assert install_command(where) == "/usr/bin/python3 -m pip install --user 'endorse[all]'"


@pytest.mark.parametrize(
    ("platform", "os_release", "expected"),
    [
        ("linux", 'ID=ubuntu\nID_LIKE="debian"\n', "debian"),
        ("linux", "ID=debian\n", "debian"),
        ("linux", 'ID=fedora\nNAME="Fedora Linux"\n', "fedora"),
        ("linux", 'ID="rocky"\nID_LIKE="rhel centos fedora"\n', "fedora"),
        ("linux", "ID=alpine\n", None),
        ("darwin", None, "macos"),
        ("win32", None, "windows"),
    ],
)
def test_the_platform_names_its_packages(
    platform: str, os_release: str | None, expected: str | None
) -> None:
    assert platform_key(platform, os_release) == expected


def test_pdf_names_the_system_packages_of_each_platform() -> None:
    assert pdf_system_packages("debian") == (
        "PDF also needs Pango: sudo apt install libpango-1.0-0 libpangoft2-1.0-0 "
        "libharfbuzz-subset0; for Khmer, a Khmer font too (Debian: fonts-khmeros or "
        "fonts-noto-core)"
    )
    assert "brew install pango" in pdf_system_packages("macos")
    assert "sudo dnf install pango" in pdf_system_packages("fedora")
    assert "mingw-w64-x86_64-pango" in pdf_system_packages("windows")
    every = pdf_system_packages(None)
    for name in ("Debian/Ubuntu: sudo apt", "Fedora: sudo dnf", "macOS: brew", "Windows: "):
        assert name in every


def test_the_one_missing_extra_message() -> None:
    where = installation(
        prefix=Path("/home/a/.local/share/pipx/venvs/endorse"),
        base_prefix=Path("/usr"),
        python="/x/python",
        recorded={},
        environ={"PIPX_HOME": "/home/a/.local/share/pipx"},
    )
    error = missing_extra(
        "the pdf format", "weasyprint", alternative="use html", where=where, platform="macos"
    )
    assert error.message == "the pdf format needs weasyprint, which is not installed"
    assert str(error.hint).splitlines() == [
        "install endorse's extras with: pipx inject endorse 'python-docx>=1.1' "
        "'weasyprint>=62' 'icu4py>=1.2' 'matplotlib>=3.8'",
        "PDF also needs Pango: brew install pango; for Khmer, a Khmer font too (Debian: "
        "fonts-khmeros or fonts-noto-core)",
        "(or use html)",
    ]
    chart = missing_extra("the growth chart", "matplotlib", where=where)
    assert "Pango" not in str(chart.hint)


# --- --tool-source and the recorded source -------------------------------------------------


def test_a_given_source_is_read_as_url_and_ref() -> None:
    source = parse_tool_source(f"https://github.com/o/endorse.git@{SHA}")
    assert (source.url, source.ref, source.pinned) == (
        "https://github.com/o/endorse.git",
        SHA,
        True,
    )
    assert source.requirement() == f"endorse[all] @ git+https://github.com/o/endorse.git@{SHA}"
    assert not parse_tool_source("git+https://github.com/o/endorse@v1.2").pinned


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("https://github.com/o/endorse", "--tool-source wants URL@REF, not"),
        ("github.com/o/endorse@main", "--tool-source wants URL@REF, not"),
        ('https://x/"; rm -rf ~; echo "@main', "is not a repository URL a workflow can use"),
        ("https://github.com/o/e@$(id)", "is not a git ref"),
        ("https://github.com/o/e@--upload-pack=x", "is not a git ref"),
    ],
)
def test_a_source_a_workflow_cannot_use_is_refused(given: str, message: str) -> None:
    with pytest.raises(UsageError, match=message.replace("(", r"\(")):
        parse_tool_source(given)


@pytest.mark.parametrize(
    ("remote", "url"),
    [
        ("git@github.com:o/endorse.git", "https://github.com/o/endorse.git"),
        ("ssh://git@github.com/o/endorse", "https://github.com/o/endorse"),
        ("https://github.com/o/endorse.git\n", "https://github.com/o/endorse.git"),
        ("/home/me/endorse", None),
        ("file:///home/me/endorse", None),
    ],
)
def test_remotes_become_urls_a_runner_can_fetch(remote: str, url: str | None) -> None:
    assert https_url(remote) == url


def dist_info(tmp_path: Path, direct_url: dict[str, object], files: dict[str, bytes]) -> Path:
    """A fake installed endorse: its dist-info with direct_url.json and a RECORD of `files`."""
    site = tmp_path / "site"
    info = site / "endorse-0.1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: endorse\nVersion: 0.1.0\n")
    (info / "direct_url.json").write_text(json.dumps(direct_url))
    record = []
    for name, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"endorse/{name},sha256={digest},{len(data)}")
    (info / "RECORD").write_text("\n".join(record) + "\n")
    return info


def test_a_git_install_records_its_url_and_commit(tmp_path: Path) -> None:
    recorded = {
        "url": "https://github.com/o/endorse",
        "vcs_info": {"vcs": "git", "commit_id": SHA, "requested_revision": "main"},
    }
    dist = metadata.PathDistribution(dist_info(tmp_path, recorded, {}))
    assert recorded_tool_source(dist) == ToolSource(
        "https://github.com/o/endorse", SHA, "installed from https://github.com/o/endorse"
    )


def test_an_archive_or_an_index_gives_no_source(tmp_path: Path) -> None:
    archive = {"url": "https://example.org/endorse.tar.gz", "archive_info": {}}
    dist = metadata.PathDistribution(dist_info(tmp_path, archive, {}))
    assert recorded_tool_source(dist).url is None
    info = dist_info(tmp_path / "index", {}, {})
    (info / "direct_url.json").unlink()
    assert recorded_tool_source(metadata.PathDistribution(info)).reason == (
        "the installer recorded no source (installed from an index)"
    )


@pytest.fixture
def clone(tmp_path: Path) -> tuple[Path, str]:
    """A clone of 'https://github.com/o/endorse' whose HEAD is on origin/main."""
    folder = tmp_path / "endorse-tool"
    (folder / "src" / "endorse").mkdir(parents=True)
    (folder / "src" / "endorse" / "__init__.py").write_bytes(b"VERSION = 1\n")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", ".")
    git(folder, "commit", "-qm", "x")
    git(folder, "remote", "add", "origin", "git@github.com:o/endorse.git")
    git(folder, "update-ref", "refs/remotes/origin/main", "HEAD")
    return folder, git(folder, "rev-parse", "HEAD").strip()


@needs_git
def test_a_folder_install_of_a_pushed_clone_is_pinned_to_its_head(
    tmp_path: Path, clone: tuple[Path, str]
) -> None:
    folder, head = clone
    recorded = {"url": folder.as_uri(), "dir_info": {}}
    same = dist_info(tmp_path / "a", recorded, {"__init__.py": b"VERSION = 1\n"})
    source = recorded_tool_source(metadata.PathDistribution(same))
    assert (source.url, source.ref) == ("https://github.com/o/endorse.git", head)
    # Installed from an older state of the clone: the clone's HEAD is not what runs here.
    older = dist_info(tmp_path / "b", recorded, {"__init__.py": b"VERSION = 0\n"})
    # Or with a module the commit does not have.
    more = dist_info(tmp_path / "c", recorded, {"__init__.py": b"VERSION = 1\n", "x.py": b""})
    for other in (older, more):
        assert recorded_tool_source(metadata.PathDistribution(other)).reason == (
            f"the installed endorse is not commit {head[:12]} of {folder}"
        )


@needs_git
def test_an_editable_clone_is_pinned_only_when_clean_and_pushed(
    tmp_path: Path, clone: tuple[Path, str]
) -> None:
    folder, head = clone
    dist = metadata.PathDistribution(
        dist_info(tmp_path, {"url": folder.as_uri(), "dir_info": {"editable": True}}, {})
    )
    assert recorded_tool_source(dist).ref == head
    (folder / "src" / "endorse" / "__init__.py").write_bytes(b"VERSION = 2\n")
    assert recorded_tool_source(dist).reason == f"{folder} has uncommitted changes to endorse"
    git(folder, "commit", "-qam", "unpushed")
    assert recorded_tool_source(dist).reason.endswith(
        f"of {folder} is on no remote branch a workflow can fetch"
    )


@needs_git
def test_the_placeholder_step_fails_with_its_message() -> None:
    """The placeholder step fails with the message, run by bash as a runner would."""
    from endorse.edit.github_setup import NO_SOURCE, install_step

    step = install_step(ToolSource(None, None, "unknown"), indent="")
    script = step.split("run: |\n", 1)[1]
    done = subprocess.run(["bash", "-e", "-c", script], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stdout == f"::error::{NO_SOURCE} (docs/ci.md)\n"


def test_the_pdf_message_through_the_cli(
    project: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each line of the hint on its own indented line: the command can be copied whole."""
    block_imports(monkeypatch, "weasyprint")
    monkeypatch.setattr("endorse.install.platform_key", lambda: "fedora")
    lines = cli("render", "cambodia-2021", "-o", "statement.pdf", code=1).stderr.splitlines()
    assert lines == [
        "endorse: error: the pdf format needs weasyprint, which is not installed",
        f"  install endorse's extras with: {install_command(installation())}",
        "  PDF also needs Pango: sudo dnf install pango; for Khmer, a Khmer font too (Debian: "
        "fonts-khmeros or fonts-noto-core)",
        "  (or use --format html and Print to PDF)",
    ]


def test_a_local_git_install_is_not_a_source_for_a_runner(tmp_path: Path) -> None:
    recorded = {"url": "file:///home/me/endorse", "vcs_info": {"vcs": "git", "commit_id": SHA}}
    dist = metadata.PathDistribution(dist_info(tmp_path, recorded, {}))
    assert recorded_tool_source(dist).reason == (
        "installed from git at 'file:///home/me/endorse', which a GitHub runner cannot fetch"
    )
