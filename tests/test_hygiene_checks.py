"""Text hygiene: what is refused, what is warned about, and what real names must pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from endorse.check.hygiene import Field, mixed_quotes, mixed_script, stray_whitespace
from endorse.format.characters import first_not_nfc
from endorse.format.tomlsource import line_in_value


def field(value: str, label: str = "name") -> Field:
    return Field(label, value, Path("signatories/x.toml"), 3)


@pytest.mark.parametrize(
    "name",
    [
        "Правозащитный центр «Мемориал»",  # Cyrillic only
        "Ελληνικό Συμβούλιο για τους Πρόσφυγες",  # Greek only
        "Save the Children",
        "Société Générale des Œuvres",
        "Krousar Thmey ក្រសារថ្មី",  # Latin and Khmer words side by side
        "UNICEF Україна",  # one script per word
    ],
)
def test_real_names_raise_no_script_warning(name: str) -> None:
    assert mixed_script(field(name)) is None


def test_look_alike_letter_is_named() -> None:
    problem = mixed_script(field("S\u0430ve the Children"))
    assert problem is not None
    assert problem.message == (
        "name 'Sаve the Children': the word 'Sаve' mixes Cyrillic and Latin letters "
        "(U+0430 CYRILLIC SMALL LETTER A at character 2), which often hides a look-alike name"
    )


def test_whitespace_fix_is_the_collapsed_name() -> None:
    problem = stray_whitespace(field(" Save  the Children "))
    assert problem is not None
    assert problem.hint == "write it as 'Save the Children'"


def test_curly_quotes_alone_are_fine() -> None:
    assert mixed_quotes([field("The “Global Study”, the government’s work", "body")]) is None
    assert mixed_quotes([field('The "Global Study", the government\'s work', "body")]) is None


def test_not_nfc_reports_the_composed_form() -> None:
    found = first_not_nfc("Cafe\u0301")
    assert found is not None
    assert found.describe() == (
        "'e\u0301' at character 4 is written as U+0065 U+0301; NFC writes it as U+00E9"
    )
    assert first_not_nfc("Café") is None
    assert first_not_nfc("ក្រសារថ្មី") is None


def test_line_inside_a_multi_line_value() -> None:
    source = "schema = 1\nbody = '''\none\ntwo\nthree\n'''\n"
    value = "one\ntwo\nthree\n"
    assert line_in_value(source, 2, value, value.index("three")) == 5
    inline = "body = '''one\ntwo'''\n"
    assert line_in_value(inline, 1, "one\ntwo", 4) == 2


def test_khmer_zero_width_space_is_still_allowed(project: Path) -> None:
    from endorse.check.run import check_project
    from endorse.project.load import load_project

    path = project / "signatories" / "cambodia-2021.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('name = "Krousar Thmey"', 'name = "Krousar Thmey"\nnote = "ក្រសារ\u200bថ្មី"'),
        encoding="utf-8",
    )
    assert check_project(load_project(project)).problems == []
