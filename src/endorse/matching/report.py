"""Duplicate groups as plain data: the stable JSON shape and problems for `endorse check`."""

from __future__ import annotations

from typing import Any

from endorse import JSON_SCHEMA
from endorse.format.problems import Problem
from endorse.matching.groups import DuplicateGroup, Link
from endorse.project.model import Entry, LoadedStatement

HINT = "remove one of them, or record them under [[distinct]] if they are different signers"
REVIEW_HINT = (
    "if they are one signer remove one; if not, record them under [[distinct]] "
    "so that this notice goes away"
)


def group_of(entry: Entry, loaded: LoadedStatement) -> str | None:
    if loaded.statement is None:
        return entry.signatory.group
    return loaded.statement.group_of(entry.signatory)


def as_json(
    loaded: LoadedStatement,
    groups: list[DuplicateGroup],
    review: list[DuplicateGroup] | None = None,
) -> dict[str, Any]:
    """``{"statement": SLUG, "groups": [{"members": [...], "score": ..., "reasons": [...]}]}``.

    With ``review`` (``dupes --review``), a "review" list of the same shape follows.
    """
    data = {
        "schema": JSON_SCHEMA,
        "statement": loaded.slug,
        "groups": _groups_json(loaded, groups),
    }
    if review is not None:
        data["review"] = _groups_json(loaded, review)
    return data


def _groups_json(loaded: LoadedStatement, groups: list[DuplicateGroup]) -> list[dict[str, Any]]:
    return [
        {
            "members": [
                _member_json(loaded, member, group.links[n] if n < len(group.links) else None)
                for n, member in enumerate(group.members)
            ],
            "score": round(group.score, 3),
            "reasons": list(group.reasons),
        }
        for group in groups
    ]


def _member_json(loaded: LoadedStatement, member: Entry, link: Link | None) -> dict[str, Any]:
    """A member; with ``via`` (the member whose link brought it into the group, the link's
    score and reasons) for every member of a likely group but the first."""
    data: dict[str, Any] = {
        "name": member.signatory.name,
        "group": group_of(member, loaded),
        "file": member.path.as_posix(),
        "line": member.line,
    }
    if link is not None:
        data["via"] = {
            "name": link.to.signatory.name,
            "file": link.to.path.as_posix(),
            "line": link.to.line,
            "score": round(link.score, 3),
            "reasons": list(link.reasons),
        }
    return data


def as_problems(groups: list[DuplicateGroup]) -> list[Problem]:
    """One E301 at every member after the first, naming the member whose link brought it in
    and the group's first member: its size grows with the group, never with its square."""
    problems = []
    for group in groups:
        first = group.members[0]
        size = len(group.members)
        for number, member in enumerate(group.members[1:], start=1):
            link = group.links[number] if number < len(group.links) else None
            if link is None:
                link = Link(first, group.score, group.reasons)
            via = f"'{link.to.signatory.name}' ({link.to.location})"
            if link.to is not first:
                via += f", and so as '{first.signatory.name}' ({first.location})"
            together = "" if size == 2 else f"; one of {size} entries of one group"
            problems.append(
                Problem(
                    "E301",
                    f"'{member.signatory.name}' is probably the same signer as {via} "
                    f"({', '.join(link.reasons)}; score {link.score:.2f}{together})",
                    path=member.path,
                    line=member.line,
                    hint=HINT,
                )
            )
    return problems


def as_notices(possible: list[DuplicateGroup]) -> list[Problem]:
    """One N302 per possible pair, at its second member: a notice, never a failure."""
    problems = []
    for group in possible:
        first, *rest = group.members
        for member in rest:
            problems.append(
                Problem(
                    "N302",
                    f"'{member.signatory.name}' might be the same signer as "
                    f"'{first.signatory.name}' ({first.location}) "
                    f"({', '.join(group.reasons)}; score {group.score:.2f})",
                    path=member.path,
                    line=member.line,
                    hint=REVIEW_HINT,
                )
            )
    return problems
