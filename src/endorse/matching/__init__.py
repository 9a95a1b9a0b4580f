"""Finding signatories listed twice under two spellings (no Typer or Rich here)."""

from endorse.matching.groups import (
    DEFAULT_MIN_SCORE,
    CandidateChecker,
    DuplicateGroup,
    Link,
    Match,
    find_duplicate_groups,
    find_duplicates_for_review,
    match_candidate,
)

__all__ = [
    "DEFAULT_MIN_SCORE",
    "CandidateChecker",
    "DuplicateGroup",
    "Link",
    "Match",
    "find_duplicate_groups",
    "find_duplicates_for_review",
    "match_candidate",
]
