"""Problems found in a project's files, with a stable code and a location."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


# Stable codes: coalitions' CI matches on these, so never renumber one.
# Each is documented in docs/checks.md.
CODES: dict[str, str] = {
    "E001": "toml-syntax",
    "E002": "unreadable-file",
    "E101": "unknown-key",
    "E102": "missing-key",
    "E103": "invalid-value",
    "E104": "unsupported-schema",
    "E110": "invalid-slug",
    "E120": "forbidden-character",
    "E201": "unknown-group",
    "E202": "group-required",
    "E203": "orphan-signatories",
    "E204": "empty-name",
    "E205": "duplicate-group-id",
    "E206": "sentence-without-placeholder",
    "E301": "duplicate-signatory",
    "N302": "possible-duplicate",
    # Text hygiene (issue 7): E12x refused by the models, W4xx found by the check pass.
    "E121": "not-nfc",
    "W401": "mixed-script",
    "W402": "stray-whitespace",
    "W403": "mixed-quotes",
    # Consistency across entries and files (issue 7).
    "E601": "added-in-future",
    "E602": "added-after-statement",
    "E603": "distinct-unknown-name",
    "E604": "file-name-mismatch",
    "E605": "file-name-collision",
    "E606": "several-signers-in-file",
    # Freeze after publication, against a git revision (issue 7, check --since).
    "E701": "published-text-changed",
    "E702": "signatory-added-after-close",
    "E703": "signatory-deleted-after-close",
    "E704": "published-signatory-changed",
    "N701": "signatory-withdrawn",
    "W210": "unmatched-private-entry",
    "W501": "translation-incomplete",
    "E502": "translation-unknown-part",
    "E503": "translation-without-placeholder",
}


def severity_of(code: str) -> Severity:
    """A problem's severity follows its code's letter: E error, W warning, N notice."""
    return {"W": Severity.WARNING, "N": Severity.NOTICE}.get(code[:1], Severity.ERROR)


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    path: Path | None = None
    line: int | None = None
    column: int | None = None
    severity: Severity = Severity.ERROR
    hint: str | None = None

    @property
    def name(self) -> str:
        return CODES.get(self.code, "unknown")

    def location(self) -> str:
        if self.path is None:
            return ""
        parts = [str(self.path)]
        if self.line:
            parts.append(str(self.line))
            if self.column:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def ok(self) -> bool:
        return not self.errors

    def sorted(self) -> list[Problem]:
        return sorted(
            self.problems,
            key=lambda p: (str(p.path or ""), p.line or 0, p.column or 0, p.code),
        )
