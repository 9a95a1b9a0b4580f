"""[[distinct]] names are found by one key: E603, `endorse distinct` and the engine agree."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Invoke

LIST = Path("signatories") / "cambodia-2021.toml"


def record(project: Path, *names: str) -> None:
    path = project / LIST
    pair = ", ".join(f'"{name}"' for name in names)
    path.write_text(
        path.read_text(encoding="utf-8") + f"\n[[distinct]]\nnames = [{pair}]\n", encoding="utf-8"
    )


def test_case_accents_and_punctuation_need_not_match(project: Path, cli: Invoke) -> None:
    record(project, "SÁVE THE CHILDREN", "this-life cambodia")
    result = cli("check", code=0)
    assert "E603" not in result.stdout


def test_a_name_no_signatory_has_is_e603(project: Path, cli: Invoke) -> None:
    record(project, "Save the Children", "Save the Children Cambodia")
    result = cli("check", code=1)
    assert "E603 distinct-unknown-name: [[distinct]] names 'Save the Children Cambodia'" in (
        result.stdout
    )


def test_distinct_refuses_a_pair_recorded_under_another_spelling(
    open_project: Path, cli: Invoke
) -> None:
    record(open_project, "SÁVE THE CHILDREN", "this-life cambodia")
    result = cli("distinct", "cambodia-2021", "Save the Children", "This Life Cambodia", code=1)
    assert "are already recorded as distinct" in result.stderr


def test_a_signer_naming_both_sides_of_a_record_is_told_apart_by_neither(
    project: Path, cli: Invoke
) -> None:
    """Found by a red-team pass: an alias naming the other name of a record silenced E301."""
    path = project / LIST
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n[[signatory]]\nname = "Save the Children International"\ngroup = "endorsers"\n'
        + '\n[[signatory]]\nname = "Save the Children International"\ngroup = "endorsers"\n'
        + 'aliases = ["Save the Children"]\n',
        encoding="utf-8",
    )
    record(project, "Save the Children", "Save the Children International")
    result = cli("check", code=1)
    assert "E301" in result.stdout
