"""Properties of the untrusted parts of intake: any body parses or is refused, never more;
any text quoted in a reply stays inside its code block."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from endorse.edit.add import Invalid
from endorse.edit.intake import fenced, parse_answers
from endorse.edit.issue_form import LABELS, NAME

TRICKY = st.sampled_from(
    ["\n### Name\n", "\n### Group\n", "\n", "\r\n", "_No response_", "- [X] ", "```", "@x", "<b>"]
)
TEXT = st.lists(st.one_of(st.text(max_size=30), TRICKY), max_size=12).map("".join)
LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
ONE_LINE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=LINE_BREAKS),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() not in ("", "_No response_") and not s.lstrip().startswith("###"))


def test_any_body_parses_or_is_refused() -> None:
    seen: Counter[str] = Counter()

    @settings(max_examples=300, deadline=None, derandomize=True)  # a stable share of refusals
    @given(body=TEXT)
    def check(body: str) -> None:
        try:
            answers = parse_answers(body, Path("event.json"))
        except Invalid as error:
            seen["refused"] += 1
            assert error.message.startswith("not added: ")
            return
        seen["parsed"] += 1
        assert set(answers) == set(LABELS)

    check()
    assert seen["parsed"] >= 50 and seen["refused"] >= 20, seen


def test_a_one_line_name_reads_back_as_typed() -> None:
    seen = 0

    @settings(max_examples=300, deadline=None)
    @given(name=ONE_LINE)
    def check(name: str) -> None:
        nonlocal seen
        body = f"### {NAME}\n\n{name}\n\n### Acronym\n\n_No response_\n"
        answers = parse_answers(body, Path("event.json"))
        assert answers[NAME] == unicodedata.normalize("NFC", name.strip())
        seen += 1

    check()
    assert seen >= 200


def test_quoted_text_never_closes_its_code_block() -> None:
    seen = 0

    @settings(max_examples=300, deadline=None)
    @given(text=TEXT)
    def check(text: str) -> None:
        nonlocal seen
        block = fenced(text).split("\n")
        fence = re.match(r"`+", block[0])
        assert fence is not None and block[0] == f"{fence.group()}text"
        assert block[-1] == fence.group()
        for line in block[1:-1]:
            assert not re.match(rf"\s{{0,3}}`{{{len(fence.group())},}}", line)
        seen += 1

    check()
    assert seen >= 200
