"""An output file's name picks the format (`render -o statement.html`, `list -o list.csv`)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from endorse.errors import UsageError


def named_format(output: Path | None, by_suffix: Mapping[str, str]) -> str | None:
    """The format an output file's name asks for (statement.PDF: pdf), if any."""
    return by_suffix.get(output.suffix.lower()) if output is not None else None


def format_by_name(
    given: str | None,
    output: Path | None,
    by_suffix: Mapping[str, str],
    default: str,
    same_kind: Mapping[str, str] | None = None,
) -> str:
    """--format if given, else what the output's name asks for, else ``default``; a format that
    contradicts the name (--format html -o statement.pdf) is refused, never a misnamed file.

    ``same_kind`` maps a format to the one whose files it writes (markdown-plain: markdown).
    """
    named = named_format(output, by_suffix)
    if given is None:
        return named or default
    kind = (same_kind or {}).get(given, given)
    if named is not None and kind != named:
        assert output is not None
        suffix = next((s for s, f in by_suffix.items() if f == kind), None)
        rename = f", or name the output *{suffix}" if suffix else ""
        raise UsageError(
            f"--format {given} does not match the output's name {output.name} (a {named} file)",
            hint=f"drop --format (the name picks {named}){rename}",
        )
    return given
