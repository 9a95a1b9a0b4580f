"""Property: whatever the names, the page lists each confirmed signatory once, as written (escaped,
never markup), with render's number, and counts what stats counts."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from endorse.project.load import load_project
from endorse.render.document import build_document
from endorse.render.site import build_site
from endorse.render.stats import compute
from tests.test_site import Page

STATEMENT = """schema = 1
title = "Letter"
status = "open"
lang = "en"
body = "We sign."

[[groups]]
id = "first"
heading = "First:"

[[groups]]
id = "second"
heading = "Second:"
style = "bulleted"

[translations.km]
title = "លិខិត"
"""
# Letters, accents, Khmer and the characters HTML and scripts care about.
PIECES = [*"abcXYZéñø<>&\"'/;{}$`=-", "Ā", "ß", "ខ្មែរ", "កុ"]
WORD = st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join)
ENTRY = st.tuples(
    st.lists(WORD, min_size=1, max_size=3).map(" ".join),
    st.sampled_from(["first", "second"]),
    st.sampled_from(["confirmed", "confirmed", "pending", "withdrawn"]),
    st.sampled_from([None, "KH", "FR"]),
)
examples = {"count": 0}


def toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ENTRY, max_size=12, unique_by=lambda entry: entry[0].casefold()))
def the_page_lists_what_render_prints(entries: list[tuple[str, str, str, str | None]]) -> None:
    examples["count"] += 1
    root = Path(tempfile.mkdtemp())
    try:
        (root / "statements").mkdir()
        (root / "signatories").mkdir()
        (root / "statements" / "letter.toml").write_text(STATEMENT, encoding="utf-8")
        tables = "".join(
            f"[[signatory]]\nname = {toml_string(name)}\ngroup = {toml_string(group)}\n"
            f"status = {toml_string(status)}\n"
            + (f"country = {toml_string(country)}\n" if country else "")
            + ('withdrawn_reason = "x"\n' if status == "withdrawn" else "")
            + "\n"
            for name, group, status, country in entries
        )
        (root / "signatories" / "letter.toml").write_text(
            "schema = 1\n\n" + tables, encoding="utf-8"
        )
        loaded = load_project(root).get("letter")
        assert not loaded.invalid, [e.problems for e in loaded.invalid]
        files = build_site(loaded, downloads=()).files
        document = build_document(loaded)
        figures = compute(loaded)
        for path in ("index.html", "km/index.html"):
            page_html = files[path]
            assert isinstance(page_html, str)
            page = Page(page_html)
            expected = [
                (section.group_id, item.display_name)
                for section in document.sections
                for item in section.items
            ]
            assert [(group, text) for group, _, _, text in page.rows] == expected
            numbered = [number for group, _, number, _ in page.rows if group == "first"]
            assert len(numbered) == len(set(numbered))
            digits = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩" if "km" in path else "0123456789")
            assert page.groups == {k: str(v).translate(digits) for k, v in figures.by_group.items()}
            assert page_html.count("<script>") == 1
            printed = [item.name for section in document.sections for item in section.items]
            assert all(str(escape(name)) in page_html for name in printed)
    finally:
        shutil.rmtree(root)


def test_the_page_lists_what_render_prints() -> None:
    the_page_lists_what_render_prints()
    assert examples["count"] >= 40
