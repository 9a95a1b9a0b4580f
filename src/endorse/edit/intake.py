"""Signing through a GitHub issue: read the event, check the form's answers like ``add``, reply.

The issue body is untrusted: every answer is length-limited and checked before it reaches
``add``, which validates it, refuses duplicates and names the file as it always does; nothing
from the body becomes a path, and the reply shows what the signer typed only inside code blocks,
where Markdown, HTML and @mentions do nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from endorse.edit.add import Addition, add_signatory
from endorse.edit.issue_form import (
    ACRONYM,
    AUTHORISATION,
    AUTHORISED,
    COUNTRY,
    GROUP,
    KIND,
    LABELS,
    MAX_LENGTH,
    NAME,
    NO_RESPONSE,
    group_id,
    group_options,
    kind_value,
    offered_groups,
)
from endorse.edit.signers import Invalid, NewSignatory, require_open
from endorse.edit.store import LOCK_WAIT_SECONDS
from endorse.errors import EndorseError, UsageError, WriteRefused
from endorse.format.countries import lookup_country
from endorse.format.models import (
    FIRST_DAY,
    GITHUB_LOGIN_PATTERN,
    LAST_DAY,
    SIGNATORIES_PLACEHOLDER,
    Statement,
)
from endorse.project.load import load_project
from endorse.project.model import LoadedStatement
from endorse.render.markdown_escape import escape_markdown

# GitHub's own limit on an issue body; an event file is far smaller than this bound.
MAX_BODY = 65_536
# A real issues event is tens of kilobytes, nested a few levels; anything far beyond is refused
# before the JSON parser walks it (100,000 nested brackets overflow its recursion).
MAX_EVENT_BYTES = 1024 * 1024
MAX_EVENT_DEPTH = 64
# "labeled": a maintainer put the form's label on an issue made before the label existed.
ACTIONS = frozenset({"opened", "edited", "reopened", "labeled"})
ISSUE_URL = re.compile(r"^https://[A-Za-z0-9.-]+/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/issues/[0-9]+$")
_HEADING = re.compile(r"^###[ \t]+(.*?)[ \t]*$")
_TICKED = re.compile(r"^[-*][ \t]+\[[xX]\][ \t]+(.*?)[ \t]*$")
# Shown as <U+XXXX> in a reply: they could reorder or hide what the reader sees.
_UNSAFE_IN_REPLY = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
MAX_REPLY_QUOTE = 1000


@dataclass(frozen=True)
class IssueEvent:
    """The parts of a GitHub ``issues`` event that intake uses."""

    action: str
    number: int
    author: str
    url: str
    created: dt.date
    body: str


@dataclass(frozen=True)
class Intake:
    """The reply for the issue, and what was written or why nothing was."""

    reply: str
    addition: Addition | None = None
    error: EndorseError | None = None


def intake(root: Path, slug: str, event_path: Path, *, wait: float = LOCK_WAIT_SECONDS) -> Intake:
    """Add the signer an issue form asks for, as pending; always return a reply."""
    try:
        event = read_event(event_path)
        loaded = load_project(root, only=[slug]).get(slug)
        statement = loaded.require()
        try:
            require_open(loaded, hint=CLOSED_HINT)
        except WriteRefused as error:
            return Intake(refused_reply(error, closing=CLOSED), error=error)
        refuse_signed_already(loaded, event)
        wanted = new_signatory(parse_answers(event.body, event_path), statement, event, event_path)
        # file_per_signer: each signature is its own file, so bot pull requests never conflict.
        addition = add_signatory(
            root, slug, wanted, file_per_signer=True, today=event.created, wait=wait
        )
    except EndorseError as error:
        return Intake(refused_reply(error), error=error)
    return Intake(accepted_reply(addition, statement), addition=addition)


def refuse_signed_already(loaded: LoadedStatement, event: IssueEvent) -> None:
    """One issue, one signature: an edit after the pull request was merged changes nothing."""
    for entry in loaded.entries:
        if entry.signatory.source == event.url:
            raise WriteRefused(
                f"this issue's signature is already on the list, as "
                f"'{entry.signatory.name}' ({entry.location})",
                path=entry.path,
                line=entry.line,
                hint="to change it, edit that file in a pull request",
            )


def read_event(path: Path) -> IssueEvent:
    """The issue of an ``issues`` event file (``$GITHUB_EVENT_PATH``); UsageError if it is not."""

    def wrong(what: str) -> UsageError:
        return UsageError(
            f"{what}; this is not an 'issues' event of GitHub Actions",
            path=path,
            hint="pass --github-event \"$GITHUB_EVENT_PATH\" in a workflow run 'on: issues'",
        )

    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_EVENT_BYTES + 1)
    except OSError as exc:
        raise UsageError(
            f"cannot read the event file: {exc.strerror}",
            path=path,
            hint="pass the file GitHub Actions names in $GITHUB_EVENT_PATH",
        ) from None
    if len(raw) > MAX_EVENT_BYTES:
        raise wrong(f"the file is larger than {MAX_EVENT_BYTES} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise wrong(f"the file is not JSON ({exc})") from None
    too_deep = wrong(f"the JSON is nested more than {MAX_EVENT_DEPTH} levels deep")
    try:
        event = json.loads(text)
    except RecursionError:  # the parser stops itself at Python's recursion limit
        raise too_deep from None
    except json.JSONDecodeError as exc:
        raise wrong(f"the file is not JSON ({exc})") from None
    if _nesting(event) > MAX_EVENT_DEPTH:
        raise too_deep
    try:  # json.loads joins escaped surrogate pairs; one left alone cannot be written out
        json.dumps(event, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise wrong(
            "the file holds a lone surrogate (\\ud800 to \\udfff), which is not text"
        ) from None
    issue = event.get("issue") if isinstance(event, dict) else None
    if not isinstance(issue, dict) or "pull_request" in issue:
        raise wrong("the file has no 'issue'")
    action = event.get("action")
    if action not in ACTIONS:
        raise wrong(f"the action is {action!r}, not one of {', '.join(sorted(ACTIONS))}")
    author = _field(issue, "user", "login")
    url = _field(issue, "html_url")
    number = issue.get("number")
    if not isinstance(author, str) or not GITHUB_LOGIN_PATTERN.match(author):
        raise wrong("issue.user.login is not a GitHub account name")
    if not isinstance(url, str) or not ISSUE_URL.match(url):
        raise wrong("issue.html_url is not the address of an issue")
    if not isinstance(number, int) or isinstance(number, bool):
        raise wrong("issue.number is not a number")
    created = _date(issue.get("created_at"))
    if created is None:
        raise wrong("issue.created_at is not a date and time")
    if not FIRST_DAY <= created <= LAST_DAY:
        raise wrong(f"issue.created_at is outside {FIRST_DAY} to {LAST_DAY}")
    body = issue.get("body")
    if body is None:
        body = ""
    if not isinstance(body, str):
        raise wrong("issue.body is not text")
    return IssueEvent(action, number, author, url, created, body)


def _field(data: dict[str, Any], *keys: str) -> object:
    value: object = data
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        stamp = dt.datetime.fromisoformat(value)
        # GitHub writes UTC ("...Z"); the day in UTC is the day the signature arrived.
        if stamp.tzinfo is not None:
            stamp = stamp.astimezone(dt.UTC)
    except (ValueError, OverflowError):  # year 1 or 9999 moved across midnight overflows
        return None
    return stamp.date()


def _nesting(value: object) -> int:
    """How deep a parsed JSON value's arrays and objects nest, walked without recursion."""
    deepest = 0
    pending: list[tuple[object, int]] = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, depth + 1)
            pending.extend((child, depth + 1) for child in item)
    return deepest


