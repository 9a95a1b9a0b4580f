"""Khmer line-break opportunities for the PDF: between clusters, never inside one."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from endorse.render.language import ZERO_WIDTH_SPACE, khmer_cluster_breaks, khmer_line_breaks

COENG = "\u17d2"
KHMER = st.characters(min_codepoint=0x1780, max_codepoint=0x17FF)


def test_breaks_fall_between_clusters() -> None:
    marked = khmer_cluster_breaks("ប្រើប្រាស់ថ្នាក់ជាតិ ១២៣ ស្រី Save the Children")
    assert marked.split(ZERO_WIDTH_SPACE) == [
        "ប្រើ",
        "ប្រាស់",  # a final consonant marked with BANTOC stays with its syllable
        "ថ្នាក់",
        "ជា",
        "តិ ១២៣ ស្រី Save the Children",  # digits, subscripts and Latin are left alone
    ]


def test_with_the_dictionary_breaks_fall_between_words() -> None:
    pytest.importorskip("icu4py")
    marked = khmer_line_breaks("ប្រើប្រាស់ថ្នាក់ជាតិ ១២៣ ស្រី Save the Children")
    # "ប្រើប្រាស់" (use) is one word: the cluster breaks above cut it in two
    assert marked.split(ZERO_WIDTH_SPACE) == ["ប្រើប្រាស់", "ថ្នាក់", "ជាតិ ១២៣ ស្រី Save the Children"]


@pytest.mark.parametrize("breaks", [khmer_cluster_breaks, khmer_line_breaks])
def test_only_zero_width_spaces_are_added_and_never_inside_a_cluster(
    breaks: Callable[[str], str],
) -> None:
    khmer_line_breaks = breaks
    seen = []

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet=st.one_of(KHMER, st.sampled_from(" aZ.")), max_size=40))
    def check(text: str) -> None:
        seen.append(text)
        marked = khmer_line_breaks(text)
        assert marked.replace(ZERO_WIDTH_SPACE, "") == text
        for index, character in enumerate(marked):
            if character == ZERO_WIDTH_SPACE:
                assert marked[index - 1] != COENG  # a subscript stays under its consonant
                # a vowel or sign never starts a line: what follows is a base letter
                assert unicodedata.category(marked[index + 1]) == "Lo"

    check()
    assert len(seen) >= 100
    assert sum(ZERO_WIDTH_SPACE in khmer_line_breaks(text) for text in seen) >= 20
