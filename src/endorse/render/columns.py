"""Plain aligned columns: what ``endorse list`` writes into a pipe or a file.

Rich draws about 2,500 table rows a second; a script reading ``endorse list | grep`` needs the same
columns without the box, at the speed of a string join.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

ZERO_WIDTH_CATEGORIES = frozenset({"Mn", "Me", "Cf"})
WIDE = frozenset({"W", "F"})


def cell_width(text: str) -> int:
    """Terminal cells `text` takes: marks and format characters none, East Asian wide two."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.category(char) in ZERO_WIDTH_CATEGORIES:
            continue
        width += 2 if unicodedata.east_asian_width(char) in WIDE else 1
    return width


def aligned(
    header: Sequence[str], rows: Sequence[Sequence[str]], *, right: frozenset[int] = frozenset()
) -> str:
    """`header` and `rows` as columns two spaces apart; columns in `right` flush right."""
    table = [list(header), *map(list, rows)]
    widths = [[cell_width(cell) for cell in row] for row in table]
    column_widths = [max(column) for column in zip(*widths, strict=True)]
    lines = []
    for row, row_widths in zip(table, widths, strict=True):
        cells = []
        for index, (cell, width) in enumerate(zip(row, row_widths, strict=True)):
            padding = " " * (column_widths[index] - width)
            cells.append(padding + cell if index in right else cell + padding)
        lines.append("  ".join(cells).rstrip())
    return "".join(line + "\n" for line in lines)
