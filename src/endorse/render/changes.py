"""``endorse changes``: who was added, withdrawn, confirmed, renamed... since a git revision.

The old state is read from git (``project.revision``), the new one is the files on disk. An old
and a new entry are the same signer when their names fold alike (a rename if the names differ
at all: "ORG B" -> "Org B"); failing that, when the new entry keeps the old name as an alias
(``edit --name`` does): a rename if that new entry had no old one of its own, otherwise a merge
(``merge`` carries the other's name as an alias). Only public fields are shown: contacts are
never read here.

``signed_since`` answers another question without git: who signed on or after a day, by the
entries' own ``added`` dates (an import of back-dated form rows counts on the rows' days).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from endorse import JSON_SCHEMA
from endorse.format.jsontext import indented
from endorse.format.models import Signatory
from endorse.project.model import LoadedStatement
from endorse.project.names import fold
from endorse.project.revision import OldStatement, Since
from endorse.render.language import format_date
from endorse.render.markdown_escape import escape_markdown_plain

# The kinds of change, in the order they are reported, with their headings.
KINDS = {
    "added": "Added",
    "confirmed": "Confirmed",
    "withdrawn": "Withdrawn",
    "reinstated": "Reinstated",
    "renamed": "Renamed",
    "moved": "Moved",
    "merged": "Merged",
    "removed": "Removed",
}
MERGED_REASON = "merged into "  # how `merge --keep-withdrawn` records it


@dataclass(frozen=True)
class Change:
    kind: str
    name: str  # the name now (for removed and merged entries: as it was)
    display: str  # as `list` prints it: "Name (ACR)"
    group: str | None
    status: str
    was: str | None = None  # renamed: the old display name; moved: the old group
    now: str | None = None  # moved: the new group; merged: the entry it went into

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "name": self.name,
            "display": self.display,
            "group": self.group,
            "status": self.status,
        }
        if self.kind in ("renamed", "moved"):
            data["from"] = self.was
        if self.kind in ("moved", "merged"):
            data["to"] = self.now
        return data


@dataclass(frozen=True)
class Changes:
    slug: str
    title: str
    since: Since
    changes: list[Change]
    several_groups: bool

    def of_kind(self, kind: str) -> list[Change]:
        return [change for change in self.changes if change.kind == kind]

    def counts(self) -> dict[str, int]:
        return {kind: len(self.of_kind(kind)) for kind in KINDS}

    def summary(self) -> str:
        """'12 added, 1 withdrawn since 3 May 2026'."""
        counted = [f"{count} {kind}" for kind, count in self.counts().items() if count]
        return f"{', '.join(counted) or 'no changes'} since {self.since_words()}"

    def since_words(self) -> str:
        since = self.since
        if since.day is not None:
            return format_date(since.day)
        return f"{since.given} ({format_date(since.committed.date())})"

    def basis(self) -> str:
        """Which commit the old state is from, so a reader can check it."""
        since = self.since
        commit = f"commit {since.commit[:12]} of {since.committed.strftime('%Y-%m-%d %H:%M %z')}"
        if since.day is not None:
            return f"compared with {commit}, the last commit before {since.day.isoformat()}"
        return f"compared with {commit}"


def compare(old: OldStatement, loaded: LoadedStatement, since: Since) -> Changes:
    statement = loaded.require()
    now = [entry.signatory for entry in loaded.every_entry()]  # an invalid field: still there
    before = old.signatories
    paired: dict[int, int] = {}  # index in now -> index in before
    unpaired_old: dict[str, list[int]] = {}
    for index, signatory in enumerate(before):
        unpaired_old.setdefault(fold(signatory.name), []).append(index)
    for index, signatory in enumerate(now):
        waiting = unpaired_old.get(fold(signatory.name))
        if waiting:
            paired[index] = waiting.pop(0)
    left_old = sorted(i for waiting in unpaired_old.values() for i in waiting)

    changes: list[Change] = []

    def shown(signatory: Signatory, group: str | None, kind: str, **more: str | None) -> Change:
        return Change(
            kind,
            signatory.name,
            signatory.display_name,
            group,
            signatory.status,
            **more,
        )

    renamed_from: dict[int, int] = {}
    merged: list[tuple[int, int]] = []
    for old_index in left_old:
        old_name = fold(before[old_index].name)
        keeping = [
            index
            for index, signatory in enumerate(now)
            if old_name in {fold(alias) for alias in signatory.aliases}
        ]
        renamed = [i for i in keeping if i not in paired and i not in renamed_from]
        if renamed:
            renamed_from[renamed[0]] = old_index
        elif keeping:
            merged.append((old_index, keeping[0]))
    paired |= renamed_from
    gone = set(left_old) - set(renamed_from.values()) - {old for old, _ in merged}

    new_group: Callable[[Signatory], str | None] = statement.group_of
    for index, signatory in enumerate(now):
        group = new_group(signatory)
        if index not in paired:
            changes.append(shown(signatory, group, "added"))
            continue
        was = before[paired[index]]
        # A rename that only changed case, accents or spacing folds alike: still a rename.
        if index in renamed_from or was.name != signatory.name:
            changes.append(shown(signatory, group, "renamed", was=was.display_name))
        if was.status != signatory.status:
            kind = _status_change(was.status, signatory)
            if kind == "merged":
                into = (signatory.withdrawn_reason or "").removeprefix(MERGED_REASON)
                changes.append(shown(signatory, group, kind, now=into.strip("'")))
            elif kind is not None:
                changes.append(shown(signatory, group, kind))
        old_group = old.group_of(was)
        if old_group != group:
            changes.append(shown(signatory, group, "moved", was=old_group, now=group))
    for old_index, new_index in merged:
        was = before[old_index]
        into = now[new_index].display_name
        changes.append(shown(was, old.group_of(was), "merged", now=into))
    for old_index in sorted(gone):
        was = before[old_index]
        changes.append(shown(was, old.group_of(was), "removed"))
    order = list(KINDS)
    changes.sort(key=lambda change: order.index(change.kind))  # stable: print order within
    return Changes(loaded.slug, statement.title, since, changes, len(statement.groups) > 1)


def _status_change(was: str, now: Signatory) -> str | None:
    if now.status == "withdrawn":
        merged = (now.withdrawn_reason or "").startswith(MERGED_REASON)
        return "merged" if merged else "withdrawn"
    if was == "withdrawn":
        return "reinstated"
    if was == "pending" and now.status == "confirmed":
        return "confirmed"
    return None  # confirmed back to pending: no command does it, nothing to announce


def _line(change: Change, several_groups: bool, display: Callable[[str], str]) -> str:
    name = display(change.display)
    if change.kind == "renamed":
        return f"{display(change.was or '')} -> {name}"
    if change.kind == "moved":
        return f"{name}: {change.was} -> {change.now}"
    if change.kind == "merged":
        return f"{name} into {display(change.now or '')}"
    details = [change.group] if several_groups and change.group else []
    if change.kind == "added" and change.status != "confirmed":
        details.append(change.status)
    return f"{name} ({', '.join(details)})" if details else name


def as_text(found: Changes) -> str:
    lines = [f"{found.slug}: {found.summary()}", f"({found.basis()})"]
    for kind, heading in KINDS.items():
        of_kind = found.of_kind(kind)
        if of_kind:
            lines += ["", f"{heading} ({len(of_kind)}):"]
            lines += [f"  {_line(change, found.several_groups, str)}" for change in of_kind]
    return "\n".join(lines) + "\n"


def as_markdown(found: Changes) -> str:
    """For an update e-mail: a heading per kind of change, names as `list` prints them."""
    summary = found.summary()
    lines = [
        f"## {escape_markdown_plain(found.title)}",
        "",
        f"{summary[0].upper()}{summary[1:]}.",
    ]
    for kind, heading in KINDS.items():
        of_kind = found.of_kind(kind)
        if of_kind:
            lines += ["", f"### {heading} ({len(of_kind)})", ""]
            lines += [
                f"- {_line(change, found.several_groups, escape_markdown_plain)}"
                for change in of_kind
            ]
    lines += ["", f"({found.basis()})"]
    return "\n".join(lines) + "\n"


def as_json(found: Changes) -> str:
    since = found.since
    data = {
        "schema": JSON_SCHEMA,
        "statement": found.slug,
        "since": {
            "given": since.given,
            "commit": since.commit,
            "committed": since.committed.isoformat(),
            "date": since.day.isoformat() if since.day else None,
        },
        "counts": found.counts(),
        "changes": [change.as_json() for change in found.changes],
    }
    return indented(data) + "\n"


@dataclass(frozen=True)
class Signed:
    """The entries whose ``added`` date is on or after ``day`` (``changes --signed-since``)."""

    slug: str
    title: str
    day: dt.date
    entries: list[tuple[Signatory, str | None]]  # with their group
    undated: int  # entries with no added date: not counted, said
    several_groups: bool

    def summary(self) -> str:
        live = [s for s, _ in self.entries if s.status != "withdrawn"]
        text = f"{len(live)} signed since {format_date(self.day)}"
        if len(live) != len(self.entries):
            text += f", and {len(self.entries) - len(live)} who withdrew since"
        if self.undated:
            text += f"; {self.undated} without an added date not counted"
        return text


def signed_since(loaded: LoadedStatement, day: dt.date) -> Signed:
    statement = loaded.require()
    entries = [entry.signatory for entry in loaded.every_entry()]
    dated = [s for s in entries if s.added is not None and s.added >= day]
    dated.sort(key=lambda s: s.added or day)  # stable: file order within a day
    return Signed(
        loaded.slug,
        statement.title,
        day,
        [(s, statement.group_of(s)) for s in dated],
        sum(1 for s in entries if s.added is None),
        len(statement.groups) > 1,
    )


def _signed_line(signatory: Signatory, group: str | None, signed: Signed) -> str:
    details = [group] if signed.several_groups and group else []
    if signatory.status != "confirmed":
        details.append(signatory.status)
    tail = f" ({', '.join(details)})" if details else ""
    return f"{signatory.added}  {signatory.display_name}{tail}"


def signed_as_text(signed: Signed) -> str:
    lines = [f"{signed.slug}: {signed.summary()}", "(by the entries' added dates)"]
    if signed.entries:
        lines.append("")
        lines += [f"  {_signed_line(s, g, signed)}" for s, g in signed.entries]
    return "\n".join(lines) + "\n"


def signed_as_markdown(signed: Signed) -> str:
    summary = signed.summary()
    lines = [f"## {escape_markdown_plain(signed.title)}", "", f"{summary[0].upper()}{summary[1:]}."]
    if signed.entries:
        lines.append("")
        lines += [
            f"- {escape_markdown_plain(_signed_line(s, g, signed))}" for s, g in signed.entries
        ]
    return "\n".join(lines) + "\n"


def signed_as_json(signed: Signed) -> str:
    data = {
        "schema": JSON_SCHEMA,
        "statement": signed.slug,
        "signed_since": signed.day.isoformat(),
        "count": sum(1 for s, _ in signed.entries if s.status != "withdrawn"),
        "undated": signed.undated,
        "signatories": [
            {
                "name": s.name,
                "display": s.display_name,
                "group": group,
                "status": s.status,
                "added": s.added.isoformat() if s.added else None,
            }
            for s, group in signed.entries
        ],
    }
    return indented(data) + "\n"
