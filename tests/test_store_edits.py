"""Edit.set_top_keys and Edit.remove_table: each change is proved to touch nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from endorse.edit.store import editing
from endorse.errors import EndorseError, WriteRefused

SLUG = "cambodia-2021"
LIST = """schema = 1

# first
[[signatory]]
name = "A"  # a comment

# about B
[[signatory]]
name = "B"
note = '''two
lines'''
# after B's keys: about what follows

[[signatory]]
name = "C"
"""


@pytest.fixture
def listed(project: Path) -> Path:
    path = project / "signatories" / f"{SLUG}.toml"
    path.write_text(LIST.replace('name = "', 'group = "endorsers"\nname = "'), encoding="utf-8")
    return path


def test_remove_table_leaves_comments_and_neighbours(project: Path, listed: Path) -> None:
    text = listed.read_text(encoding="utf-8")
    with editing(project, SLUG) as edit:
        line = text.splitlines().index("[[signatory]]", 5) + 1
        edit.remove_table(listed, "signatory", line)
    assert listed.read_text(encoding="utf-8") == text.replace(
        "[[signatory]]\ngroup = \"endorsers\"\nname = \"B\"\nnote = '''two\nlines'''\n", ""
    )


def test_remove_the_last_table(project: Path, listed: Path) -> None:
    text = listed.read_text(encoding="utf-8")
    last = len(text.splitlines()) - 2
    with editing(project, SLUG) as edit:
        edit.remove_table(listed, "signatory", last)
    assert listed.read_text(encoding="utf-8") == text[: text.rindex("\n[[signatory]]")]


def test_remove_table_at_a_line_without_one_is_refused(project: Path, listed: Path) -> None:
    with (
        pytest.raises(EndorseError, match="cannot find this entry's table"),
        editing(project, SLUG) as edit,
    ):
        edit.remove_table(listed, "signatory", 2)


def test_set_top_keys_changes_or_inserts_one_line(project: Path) -> None:
    path = project / "statements" / f"{SLUG}.toml"
    text = path.read_text(encoding="utf-8")
    with editing(project, SLUG) as edit:
        edit.set_top_keys(path, {"status": "open", "file_per_signer": False})
    after = path.read_text(encoding="utf-8")
    assert (
        after.replace('status = "open"', 'status = "published"').replace(
            "file_per_signer = false\n", ""
        )
        == text
    )
    assert after.count("file_per_signer = false\n") == 1


def test_nothing_is_written_when_a_later_step_fails(project: Path, listed: Path) -> None:
    text = listed.read_text(encoding="utf-8")
    with pytest.raises(WriteRefused), editing(project, SLUG) as edit:
        edit.remove_table(listed, "signatory", 4)
        raise WriteRefused("stop")
    assert listed.read_text(encoding="utf-8") == text