def parse_answers(body: str, shown: Path) -> dict[str, str | None]:
    """The form's answers by label; None for "_No response_". Raises Invalid on a bad body.

    Only the form's own headings open an answer; any other heading closes it, so text typed
    into one answer can never pose as another.
    """
    if len(body) > MAX_BODY:
        raise _invalid(f"the issue is {len(body)} characters long; at most {MAX_BODY}", shown)
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in body.split("\n"):
        heading = _HEADING.match(line)
        if heading is None:
            if current is not None:
                current.append(line)
            continue
        label = heading.group(1)
        if label not in LABELS:
            current = None
            continue
        if label in sections:
            raise _invalid(
                f"{label}: answered twice in the issue",
                shown,
                hint="edit the issue so that each question is answered once",
            )
        current = sections[label] = []
    answers: dict[str, str | None] = {}
    for label in LABELS:
        text = unicodedata.normalize("NFC", "\n".join(sections.get(label, [])).strip())
        limit = MAX_LENGTH[label]
        if len(text) > limit:
            raise _invalid(
                f"{label}: the answer is {len(text)} characters long; at most {limit}", shown
            )
        if label != AUTHORISATION and "\n" in text:
            raise _invalid(f"{label}: the answer has several lines; write it on one line", shown)
        answers[label] = None if text in ("", NO_RESPONSE) else text
    return answers


