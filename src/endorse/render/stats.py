"""Figures for ``endorse stats``: who has signed, from where, and how fast endorsements arrive."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any, get_args

from endorse import JSON_SCHEMA
from endorse.errors import EndorseError
from endorse.format.models import Kind, SignatoryStatus
from endorse.project.model import LoadedStatement

NO_GROUP = "(no group)"
NO_COUNTRY = "(no country)"
# The chart draws a bar a week: twenty years of them are already more than it can show, and
# two centuries (the range dates may span) take matplotlib most of a minute.
MAX_CHART_WEEKS = 20 * 53


@dataclass(frozen=True)
class Week:
    week: str  # ISO 8601 week, "2021-W17"
    monday: dt.date
    count: int


@dataclass(frozen=True)
class Stats:
    """Every figure but ``by_status`` counts confirmed signatories only: the ones printed."""

    slug: str
    total: int
    confirmed: int
    by_status: dict[str, int]
    by_group: dict[str, int]
    by_kind: dict[str, int]
    by_country: dict[str, int]
    weeks: list[Week]
    undated: int  # confirmed signatories without an ``added`` date: not in ``weeks``

    def as_dict(self) -> dict[str, Any]:
        data = {"schema": JSON_SCHEMA, **asdict(self)}
        data["weeks"] = [
            {"week": w.week, "monday": w.monday.isoformat(), "count": w.count} for w in self.weeks
        ]
        return data


def iso_week(date: dt.date) -> str:
    year, week, _ = date.isocalendar()
    return f"{year}-W{week:02d}"


def weekly(dates: list[dt.date]) -> list[Week]:
    """One bar per week from the first endorsement to the last, empty weeks included."""
    if not dates:
        return []
    mondays = Counter(date - dt.timedelta(days=date.weekday()) for date in dates)
    monday, last = min(mondays), max(mondays)
    weeks = []
    while monday <= last:
        weeks.append(Week(iso_week(monday), monday, mondays.get(monday, 0)))
        monday += dt.timedelta(days=7)
    return weeks


def _descending(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def compute(loaded: LoadedStatement) -> Stats:
    statement = loaded.require()
    status_counts = Counter(entry.signatory.status for entry in loaded.entries)
    confirmed = [e for e in loaded.entries if e.signatory.is_printed]
    groups = Counter(statement.group_of(e.signatory) or NO_GROUP for e in confirmed)
    kinds = Counter(e.signatory.kind for e in confirmed)
    countries = Counter(e.signatory.country or NO_COUNTRY for e in confirmed)
    dates = [e.signatory.added for e in confirmed if e.signatory.added is not None]
    by_group = {group.id: groups.pop(group.id, 0) for group in statement.groups}
    by_group.update(_descending(groups))  # signatories naming a group that does not exist
    return Stats(
        slug=loaded.slug,
        total=len(loaded.entries),
        confirmed=len(confirmed),
        by_status={status: status_counts[status] for status in get_args(SignatoryStatus)},
        by_group=by_group,
        by_kind={kind: kinds[kind] for kind in get_args(Kind)},
        by_country=_descending(countries),
        weeks=weekly(dates),
        undated=len(confirmed) - len(dates),
    )


@dataclass(frozen=True)
class Growth:
    """Confirmed endorsements per week and group, for the growth chart."""

    mondays: list[dt.date]  # every week from the first dated endorsement to the last
    by_group: dict[str, list[int]]  # group id: its count in each of those weeks
    undated: int


def growth(loaded: LoadedStatement) -> Growth:
    statement = loaded.require()
    confirmed = [e for e in loaded.entries if e.signatory.status == "confirmed"]
    dated = [(e, e.signatory.added) for e in confirmed if e.signatory.added is not None]
    mondays = [week.monday for week in weekly([added for _, added in dated])]
    if len(mondays) > MAX_CHART_WEEKS:
        first, last = min(added for _, added in dated), max(added for _, added in dated)
        raise EndorseError(
            f"the confirmed signatories were added from {first} to {last}, {len(mondays)} "
            f"weeks: the chart draws at most {MAX_CHART_WEEKS}",
            path=loaded.path,
            hint="check the added dates (a typo in a year?); endorse stats without --chart "
            "lists every week",
        )
    position = {monday: index for index, monday in enumerate(mondays)}
    by_group: dict[str, list[int]] = {group.id: [0] * len(mondays) for group in statement.groups}
    for entry, added in dated:
        group = statement.group_of(entry.signatory) or NO_GROUP
        counts = by_group.setdefault(group, [0] * len(mondays))
        counts[position[added - dt.timedelta(days=added.weekday())]] += 1
    return Growth(
        mondays=mondays,
        by_group={group: counts for group, counts in by_group.items() if any(counts)},
        undated=len(confirmed) - len(dated),
    )
