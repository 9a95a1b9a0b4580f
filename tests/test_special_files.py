"""Files endorse will not read: too large (E005) or not a file at all (E004)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from endorse.format import tomlsource
from tests.conftest import Invoke


def test_a_file_over_the_limit_is_e005(
    project: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tomlsource, "MAX_FILE_BYTES", 3000)
    result = cli("check", "--format", "json", code=1)
    problems = json.loads(result.stdout)["problems"]
    assert {(p["code"], p["file"]) for p in problems} == {
        ("E005", "statements/cambodia-2021.toml"),
        ("E005", "signatories/cambodia-2021.toml"),
    }
    assert problems[0]["message"] == "file is larger than 3,000 bytes; endorse does not read it"


def test_check_reports_a_list_that_is_a_device(project: Path, cli: Invoke) -> None:
    listing = project / "signatories" / "cambodia-2021.toml"
    listing.unlink()
    listing.symlink_to("/dev/zero")
    result = cli("check", code=1)
    assert "signatories/cambodia-2021.toml: error E004 not-a-regular-file" in result.stdout


FORGED = "x\n::error file=README.md,line=1::forged\x1b[31m.toml"


def test_a_file_name_cannot_forge_lines(project: Path, cli: Invoke) -> None:
    folder = project / "signatories" / "cambodia-2021"
    folder.mkdir()
    (folder / FORGED).write_text('schema = 1\n\n[[signatory]]\nname = "Forged Org"\ngroup = "x"\n')
    for form in ("text", "json"):
        output = cli("check", "--format", form, code=1).stdout
        assert "\x1b" not in output
        assert not [line for line in output.splitlines() if line.startswith("::")]
    github = cli("check", "--format", "github", code=1).stdout.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in github[:-1])
    assert github[-1].startswith("endorse check: ")
    assert "\x1b" not in "\n".join(github)