def new_signatory(
    answers: dict[str, str | None], statement: Statement, event: IssueEvent, shown: Path
) -> NewSignatory:
    """What ``add`` is asked to add: the answers, as pending, signed by the issue's author."""
    name = answers[NAME]
    if name is None:
        raise _invalid(f"{NAME}: no answer; write the name as it should print", shown)
    if not _authorised(answers[AUTHORISATION]):
        raise _invalid(
            f"{AUTHORISATION}: the box '{AUTHORISED}' is not ticked",
            shown,
            hint="only someone authorised may sign; tick the box by editing the issue",
        )
    country = answers[COUNTRY]
    lookup = lookup_country(country) if country is not None else None
    code = lookup.code if lookup is not None else None
    if lookup is not None and code is None:
        raise _invalid(f"{COUNTRY}: {lookup.problem}", shown)
    kind_answer = answers[KIND]
    kind = kind_value(kind_answer) if kind_answer is not None else None
    if kind_answer is not None and kind is None:
        raise _invalid(f"{KIND}: '{kind_answer}' is not one of the form's kinds", shown)
    return NewSignatory(
        name=name,
        acronym=answers[ACRONYM],
        country=code,
        group=_group(answers[GROUP], statement, shown),
        kind=kind,
        status="pending",
        github=event.author,
        source=event.url,
    )


def _group(answer: str | None, statement: Statement, shown: Path) -> str | None:
    offered = offered_groups(statement)
    if answer is None:
        return offered[0] if len(offered) == 1 else None
    chosen = group_id(answer, statement)
    if chosen is None:
        listed = "; ".join(group_options(statement))
        raise _invalid(f"{GROUP}: '{answer}' is not one of the form's groups ({listed})", shown)
    return chosen


def _authorised(answer: str | None) -> bool:
    for line in (answer or "").split("\n"):
        ticked = _TICKED.match(line.strip())
        if ticked and ticked.group(1) == AUTHORISED:
            return True
    return False


def _invalid(message: str, shown: Path, hint: str | None = None) -> Invalid:
    return Invalid(
        f"not added: {message}",
        path=shown,
        hint=hint or "edit the issue to correct the answer; it is checked again",
    )


# Replies -----------------------------------------------------------------------------------


def accepted_reply(addition: Addition, statement: Statement) -> str:
    signatory = addition.signatory
    chosen = signatory.group or statement.groups[0].id
    group = statement.group(chosen)
    heading = group.heading.replace(SIGNATORIES_PLACEHOLDER, "…") if group else chosen
    return (
        "Thank you: your signature is recorded, and waits for a maintainer's review.\n\n"
        f"Once it is confirmed, the statement “{escape_markdown(statement.title)}” "
        "will list it as:\n\n"
        f"{fenced(signatory.display_name)}\n\n"
        f"in the list headed “{escape_markdown(heading)}”. "
        f"A pull request adds it as `{addition.path.as_posix()}`; "
        "you have nothing more to do.\n\n"
        f"{AFTERWORD}"
    )


CLOSED = "The statement takes no more signatures; thank you for your support all the same."
CLOSED_HINT = 'to take signatures again, set status = "open" in the statement, then edit the issue'


def refused_reply(error: EndorseError, closing: str | None = None) -> str:
    reason = fenced(error.message.removeprefix("not added: "))
    if isinstance(error, Invalid):
        opening = "Your signature was not added yet: one answer needs a correction."
        default_closing = (
            "Edit this issue to correct it; the answers are checked again when you save."
        )
    elif isinstance(error, WriteRefused):
        opening = "Your signature was not added: the list was left as it was, because"
        default_closing = (
            "If you signed before, there is nothing more to do. If you are a different signer, "
            "say so in a comment: a maintainer will add you by hand."
        )
    else:
        opening = "Your signature could not be processed, because of a problem on our side:"
        default_closing = (
            "The maintainers see it in the failed workflow run; you need not do anything."
        )
    closing = closing or default_closing
    # An invalid answer's hint speaks to the signer, and the closing already says what to do.
    maintainers = ""
    if error.hint and not isinstance(error, Invalid):
        maintainers = f"\n\nFor the maintainers:\n\n{fenced(error.hint)}"
    return f"{opening}\n\n{reason}\n\n{closing}{maintainers}\n\n{AFTERWORD}"


AFTERWORD = (
    "Issues are public: do not write an e-mail address or a phone number here. "
    "If the organisers need a contact, they will ask how to reach you privately.\n"
)


def fenced(text: str) -> str:
    """``text`` as a code block that nothing in it can close: Markdown shows it as typed."""
    shown = "".join(f"<U+{ord(c):04X}>" if _unsafe(c) else c for c in text)
    if len(shown) > MAX_REPLY_QUOTE:
        shown = shown[:MAX_REPLY_QUOTE] + "…"
    longest = max((len(run) for run in re.findall(r"`+", shown)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{shown}\n{fence}"


def _unsafe(char: str) -> bool:
    if char == "\n":
        return False
    return char in _UNSAFE_IN_REPLY or unicodedata.category(char) in ("Cc", "Zl", "Zp")
