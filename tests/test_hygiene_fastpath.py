"""The regex shortcut in forbidden_characters never hides what the full scan would find."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from endorse.format import characters


def full_scan(text: str) -> list[characters.Finding]:
    return [
        characters.Finding(index, char, kind)
        for index, char in enumerate(text)
        if (kind := characters._classify(text, index, char, multiline=False))
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x2100), max_size=30))
def test_shortcut_agrees_with_the_full_scan(text: str) -> None:
    assert characters.forbidden_characters(text) == full_scan(text)
