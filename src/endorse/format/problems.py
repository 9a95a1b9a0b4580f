"""Problems found in a project's files, with a stable code and a location."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from endorse.errors import location


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


# Stable codes: coalitions' CI matches on these, so never renumber one.
# Each is documented in docs/checks.md.
CODES: dict[str, str] = {
    "E001": "toml-syntax",
    "E002": "unreadable-file",
    "E004": "not-a-regular-file",
    "E005": "file-too-large",
    "E003": "merge-conflict",
    # A hostile pull request can do nothing (issue 22).
    "E006": "symbolic-link-loop",
    "E007": "file-name-not-utf8",
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
    "E130": "too-long",
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
    "E607": "withdrawn-in-future",
    "W601": "deadline-passed",  # issue 14: open (or draft) after its deadline
    # Freeze after publication, against a git revision (issue 7, check --since).
    "E701": "published-text-changed",
    "E702": "signatory-added-after-close",
    "E703": "signatory-deleted-after-close",
    "E704": "published-signatory-changed",
    "N701": "signatory-withdrawn",
    # Signing through GitHub, against a pull request's author (issue 18, check --pr-author).
    "E901": "signs-for-someone-else",
    "E902": "changes-someone-elses-signature",
    # What a stranger's pull request may not touch (issue 22, check --pr-author).
    "E903": "pull-request-link",
    "E904": "pull-request-cache-file",
    "E905": "pull-request-lock-file",
    "E906": "pull-request-private-file",
    "E907": "pull-request-statement-change",
    "E908": "pull-request-list-change",
    "E909": "pull-request-several-signers",
    "E910": "pull-request-maintainer-key",
    "E911": "pull-request-outside-signature",
    "W210": "unmatched-private-entry",
    # A contact whose signer is gone: nothing would ever show or reach it (issue 24).
    "E220": "detached-contact",
    "E221": "interrupted-write",
    "W220": "private-file-not-ignored",
    "W221": "private-file-committed",
    # What a file should not say (issue 17).
    "W211": "contact-in-public-file",
    # Bounds on what a stranger's file may hold (issue 22).
    "E215": "contact-in-public-field",
    "E216": "date-out-of-range",
    "W212": "pending-on-published",
    "W213": "withdrawn-without-date",
    "W214": "withdrawn-date-without-withdrawal",
    "W501": "translation-incomplete",
    "E502": "translation-unknown-part",
    "E503": "translation-without-placeholder",
    # Signatories' logos (issue 15).
    "E801": "logo-missing",
    "E802": "logo-unreadable",
    "E803": "logo-unsupported-type",
    "E804": "logo-too-large",
    "E805": "logo-outside-folder",
    # A hostile pull request can do nothing (issue 22).
    "E806": "logo-link-outside-project",
    "E807": "logo-not-a-regular-file",
    "E808": "logo-unsafe-svg",
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
    hint: str | None = None
    strict: bool = False  # `check --strict` reports warnings as errors

    @property
    def severity(self) -> Severity:
        """From the code's letter, so that no code can be given the wrong one by hand."""
        return Severity.ERROR if self.strict else severity_of(self.code)

    @property
    def name(self) -> str:
        return CODES.get(self.code, "unknown")

    def location(self) -> str:
        return location(self.path, self.line, self.column)


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def ok(self) -> bool:
        return not self.errors

    def sorted(self) -> list[Problem]:
        """Files that could not be read first (fixing them may change the rest), then by place."""
        return sorted(
            self.problems,
            key=lambda p: (
                not p.code.startswith("E00"),
                str(p.path or ""),
                p.line or 0,
                p.column or 0,
                p.code,
            ),
        )
