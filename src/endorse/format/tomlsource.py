"""Reading TOML files and finding the line where a table or key was written."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli

from endorse.format.problems import Problem

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(?:#.*)?$")
# What git leaves in a file when a merge stops on a conflict.
_CONFLICT_MARKER = re.compile(r"^(?:<{7}|={7}|>{7})(?: |$)", re.MULTILINE)
_KEY = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_\-]+)\s*=""")

Loc = tuple[str | int, ...]


@dataclass
class TomlSource:
    """A parsed TOML file: its data, its text, and where its tables and keys stand."""

    path: Path
    text: str
    data: dict[str, Any]
    _lines: dict[Loc, int] | None = field(default=None, repr=False)

    def line_of(self, loc: Loc) -> int | None:
        """The line of the deepest table or key of ``loc`` that the file spells out."""
        if self._lines is None:
            self._lines = index_lines(self.text)
        for end in range(len(loc), 0, -1):
            for variant in (tuple(loc[:end]), *_dotted(loc[:end])):
                line = self._lines.get(variant)
                if line is not None:
                    return line
        return None


def _dotted(loc: Loc) -> list[Loc]:
    """("translations", "km", "title") as indexed under a [translations.km] header."""
    variants: list[Loc] = []
    for split in range(len(loc), 1, -1):
        head = loc[:split]
        if all(isinstance(part, str) for part in head):
            variants.append((".".join(str(part) for part in head), *loc[split:]))
    return variants


def read_text(path: Path, *, not_utf8_hint: str = "save the file as UTF-8") -> str:
    """A UTF-8 file's text without its byte order mark; errors name the file and line."""
    from endorse.errors import EndorseError

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise EndorseError(f"cannot read file: {exc.strerror}", path=path) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise EndorseError(
            "file is not valid UTF-8", path=path, line=line, hint=not_utf8_hint
        ) from exc
    return text.removeprefix("\ufeff")


def parse(path: Path, text: str) -> TomlSource | Problem:
    """Parse ``text``; a syntax error comes back as a Problem with line and column."""
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        conflict = _CONFLICT_MARKER.search(text)
        if conflict is not None:
            return Problem(
                "E003",
                "unresolved merge conflict; keep both tables",
                path=path,
                line=text.count("\n", 0, conflict.start()) + 1,
                hint="delete git's <<<<<<<, ======= and >>>>>>> lines, keep the tables of both "
                "sides, then run endorse check",
            )
        message = getattr(exc, "msg", str(exc))
        return Problem(
            "E001",
            f"TOML syntax error: {message}",
            path=path,
            line=getattr(exc, "lineno", None),
            column=getattr(exc, "colno", None),
            hint="fix the TOML syntax (quote text values, one key = value per line)",
        )
    return TomlSource(path=path, text=text, data=data)


def load(path: Path) -> TomlSource | Problem:
    from endorse.errors import EndorseError

    try:
        text = read_text(path)
    except EndorseError as exc:
        return Problem("E002", exc.message, path=path, line=exc.line, hint=exc.hint)
    return parse(path, text)


def _unquote(key: str) -> str:
    key = key.strip()
    if len(key) >= 2 and key[0] == key[-1] and key[0] in "\"'":
        return key[1:-1]
    return key


def index_lines(text: str) -> dict[Loc, int]:
    """Map table paths such as ("signatory", 3) and keys ("signatory", 3, "name") to lines.

    A small scanner rather than a full parser: it knows headers, ``key =`` lines and
    multi-line strings, which is all that error messages need.
    """
    lines: dict[Loc, int] = {}
    counts: dict[str, int] = {}
    table: Loc = ()
    in_multiline: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if in_multiline is not None:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        header = _HEADER.match(line)
        if header:
            name = ".".join(_unquote(part) for part in header.group(2).split("."))
            if header.group(1) == "[[":
                index = counts.get(name, -1) + 1
                counts[name] = index
                table = (name, index)
                lines.setdefault((name,), number)  # the array as a whole: its first table
            else:
                table = (name,)
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            loc = (*table, _unquote(key.group(1)))
            lines.setdefault(loc, number)
            rest = line[key.end() :]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_multiline = quote
                    break
    return lines


def table_lines(text: str, name: str) -> list[int]:
    """Line numbers of each ``[[name]]`` header, in order (fast path for large files)."""
    pattern = re.compile(r"^[ \t]*\[\[[ \t]*" + re.escape(name) + r"[ \t]*\]\]", re.MULTILINE)
    result: list[int] = []
    line = 1
    previous = 0
    for match in pattern.finditer(text):
        line += text.count("\n", previous, match.start())
        previous = match.start()
        result.append(line)
    return result
