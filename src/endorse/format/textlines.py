"""The file line of a character inside a (possibly multi-line) TOML string value."""

from __future__ import annotations

import re

_OPENS_ON_NEXT_LINE = re.compile(r"=\s*(?:'''|\"\"\")[ \t]*(?:\r?\n|$)")


def line_in_value(source_text: str, key_line: int, value: str, index: int) -> int:
    """``key_line`` plus the lines of ``value`` before ``index``.

    TOML drops the newline right after an opening triple quote, so such a value starts on the
    line below its key. Escaped newlines in basic strings can shift this; it is a pointer for
    people, not an offset for tools.
    """
    before = value.count("\n", 0, max(index, 0))
    if before == 0 and "\n" not in value:
        return key_line
    lines = source_text.splitlines()
    key_text = lines[key_line - 1] if 0 < key_line <= len(lines) else ""
    starts_below = bool(_OPENS_ON_NEXT_LINE.search(key_text))
    return key_line + before + int(starts_below)
