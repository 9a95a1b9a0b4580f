"""Print order by the Unicode Collation Algorithm (issue 17): root collation, punctuation aside."""

from __future__ import annotations

import string
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from endorse.project.load import load_project
from endorse.project.names import ASCII_ELEMENTS, SPACE, _collator, _words, collation_key
from endorse.render.document import build_document
from tests.conftest import Invoke

STATEMENT = 'schema = 1\ntitle = "T"\n\n[[groups]]\nid = "all"\nheading = "Signed by:"\n'


def flat(key: str) -> tuple[int, ...]:
    """The UCA's key as pyuca writes it: weights, levels separated by 0 and ended by one."""
    return (*map(ord, key), 0)


def sort(names: list[str]) -> list[str]:
    return sorted(names, key=lambda name: (collation_key(name), name))


def test_the_built_in_ascii_weights_are_the_tables() -> None:
    collator = _collator()
    for char in string.ascii_letters + string.digits + " ":
        expected = tuple(collator.collation_elements(char)[0])
        assert (SPACE if char == " " else ASCII_ELEMENTS[char]) == expected, char


examples = {"count": 0}


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("aAbBzZéÉøØłŁđĐçÇ ñÑ'“”-.&()0 9\u0301\u0308ខ្មែរ"), max_size=24)
)
def test_key_is_pyucas_sort_key_of_the_words(text: str) -> None:
    examples["count"] += 1
    words = _words(text)
    expected = _collator().sort_key(" ".join(words))
    assert flat(collation_key(text)) == expected


def test_the_property_ran_on_enough_examples() -> None:
    test_key_is_pyucas_sort_key_of_the_words()
    assert examples["count"] >= 300


def test_letters_with_strokes_file_beside_their_base_letter() -> None:
    assert sort(["Zeta", "Øst", "Ozone", "Łódź Org", "Mango", "Đoàn", "Echo", "Ost", "Lodz"]) == [
        "Đoàn",
        "Echo",
        "Lodz",
        "Łódź Org",
        "Mango",
        "Ost",
        "Øst",
        "Ozone",
        "Zeta",
    ]


def test_quotes_and_punctuation_do_not_decide_the_order() -> None:
    assert sort(["“Hope” Org", "Action Aid", "'Friends' International", "Zonta"]) == [
        "Action Aid",
        "'Friends' International",
        "“Hope” Org",
        "Zonta",
    ]


def test_words_come_before_longer_words_and_case_only_breaks_ties() -> None:
    assert sort(["Hopeful", "Hope Org", "hope org", "Höpe Org"]) == [
        "hope org",
        "Hope Org",
        "Höpe Org",
        "Hopeful",
    ]


def write(project: Path, signatories: str) -> None:
    (project / "statements" / "t.toml").write_text(STATEMENT, encoding="utf-8")
    (project / "signatories" / "t.toml").write_text("schema = 1\n\n" + signatories, "utf-8")


def printed(project: Path) -> list[str]:
    document = build_document(load_project(project).get("t"))
    return [item.display_name for section in document.sections for item in section.items]


def test_the_files_under_t_unless_sort_as_says_otherwise(project: Path, cli: Invoke) -> None:
    write(
        project,
        '[[signatory]]\nname = "The Asia Foundation"\n\n'
        '[[signatory]]\nname = "Save the Children"\n\n'
        '[[signatory]]\nname = "Bread for the World"\n',
    )
    assert printed(project) == ["Bread for the World", "Save the Children", "The Asia Foundation"]
    text = (project / "signatories" / "t.toml").read_text(encoding="utf-8")
    text = text.replace('"The Asia Foundation"\n', '"The Asia Foundation"\nsort_as = "Asia"\n')
    (project / "signatories" / "t.toml").write_text(text, encoding="utf-8")
    assert printed(project) == ["The Asia Foundation", "Bread for the World", "Save the Children"]
    assert "sort_as" not in cli("render", "t").stdout
    cli("check")


def test_a_blank_sort_as_is_refused(project: Path) -> None:
    write(project, '[[signatory]]\nname = "A"\nsort_as = " "\n')
    [entry] = load_project(project).statements["t"].invalid
    assert [p.code for p in entry.problems] == ["E204"]
