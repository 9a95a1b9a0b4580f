"""Appending to a signatory file is verified without parsing the whole file again: whenever
that proof accepts an append, parsing the whole new text gives exactly the old data plus the
new rows (checked here against a full parse on many texts made to trip it)."""

from __future__ import annotations

import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from endorse.edit.store import _appends_as_parsed, _parses_to, appended, table_text

FRAGMENTS = [
    "schema = 1\n",
    'note = "a [[signatory]] in a string"\n',
    "multi = '''\n[[signatory]]\nname = \"inside\"\n'''\n",
    'text = """\n[signatory]\n"""\n',
    "numbers = [\n  [1, 2],\n  [3],\n]\n",
    'signatory = [{ name = "inline" }]\n',
    "signatory.name = 'dotted'\n",
    '[[signatory]]\nname = "A"\n',
    '  [[signatory]]\nname = "Indented"\n',
    "[signatory]\nname = 'a table'\n",
    "[signatory.extra]\nkey = 1\n",
    "[[signatory.nested]]\nkey = 2\n",
    '[[distinct]]\nnames = ["A", "B"]\n',
    "[other]\nsignatory = 3\n",
    "# a comment [[signatory]]\n",
    "# a comment without a newline",
    "x = 1 # trailing",
    "\n",
    'open = "',
]
ROWS = st.lists(
    st.fixed_dictionaries(
        {"name": st.sampled_from(["N", "M", "[[signatory]]", 'q"uote', "a\nb"])},
        optional={
            "aliases": st.lists(st.sampled_from(["x", "y" * 30, "[z]"]), max_size=4),
            "note": st.just("n"),
        },
    ),
    min_size=1,
    max_size=3,
)


def test_an_accepted_append_parses_to_the_old_data_and_the_rows() -> None:
    from endorse.edit.store import _Planned

    verdicts: list[bool] = []

    @settings(max_examples=400, deadline=None)
    @given(parts=st.lists(st.sampled_from(FRAGMENTS), max_size=6), rows=ROWS)
    def append(parts: list[str], rows: list[dict[str, object]]) -> None:
        text = "".join(parts)
        data = _parses_to(text)
        if data is None:
            return  # the write path refuses a file that does not parse before it gets here
        addition = "\n".join(table_text("signatory", row) for row in rows)
        added = _parses_to(addition)
        assert added is not None
        proved = _appends_as_parsed(_Planned(text, data), "signatory", addition, added)
        verdicts.append(proved)
        if proved:
            expected = {**data, "signatory": [*data.get("signatory", []), *added["signatory"]]}
            assert tomli.loads(appended(text, addition)) == expected

    append()
    # Both verdicts, many times: a proof that always said no would pass the assertion above.
    assert verdicts.count(True) >= 40 and verdicts.count(False) >= 40
