"""JSON text through orjson: byte-identical to ``json.dumps(..., ensure_ascii=False, indent=2)``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from endorse.format import jsontext
from endorse.format.jsontext import indented

from .conftest import Invoke

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()  # lone surrogates included: orjson refuses them, the fallback writes them
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=6), inner, max_size=4)
        | st.dictionaries(st.integers(), inner, max_size=2)
    ),  # json.dumps turns keys into text
    max_leaves=20,
)


def test_indented_is_json_dumps_byte_for_byte() -> None:
    taken = {"fast": 0, "fallback": 0}

    @settings(max_examples=600, deadline=None)
    @given(VALUES)
    def same_bytes(value: Any) -> None:
        taken["fast" if jsontext._orjson_writes_the_same(value) else "fallback"] += 1
        assert indented(value) == json.dumps(value, ensure_ascii=False, indent=2)

    same_bytes()
    # A floor on both paths, so that the property cannot pass by never reaching one of them.
    assert taken["fast"] >= 100
    assert taken["fallback"] >= 20


@pytest.mark.parametrize(
    "value",
    [5e-05, 1e16, float("nan"), float("-inf"), 2**64, {1: "x"}, ("a", 1)],
)
def test_values_orjson_writes_otherwise_take_the_standard_encoder(value: Any) -> None:
    assert indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize(
    "args",
    [
        ("render", "cambodia-2021", "--format", "json"),
        ("list", "cambodia-2021", "--format", "json"),
        ("check", "--format", "json"),
        ("dupes", "--format", "json"),
        ("stats", "cambodia-2021", "--format", "json"),
    ],
)
def test_commands_write_json_through_orjson_unchanged(
    project: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> str:
        raise AssertionError("the standard encoder was used")

    monkeypatch.setattr(jsontext.json, "dumps", refuse)
    output = cli(*args, code=0).stdout
    monkeypatch.undo()
    again = json.dumps(json.loads(output), ensure_ascii=False, indent=2) + "\n"
    assert output == again


@pytest.mark.parametrize("value", ["\ud800", {"file": "signatories/\udcff.toml", "é": ["\udfff"]}])
def test_a_lone_surrogate_is_escaped_so_the_text_stays_utf8(value: Any) -> None:
    """A file name that is not UTF-8 reaches Python as lone surrogates (issue 22): JSON output
    writes them as escapes, valid UTF-8 that decodes to the same value."""
    text = indented(value)
    text.encode("utf-8")
    assert json.loads(text) == value
