"""Any name that `add` accepts comes back from the file, and the rendering, unchanged."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from endorse.edit.add import Invalid, NewSignatory, add_signatory
from endorse.edit.init import init_statement
from endorse.errors import WriteRefused
from endorse.project.load import load_project
from endorse.render.document import build_document
from endorse.render.text import render_text

TRICKY = st.sampled_from(['"', "\\", "#", '"""', "'''", "😀", "ក្រុម", "\u200b", "[[x]]", " = "])
# Printable text most of the time (so that most names are accepted and the property bites),
# any text now and then (so that refusals never turn into crashes).
PRINTABLE = st.text(
    st.characters(
        blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp", "Zs", "Co", "Cn", "Mn", "Me")
    ),
    min_size=1,
    max_size=20,
)
NAMES = st.lists(
    st.one_of(PRINTABLE, PRINTABLE, PRINTABLE, st.text(min_size=1, max_size=20), TRICKY),
    min_size=1,
    max_size=8,
).map("".join)


# About half the generated names are acceptable (the rest hold controls and invisibles on
# purpose); if fewer than this were, the property would say little.
MIN_ACCEPTED = 60


@pytest.mark.slow
def test_accepted_names_read_back_and_render_identical() -> None:
    accepted: list[str] = []

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(name=NAMES)
    @example(name='Org "quoted" \\ back # not a comment """ 😀')
    @example(name="សមាគម\u200bខ្មែរ")
    @example(name="x" * 500)
    def read_back(name: str) -> None:
        root = Path(tempfile.mkdtemp())
        try:
            init_statement(root, "letter", "Letter")
            try:
                added = add_signatory(root, "letter", NewSignatory(name), today=dt.date(2025, 1, 1))
            except (Invalid, WriteRefused):
                return  # refused input: nothing to read back
            [entry] = load_project(root).get("letter").entries
            assert entry.signatory == added.signatory
            assert entry.signatory.name == name.strip()
            rendered = render_text(build_document(load_project(root).get("letter")))
            assert rendered.endswith(f"\n1. {name.strip()}\n")
            accepted.append(name)
        finally:
            shutil.rmtree(root)

    read_back()
    assert len(accepted) >= MIN_ACCEPTED, f"only {len(accepted)} generated names were accepted"
