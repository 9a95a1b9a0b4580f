"""Translations of a statement, names in another script, dates in the language's form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from endorse.check.run import check_project
from endorse.errors import UsageError
from endorse.format.models import Signatory
from endorse.format.problems import Problem
from endorse.project.load import load_project
from endorse.render import language
from endorse.render.document import build_document
from endorse.render.text import render_text
from tests.conftest import Invoke

STATEMENT = Path("statements/cambodia-2021.toml")
KHMER_TITLE = "សេចក្តីថ្លែងការណ៍រួមរបស់សង្គមស៊ីវិលគាំទ្រកុមារដែលត្រូវបានដកហូតសេរីភាពនៅកម្ពុជា"


def problems(root: Path) -> list[Problem]:
    return check_project(load_project(root)).sorted()


def write(root: Path, translation: str, signatories: str = '[[signatory]]\nname = "A"\n') -> None:
    (root / "statements" / "t.toml").write_text(
        'schema = 1\ntitle = "T"\nplace = "Phnom Penh"\ndate = 2021-05-05\nbody = "Body."\n'
        '[[groups]]\nid = "all"\nheading = "Signed by:"\n' + translation,
        encoding="utf-8",
    )
    (root / "signatories" / "t.toml").write_text(f"schema = 1\n{signatories}", encoding="utf-8")


def render(root: Path, slug: str, lang: str | None = None) -> str:
    return render_text(build_document(load_project(root).get(slug), lang=lang))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "5 May 2021"), ("km", "ថ្ងៃទី៥ ខែឧសភា ឆ្នាំ២០២១"), ("km-KH", "ថ្ងៃទី៥ ខែឧសភា ឆ្នាំ២០២១")],
)
def test_dates_render_in_the_language(lang: str, expected: str) -> None:
    assert language.format_date(dt.date(2021, 5, 5), lang) == expected


def test_other_languages_get_iso_dates() -> None:
    assert language.format_date(dt.date(2021, 12, 31), "fr") == "2021-12-31"


def test_khmer_digits() -> None:
    assert language.number(2024, "km") == "២០២៤" and language.number(2024, "en") == "2024"


def test_signatory_collects_name_in_other_scripts() -> None:
    signatory = Signatory.model_validate({"name": "Legal Aid", "name_km": "ជំនួយផ្នែកច្បាប់"})
    assert signatory.names == {"km": "ជំនួយផ្នែកច្បាប់"}
    assert signatory.name_in("km") == "ជំនួយផ្នែកច្បាប់" and signatory.name_in("th") == "Legal Aid"
    assert signatory.model_dump(exclude_defaults=True) == {
        "name": "Legal Aid",
        "name_km": "ជំនួយផ្នែកច្បាប់",
    }


def test_other_unknown_keys_are_still_refused(project: Path) -> None:
    write(project, "", '[[signatory]]\nname = "A"\nname_khmer = "x"\n')
    [problem] = problems(project)
    assert (problem.code, problem.line) == ("E101", 4)
    assert problem.message.startswith("unknown key 'name_khmer' in [[signatory]]")


def test_empty_translated_name_is_named_as_written(project: Path) -> None:
    write(project, "", '[[signatory]]\nname = "A"\nname_km = " "\n')
    [problem] = problems(project)
    assert (problem.code, problem.message) == (
        "E204",
        "'name_km' is empty; write the name as it should print",
    )


def test_example_renders_in_khmer(project: Path, cli: Invoke) -> None:
    text = cli("render", "cambodia-2021", "--lang", "km").stdout
    assert text.startswith(f"{KHMER_TITLE}\n\nភ្នំពេញ ថ្ងៃទី៥ ខែឧសភា ឆ្នាំ២០២១\n\nWe, the undersigned")
    assert "ដូចខាងក្រោម៖\n\n១. Save the Children\n២. This Life Cambodia\n\n" in text
    assert "សេចក្តីថ្លែងការណ៍នេះក៏ត្រូវបានគាំទ្រដោយ NGO Panel for the Global Study" in text


def test_example_translation_passes_check(project: Path, cli: Invoke) -> None:
    assert cli("check").stdout == "ok: 1 statement, 34 signatories checked, no problems\n"


def test_translated_names_and_parts_fall_back(project: Path) -> None:
    write(
        project,
        '[translations.km]\ntitle = "ចំណងជើង"\nheadings = { all = "ចុះហត្ថលេខាដោយ៖" }\n'
        'untranslated = ["place", "body"]\n',
        '[[signatory]]\nname = "Alpha"\nname_km = "អាល់ហ្វា"\n[[signatory]]\nname = "Beta"\n',
    )
    assert render(project, "t", "km") == (
        "ចំណងជើង\n\nPhnom Penh ថ្ងៃទី៥ ខែឧសភា ឆ្នាំ២០២១\n\nBody.\n\n"
        "ចុះហត្ថលេខាដោយ៖\n\n១. អាល់ហ្វា\n២. Beta\n"
    )
    assert render(project, "t").endswith("Signed by:\n\n1. Alpha\n2. Beta\n")


def test_unknown_language_is_a_usage_error(project: Path) -> None:
    with pytest.raises(UsageError) as caught:
        build_document(load_project(project).get("cambodia-2021"), lang="fr")
    assert caught.value.message == "statement 'cambodia-2021' has no translation into 'fr'"
    assert caught.value.hint == ("use --lang with one of: en, km, or add a [translations.fr] table")


def test_check_warns_about_missing_parts(project: Path, cli: Invoke) -> None:
    write(project, '\n[translations.km]\ntitle = "ចំណងជើង"\n')
    [problem] = problems(project)
    assert (problem.code, problem.severity.value, problem.line) == ("W501", "warning", 10)
    assert problem.message == (
        "[translations.km] does not translate: place, body, headings.all; "
        "the original text prints in their place"
    )
    result = cli("check")  # a warning: exit 0
    assert "warning W501 translation-incomplete" in result.stdout


def test_check_refuses_headings_of_unknown_groups(project: Path) -> None:
    write(
        project,
        '[translations.km]\ntitle = "x"\nplace = "x"\nbody = "x"\n'
        'headings = { all = "x", everyone = "y" }\n',
    )
    [problem] = problems(project)
    assert (problem.code, problem.line) == ("E502", 13)
    assert problem.message == (
        "[translations.km] translates the heading of group 'everyone', "
        "which this statement does not define"
    )


def test_check_refuses_a_sentence_heading_without_placeholder(project: Path) -> None:
    text = (project / STATEMENT).read_text(encoding="utf-8")
    (project / STATEMENT).write_text(
        text.replace("គាំទ្រដោយ {signatories}។", "គាំទ្រដោយ។"), encoding="utf-8"
    )
    [problem] = problems(project)
    assert problem.code == "E503"
    assert problem.message == (
        "[translations.km] heading of sentence group 'networks' has no {signatories}, "
        "where the names go"
    )


def test_bad_language_tag_is_reported(project: Path) -> None:
    write(project, '[translations.KM]\ntitle = "x"\n')
    [problem] = problems(project)
    assert problem.code == "E103"
    assert problem.message == "KM: 'KM' is not a language tag (like 'km' or 'en')"
    assert problem.line == 9


def test_html_carries_the_language(project: Path, cli: Invoke) -> None:
    page = cli("render", "cambodia-2021", "--lang", "km", "--format", "html").stdout
    assert '<html lang="km">' in page and f"<h1>{KHMER_TITLE}</h1>" in page


def test_khmer_counts_line(project: Path, cli: Invoke) -> None:
    text = cli("render", "cambodia-2021", "--lang", "km", "--counts").stdout
    assert "\n\nគាំទ្រដោយអង្គការចំនួន ៣៤\n\n" in text
