"""Reading TOML files and finding the line where a table or key was written."""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli

from endorse.errors import EndorseError
from endorse.format.problems import Problem

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(?:#.*)?$")
# What git leaves in a file when a merge stops on a conflict.
_CONFLICT_MARKER = re.compile(r"^(?:<{7}|={7}|>{7})(?: |$)", re.MULTILINE)
_KEY_PART = r"""(?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_\-]+)"""
_KEY = re.compile(rf"^\s*({_KEY_PART})\s*=")
_DOTTED_KEY = re.compile(rf"^\s*{_KEY_PART}(?:\s*\.\s*{_KEY_PART})+\s*=")

Loc = tuple[str | int, ...]
_OPENS_ON_NEXT_LINE = re.compile(r"=\s*(?:'''|\"\"\")[ \t]*(?:\r?\n|$)")


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


# Far above a 100,000-signatory list (about 13 MB); a file larger than this is a mistake or an
# attack, and reading it whole could exhaust memory.
MAX_FILE_BYTES = 64 * 1024 * 1024


class UnreadableFile(EndorseError):
    """A file endorse will not read; ``code`` says why (E002 unreadable, E004, E005, E006).

    ``kind`` tells the cases apart for callers with codes of their own (logos): "unreadable",
    "outside" (a link that leads out of the project), "special" (a device, a pipe, a folder),
    "large" or "loop" (a symbolic link that leads to itself).
    """

    def __init__(
        self,
        code: str,
        message: str,
        *,
        path: Path,
        hint: str | None = None,
        kind: str = "unreadable",
    ) -> None:
        super().__init__(message, path=path, hint=hint)
        self.code = code
        self.kind = kind


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def read_bytes(
    path: Path,
    *,
    within: Path | None = None,
    limit: int | None = None,
    follow_links: bool = True,
) -> bytes:
    """A regular file's bytes, up to ``limit`` (MAX_FILE_BYTES): never a FIFO, a device or a
    dangling link. The one reader of every file a repository can name.

    The file is opened without blocking and checked on the open descriptor, so a FIFO cannot
    hang the reader and a file swapped for a device after a check is still refused. With
    ``within``, a file whose real place (after every symbolic link, in the file's name or in its
    folders) is outside that folder is refused before a byte is read: a pull request must not make
    endorse read, or publish, a file from elsewhere on the machine. ``follow_links=False`` refuses
    any symbolic link (files endorse wrote itself, such as cache entries).
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    descriptor = _open_for_reading(path, within=within, follow_links=follow_links)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(
                "E004",
                "not a regular file (a device, a pipe or a folder); endorse reads only files",
                path=path,
                hint="replace it with an ordinary file, or remove it",
                kind="special",
            )
        if within is not None:
            _require_inside(descriptor, path, within)
        if info.st_size > limit:
            raise _too_large(path, limit)
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            raw = handle.read(limit + 1)
    finally:
        os.close(descriptor)
    if len(raw) > limit:
        raise _too_large(path, limit)
    return raw


def _too_large(path: Path, limit: int) -> UnreadableFile:
    return UnreadableFile(
        "E005",
        f"file is larger than {_size(limit)}; endorse does not read it",
        path=path,
        hint="split the list (one file per signer), or remove what does not belong",
        kind="large",
    )


def _open_for_reading(path: Path, *, within: Path | None, follow_links: bool) -> int:
    """A descriptor of ``path``; a link is followed only when allowed, and with ``within`` only
    once its target is known to be inside (opening a device can have effects of its own)."""
    flags = _READ_FLAGS if follow_links and within is None else _READ_FLAGS | _NOFOLLOW
    try:
        return os.open(path, flags)
    except OSError as exc:
        if exc.errno != errno.ELOOP or not follow_links or within is None:
            raise _unreadable(path, exc) from exc
    # A symbolic link, or a loop: follow it only to a regular place inside ``within``.
    target = os.path.realpath(path)
    if not _is_inside(target, _real_folder(within)):
        raise _outside(path)
    try:
        return os.open(target, _READ_FLAGS | _NOFOLLOW)
    except OSError as exc:
        raise _unreadable(path, exc) from exc


def _unreadable(path: Path, exc: OSError) -> UnreadableFile:
    if exc.errno == errno.ELOOP:
        return UnreadableFile(
            "E006",
            "a symbolic link that leads to itself (a loop); endorse cannot read it",
            path=path,
            hint="replace the link with the file itself, or remove it",
            kind="loop",
        )
    return UnreadableFile("E002", f"cannot read file: {exc.strerror}", path=path)


def _outside(path: Path) -> UnreadableFile:
    return UnreadableFile(
        "E004",
        "a symbolic link that leads outside the project; endorse does not follow it",
        path=path,
        hint="replace the link with the file itself",
        kind="outside",
    )


def _is_inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _real_folder(folder: Path) -> str:
    """``folder`` with every link resolved (remembered while the folder stays the same one)."""
    text = os.fspath(folder)
    try:
        info = os.stat(text)
        identity = (info.st_dev, info.st_ino)
    except OSError:
        return os.path.realpath(text)
    known = _REAL_FOLDERS.get(text)
    if known is not None and known[0] == identity:
        return known[1]
    real = os.path.realpath(text)
    if len(_REAL_FOLDERS) > 64:
        _REAL_FOLDERS.clear()
    _REAL_FOLDERS[text] = (identity, real)
    return real


# A folder's real path, by its name and identity: the same folder (device, inode) has the same
# real path, so one stat per read replaces a realpath's stat of every step.
_REAL_FOLDERS: dict[str, tuple[tuple[int, int], str]] = {}


def _require_inside(descriptor: int, path: Path, within: Path) -> None:
    """The open file's real place is inside ``within`` (a folder of its path may be a link)."""
    try:  # Linux names an open file's real path in one call; elsewhere resolve the name
        real = os.readlink(f"/proc/self/fd/{descriptor}")
    except OSError:
        real = os.path.realpath(path)
    if not _is_inside(real, _real_folder(within)):
        raise _outside(path)


def _name_key(path: Path) -> str:
    return path.name.lower() if os.name == "nt" else path.name


def read_folder(folder: Path, *, within: Path | None = None) -> list[Path]:
    """The entries of ``folder`` in name order; a folder that cannot be listed is an error,
    never an empty list (that would publish a statement without its signatories). With
    ``within``, a folder whose real place is outside it is not even listed (E004)."""
    if within is not None and not _is_inside(os.path.realpath(folder), _real_folder(within)):
        raise _outside(folder)
    try:
        # In one folder, paths order as their names do (case-insensitively on Windows);
        # comparing names is five times faster than comparing 100,000 Path objects.
        return sorted(folder.iterdir(), key=_name_key)
    except OSError as exc:
        raise UnreadableFile(
            "E002",
            f"cannot read folder: {exc.strerror}",
            path=folder,
            hint="check the folder's permissions (endorse needs to list and read it)",
        ) from exc


def _size(count: int) -> str:
    mib = count / (1024 * 1024)
    return f"{mib:g} MiB" if mib >= 1 else f"{count:,} bytes"


def read_text(
    path: Path, *, not_utf8_hint: str = "save the file as UTF-8", within: Path | None = None
) -> str:
    """A UTF-8 file's text without its byte order mark; errors name the file and line."""
    raw = read_bytes(path, within=within)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise EndorseError(
            "file is not valid UTF-8", path=path, line=line, hint=not_utf8_hint
        ) from exc
    return text.removeprefix("\ufeff")


def read_named_text(path: Path, root: Path) -> str:
    """A text file the user named (``--body-file``): bound by the project when it lies in it,
    so that a link a repository planted there cannot bring another file into a statement."""
    inside = _is_inside(os.path.abspath(path), os.path.abspath(root))
    return read_text(path, within=root if inside else None)


def parse(path: Path, text: str) -> TomlSource | Problem:
    """Parse ``text``; a syntax error comes back as a Problem with line and column."""
    try:
        data = tomli.loads(text)
    except RecursionError:
        return Problem(
            "E001",
            "TOML syntax error: arrays or tables nested too deeply to read",
            path=path,
            hint="a statement or signatory file needs only a few levels of nesting",
        )
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


def load(
    path: Path,
    *,
    within: Path | None = None,
    parser: Callable[[Path, str], TomlSource | Problem] | None = None,
) -> TomlSource | Problem:
    """Read and parse ``path`` (with ``parser``, e.g. a cache); every failure is a Problem.

    With ``within``, a file whose real place is outside that folder is refused (``read_bytes``).
    A file whose name is not UTF-8 is not read (E007): nothing could print its name as it is.
    """
    if not _utf8_name(path.name):
        return Problem(
            "E007",
            "the file's name is not valid UTF-8; endorse does not read it",
            path=path,
            hint="rename it with a UTF-8 name (git mv), or remove it",
        )
    try:
        text = read_text(path, within=within)
    except UnreadableFile as exc:
        return Problem(exc.code, exc.message, path=path, hint=exc.hint)
    except EndorseError as exc:
        return Problem("E002", exc.message, path=path, line=exc.line, hint=exc.hint)
    return (parser or parse)(path, text)


def _utf8_name(name: str) -> bool:
    """False for a name the file system gave in other bytes (Python holds them as surrogates)."""
    if name.isascii():
        return True
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _unquote(key: str) -> str:
    key = key.strip()
    if len(key) >= 2 and key[0] == key[-1] and key[0] in "\"'":
        return key[1:-1]
    return key


@dataclass
class Layout:
    """Where a TOML text's tables and keys stand, from one pass of a small scanner.

    Not a full parser: it knows headers, ``key =`` lines and multi-line strings, which is all
    that error messages and in-place edits need; edits are verified by a real parse afterwards.
    """

    lines: dict[Loc, int]  # ("signatory", 3) and ("signatory", 3, "name") -> line number
    ends: dict[Loc, int]  # ("signatory", 3) -> the line of its last key (or its header)

    def array_index(self, table: str, line: int | None) -> int | None:
        """Which ``[[table]]`` of the file has its header at ``line``."""
        for loc, number in self.lines.items():
            if len(loc) == 2 and loc[0] == table and number == line:
                return int(loc[1])
        return None

    def span(self, table: Loc) -> tuple[int, int]:
        """The first and last line of ``table``: its header (the file's first line for the
        top-level keys) to its last value line; comments after that belong to what follows."""
        return (1 if table == () else self.lines[table]), self.ends[table]

    def with_table(
        self,
        text: str,
        table: Loc,
        updates: dict[str, Any],
        removals: tuple[str, ...] | list[str] = (),
        comment: str | None = None,
    ) -> str | None:
        """``text`` with keys of one table changed, inserted after its last key, or removed.

        Only that table's lines are read and written again, by tomlkit, which keeps every
        comment and the layout of what it does not change: a multi-line array gains its new
        elements on lines of their own. New values are written as tomli-w writes new tables.
        A ``comment`` goes on a line of its own after the table's last key. None when the
        table's text cannot be edited that way; the caller proves the result.
        """
        import tomli_w
        import tomlkit
        import tomlkit.exceptions

        first, last = self.span(table)
        lines = text.splitlines(keepends=True)
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        segment = "".join(lines[first - 1 : last])
        try:
            document = tomlkit.parse(segment)
            container: Any = document
            if table:
                for part in str(table[0]).split("."):
                    container = container[part]
                if isinstance(container, tomlkit.items.AoT):
                    container = container[0]
            for key in removals:
                if key in container:
                    del container[key]
            for key, value in updates.items():
                old = container.get(key)
                if (
                    isinstance(old, tomlkit.items.Array)
                    and isinstance(value, list)
                    and list(old.unwrap()) == value[: len(old)]
                ):
                    for element in value[len(old) :]:
                        old.append(element)  # the elements there keep their comments
                else:
                    # A text of several lines stays several lines (a statement's body).
                    multiline = isinstance(value, str) and "\n" in value
                    written = tomli_w.dumps({key: value}, multiline_strings=multiline)
                    container[key] = tomlkit.parse(written)[key]
            if comment is not None:
                container.add(tomlkit.comment(" ".join(comment.split())))
            edited = tomlkit.dumps(document)
        except (
            tomlkit.exceptions.TOMLKitError,
            KeyError,
            IndexError,
            TypeError,
            ValueError,
            RecursionError,
        ):
            return None
        if not edited.endswith("\n"):
            edited += "\n"
        return "".join(lines[: first - 1]) + edited + "".join(lines[last:])


# A value that ends on its own line: one string, number, date or word, then maybe a comment.
_SIMPLE_VALUE = re.compile(r"""\s*(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s#\[{"']+)[ \t]*(?:#.*)?$""")


def _close_triple(line: str, start: int, quote: str) -> int:
    """Where a multi-line string opened with ``quote`` ends on ``line`` (after its closing
    quotes), or -1 when it goes on."""
    at = start
    while True:
        found = line.find(quote, at)
        if found < 0:
            return -1
        backslashes = len(line[:found]) - len(line[:found].rstrip("\\"))
        if quote == '"""' and backslashes % 2 == 1:
            at = found + 1
            continue
        end = found + 3
        while end < len(line) and line[end] == quote[0] and end - found < 5:
            end += 1  # up to two quotes may stand right before the closing ones
        return end


def _value_state(text: str, depth: int) -> tuple[int, str | None]:
    """The open brackets after ``text`` (a value or a line of one), and the triple quote of a
    multi-line string left open, if any."""
    if depth == 0 and _SIMPLE_VALUE.match(text):
        return 0, None
    at = 0
    while at < len(text):
        char = text[at]
        if char == "#":
            break
        if text.startswith(('"""', "'''"), at):
            quote = text[at : at + 3]
            end = _close_triple(text, at + 3, quote)
            if end < 0:
                return depth, quote
            at = end
            continue
        if char == '"':
            at += 1
            while at < len(text) and text[at] != '"':
                at += 2 if text[at] == "\\" else 1
        elif char == "'":
            end = text.find("'", at + 1)
            at = len(text) if end < 0 else end
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth = max(depth - 1, 0)
        at += 1
    return depth, None


def scan(text: str) -> Layout:
    """The layout of ``text``: one pass over its lines.

    A value that spans lines (a multi-line string, an array written one element a line) is
    followed to its end, so none of its lines is taken for a header or a key.
    """
    lines: dict[Loc, int] = {}
    ends: dict[Loc, int] = {}
    counts: dict[str, int] = {}
    table: Loc = ()
    in_multiline: str | None = None
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if in_multiline is not None or depth:
            rest = line
            if in_multiline is not None:
                end = _close_triple(line, 0, in_multiline)
                in_multiline = None if end >= 0 else in_multiline
                rest = line[end:] if end >= 0 else ""
            if in_multiline is None:
                depth, in_multiline = _value_state(rest, depth)
            ends[table] = number
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
            ends[table] = number
            continue
        key = _KEY.match(line)
        if key:
            loc = (*table, _unquote(key.group(1)))
            lines.setdefault(loc, number)
            depth, in_multiline = _value_state(line[key.end() :], 0)
        else:
            dotted = _DOTTED_KEY.match(line)
            if dotted:
                depth, in_multiline = _value_state(line[dotted.end() :], 0)
        if line.strip() and not line.lstrip().startswith("#"):
            ends[table] = number
    return Layout(lines, ends)


def index_lines(text: str) -> dict[Loc, int]:
    """Map table paths such as ("signatory", 3) and keys ("signatory", 3, "name") to lines."""
    return scan(text).lines


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
