"""The project's own exceptions; the CLI turns them into messages and exit codes."""

from __future__ import annotations

from pathlib import Path


class EndorseError(Exception):
    """A failure the user can act on: says what went wrong, where, and what to do."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.hint = hint

    def location(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line else str(self.path)

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        return f"{text}\n  {self.hint}" if self.hint else text


class UsageError(EndorseError):
    """The command was called wrongly (unknown statement, missing project root...)."""

    exit_code = 2


class WriteRefused(EndorseError):
    """A write was refused to protect the data (duplicate, closed statement, collision)."""
