"""Precision, recall and F1 of the duplicate engine on tests/data/dupes/pairs.json, and baselines.

Baselines, on the same pairs in the same run: OpenRefine's fingerprint key, rapidfuzz
token_sort_ratio >= 90 and token_set_ratio >= 90 (both with rapidfuzz's default processor).
"""

from __future__ import annotations

import json
import re
import string
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, utils

from endorse.format.models import Signatory
from endorse.matching import find_duplicate_groups
from endorse.project.model import Entry, LoadedStatement

PAIRS = Path(__file__).resolve().parent.parent / "tests" / "data" / "dupes" / "pairs.json"
Pair = dict[str, Any]


def load_pairs(path: Path = PAIRS) -> list[Pair]:
    return list(json.loads(path.read_text(encoding="utf-8")))


def _signatory(side: dict[str, Any]) -> Signatory:
    # model_construct: some variants carry invisible characters that the file format
    # refuses, as a row being imported could before it is checked.
    return Signatory.model_construct(
        name=side["name"], acronym=side.get("acronym"), aliases=side.get("aliases", [])
    )


def endorse_says(pair: Pair) -> bool:
    loaded = LoadedStatement(slug="eval", path=Path("eval.toml"))
    for position, key in enumerate("ab"):
        loaded.entries.append(Entry(_signatory(pair[key]), Path("eval.toml"), None, position))
    return bool(find_duplicate_groups(loaded))


def _shown(side: dict[str, Any]) -> str:
    """What a baseline sees: the name as printed, "Name (ACR)" when there is an acronym."""
    return f"{side['name']} ({side['acronym']})" if side.get("acronym") else str(side["name"])


_PUNCTUATION = re.compile("[" + re.escape(string.punctuation) + "\u2018\u2019\u201c\u201d]")


def fingerprint(text: str) -> str:
    """OpenRefine's fingerprint key: trim, lower, drop punctuation, ASCII-fold, unique tokens."""
    text = _PUNCTUATION.sub("", text.strip().lower())
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(sorted(set(text.split())))


def fingerprint_says(pair: Pair) -> bool:
    return fingerprint(_shown(pair["a"])) == fingerprint(_shown(pair["b"]))


def token_sort_says(pair: Pair) -> bool:
    score = fuzz.token_sort_ratio(
        _shown(pair["a"]), _shown(pair["b"]), processor=utils.default_process
    )
    return score >= 90


def token_set_says(pair: Pair) -> bool:
    score = fuzz.token_set_ratio(
        _shown(pair["a"]), _shown(pair["b"]), processor=utils.default_process
    )
    return score >= 90


METHODS: dict[str, Callable[[Pair], bool]] = {
    "endorse": endorse_says,
    "fingerprint": fingerprint_says,
    "token_sort>=90": token_sort_says,
    "token_set>=90": token_set_says,
}


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    overall: dict[str, Scores]
    by_split: dict[str, dict[str, Scores]]
    by_kind: dict[str, dict[str, Scores]]
    mistakes: list[tuple[str, Pair]]


def evaluate(pairs: list[Pair]) -> Evaluation:
    overall = {m: Scores() for m in METHODS}
    by_split: dict[str, dict[str, Scores]] = defaultdict(lambda: {m: Scores() for m in METHODS})
    by_kind: dict[str, dict[str, Scores]] = defaultdict(lambda: {m: Scores() for m in METHODS})
    mistakes = []
    for pair in pairs:
        truth = pair["label"] == "dup"
        for method, says in METHODS.items():
            guess = says(pair)
            for scores in (
                overall[method],
                by_split[pair["split"]][method],
                by_kind[pair["kind"]][method],
            ):
                if guess and truth:
                    scores.tp += 1
                elif guess:
                    scores.fp += 1
                elif truth:
                    scores.fn += 1
                else:
                    scores.tn += 1
            if method == "endorse" and guess != truth:
                mistakes.append(("missed" if truth else "false alarm", pair))
    return Evaluation(overall, dict(by_split), dict(by_kind), mistakes)


def _row(label: str, values: list[str]) -> str:
    return f"{label:<28}" + "".join(f"{v:>16}" for v in values)


def report(result: Evaluation, *, show_mistakes: bool = True) -> str:
    methods = list(METHODS)
    lines = [_row("", methods)]
    for name, pick in (("precision", "precision"), ("recall", "recall"), ("F1", "f1")):
        lines.append(_row(name, [f"{getattr(result.overall[m], pick):.3f}" for m in methods]))
    for split, scores in sorted(result.by_split.items()):
        if split == "hard":
            continue
        lines.append(_row(f"F1 [{split}]", [f"{scores[m].f1:.3f}" for m in methods]))
    lines.append("")
    lines.append(_row("recall per kind (n)", methods))
    for kind, scores in sorted(result.by_kind.items()):
        positives = scores["endorse"].tp + scores["endorse"].fn
        if positives:
            lines.append(
                _row(f"{kind} ({positives})", [f"{scores[m].recall:.3f}" for m in methods])
            )
    lines.append("")
    lines.append(_row("false alarms per kind (n)", methods))
    for kind, scores in sorted(result.by_kind.items()):
        negatives = scores["endorse"].fp + scores["endorse"].tn
        if negatives:
            lines.append(_row(f"{kind} ({negatives})", [str(scores[m].fp) for m in methods]))
    if show_mistakes and result.mistakes:
        lines.append("")
        lines.append("endorse's mistakes:")
        for what, pair in result.mistakes:
            lines.append(
                f"  {what} [{pair['kind']}]: {_shown(pair['a'])!r} / {_shown(pair['b'])!r}"
            )
    return "\n".join(lines)


def main() -> int:
    pairs = load_pairs()
    result = evaluate(pairs)
    print(f"Duplicate detection on {len(pairs)} labelled pairs ({PAIRS.name})")
    print(report(result))
    best_baseline = max(result.overall[m].f1 for m in METHODS if m != "endorse")
    ours = result.overall["endorse"]
    met = ours.precision >= 0.97 and ours.recall >= 0.95 and ours.f1 > best_baseline
    print(
        "\ntargets (precision >= 0.97, recall >= 0.95, F1 above every baseline): "
        + ("met" if met else "NOT met")
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
