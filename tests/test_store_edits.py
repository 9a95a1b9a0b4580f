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


def test_remove_keys_removes_only_their_lines(project: Path, listed: Path) -> None:
    text = listed.read_text(encoding="utf-8").replace(
        'name = "C"\n', 'name = "C"\nacronym = "CC"  # old\nnote = "n"\ncountry = "KH"\n'
    )
    listed.write_text(text, encoding="utf-8")
    line = text.splitlines().index('name = "C"') - 1  # its header: two lines above
    with editing(project, SLUG) as edit:
        edit.remove_keys(listed, "signatory", line, ["acronym", "country", "kind"])
    assert listed.read_text(encoding="utf-8") == text.replace(
        'acronym = "CC"  # old\n', ""
    ).replace('country = "KH"\n', "")


def test_remove_keys_removes_a_multi_line_value(project: Path, listed: Path) -> None:
    text = listed.read_text(encoding="utf-8")
    line = text.splitlines().index('name = "B"') - 1
    with editing(project, SLUG) as edit:
        edit.remove_keys(listed, "signatory", line, ["note"])
    assert listed.read_text(encoding="utf-8") == text.replace("note = '''two\nlines'''\n", "")


def test_an_edit_that_would_change_other_keys_is_refused(
    project: Path, listed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The proof stays: a table editor that touched another key is caught, nothing written."""
    from endorse.format.tomlsource import Layout

    text = listed.read_text(encoding="utf-8")
    line = text.splitlines().index('name = "B"') - 1
    monkeypatch.setattr(Layout, "with_table", lambda *_: text.replace('"A"', '"AA"'))
    with (
        pytest.raises(WriteRefused, match="cannot change this file in place") as refused,
        editing(project, SLUG) as edit,
    ):
        edit.remove_keys(listed, "signatory", line, ["note"])
    assert refused.value.hint == "edit it by hand: remove note"
    assert listed.read_text(encoding="utf-8") == text


@pytest.fixture
def two_files(project: Path) -> tuple[Path, Path]:
    folder = project / "signatories" / SLUG
    folder.mkdir()
    first, second = folder / "one.toml", folder / "two.toml"
    for path, name in ((first, "One"), (second, "Two")):
        path.write_text(
            f'schema = 1\n\n[[signatory]]\nname = "{name}"\ngroup = "endorsers"\n', "utf-8"
        )
    return first, second


def test_delete_a_file_once_emptied(project: Path, two_files: tuple[Path, Path]) -> None:
    first, second = two_files
    with editing(project, SLUG) as edit:
        edit.remove_table(second, "signatory", 3)
        edit.delete(second)
        edit.set_keys(first, "signatory", 3, {"aliases": ["Two"]})
        assert edit.diffs()[-1] == (
            f"--- a/signatories/{SLUG}/two.toml\n+++ /dev/null\n@@ -1,5 +0,0 @@\n"
            '-schema = 1\n-\n-[[signatory]]\n-name = "Two"\n-group = "endorsers"\n'
        )
    assert not second.exists()
    assert first.read_text(encoding="utf-8").endswith('aliases = [\n    "Two",\n]\n')


def test_delete_refuses_a_file_still_holding_a_signer(
    project: Path, two_files: tuple[Path, Path]
) -> None:
    with (
        pytest.raises(WriteRefused, match="still holds more than its schema"),
        editing(project, SLUG) as edit,
    ):
        edit.delete(two_files[1])
    assert two_files[1].exists()


def test_a_dry_run_deletes_nothing(project: Path, two_files: tuple[Path, Path]) -> None:
    with editing(project, SLUG, dry_run=True) as edit:
        edit.remove_table(two_files[1], "signatory", 3)
        edit.delete(two_files[1])
    assert two_files[1].exists()


def test_a_file_changed_meanwhile_is_not_deleted(
    project: Path, two_files: tuple[Path, Path]
) -> None:
    first, second = two_files
    before = first.read_text(encoding="utf-8")
    with (
        pytest.raises(WriteRefused, match="changed while endorse was deleting it"),
        editing(project, SLUG) as edit,
    ):
        edit.remove_table(second, "signatory", 3)
        edit.delete(second)
        edit.set_keys(first, "signatory", 3, {"aliases": ["Two"]})
        second.write_text(second.read_text(encoding="utf-8") + "# edited by hand\n", "utf-8")
    assert second.exists()
    assert first.read_text(encoding="utf-8") == before  # nothing was written
