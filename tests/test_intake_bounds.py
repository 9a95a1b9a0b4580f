"""`endorse intake` on hostile event files: too large, too deep, lone surrogates, dates out of
range. Each gets a reply for the issue and a message, never a traceback (issue 22)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from endorse.edit.intake import MAX_EVENT_BYTES, MAX_EVENT_DEPTH
from tests.conftest import Invoke

EVENTS = Path(__file__).resolve().parent / "data" / "github"
NOT_AN_EVENT = "; this is not an 'issues' event of GitHub Actions"


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Invoke) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ENDORSE_ROOT", raising=False)
    cli("init", "demo", "--title", "Demo letter")
    return tmp_path


def opened() -> dict[str, object]:
    data = json.loads((EVENTS / "issue-opened.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def created_at(value: str) -> str:
    data = opened()
    data["issue"]["created_at"] = value  # type: ignore[index]
    return json.dumps(data)


def with_body_prefix(prefix: str) -> str:
    data = opened()
    body = data["issue"]["body"]  # type: ignore[index]
    return json.dumps(data).replace(json.dumps(body)[:-1], json.dumps(body)[:-1] + prefix, 1)


CASES = {
    "nested 100,000 deep": (
        "[" * 100_000 + "]" * 100_000,
        f"the JSON is nested more than {MAX_EVENT_DEPTH} levels deep",
    ),
    "nested 65 deep": (
        json.dumps({**opened(), "x": json.loads("[" * 64 + "]" * 64)}),
        f"the JSON is nested more than {MAX_EVENT_DEPTH} levels deep",
    ),
    "an unterminated string of escaped quotes": (
        '{"issue": "' + '\\"' * 400_000,
        "the file is not JSON (Unterminated string starting at: line 1 column 11 (char 10))",
    ),
    "nested in a string is not nesting": (
        json.dumps({**opened(), "x": "[" * 100_000}),
        None,
    ),
    "over 1 MiB": (
        json.dumps({**opened(), "padding": "x" * MAX_EVENT_BYTES}),
        f"the file is larger than {MAX_EVENT_BYTES} bytes",
    ),
    "lone surrogate": (
        with_body_prefix("\\ud800"),
        "the file holds a lone surrogate (\\ud800 to \\udfff), which is not text",
    ),
    "year 1 moved across midnight": (
        created_at("0001-01-01T00:00:00+01:00"),
        "issue.created_at is not a date and time",
    ),
    "year 9999 moved across midnight": (
        created_at("9999-12-31T23:00:00-05:00"),
        "issue.created_at is not a date and time",
    ),
    "year 2150": (
        created_at("2150-01-01T00:00:00Z"),
        "issue.created_at is outside 1900-01-01 to 2100-12-31",
    ),
    "year 1000": (
        created_at("1000-01-01T00:00:00Z"),
        "issue.created_at is outside 1900-01-01 to 2100-12-31",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_event_gets_a_reply(demo: Path, cli: Invoke, case: str) -> None:
    text, message = CASES[case]
    event = demo / "event.json"
    event.write_text(text, encoding="utf-8")
    reply = demo / "reply.md"
    result = cli(
        "intake",
        "demo",
        "--github-event",
        str(event),
        "--reply",
        str(reply),
        code=0 if message is None else 2,
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if message is None:
        assert "Khmer Youth Association" in reply.read_text(encoding="utf-8")
        return
    assert result.stderr.splitlines()[0] == f"endorse: error: {event}: {message}{NOT_AN_EVENT}"
    assert f"{message}{NOT_AN_EVENT}" in reply.read_text(encoding="utf-8")
    assert not (demo / "signatories" / "demo").exists()


def test_a_surrogate_pair_is_text(demo: Path, cli: Invoke) -> None:
    data = opened()
    data["issue"]["body"] = data["issue"]["body"].replace(  # type: ignore[index]
        "Khmer Youth Association", "Khmer Youth Association \U0001f91d"
    )
    event = demo / "event.json"
    event.write_text(json.dumps(data), encoding="utf-8")  # ensure_ascii: a \\ud83e\\udd1d pair
    assert "\\ud83e\\udd1d" in event.read_text(encoding="utf-8")
    result = cli("intake", "demo", "--github-event", str(event), "--reply", str(demo / "r.md"))
    assert "added 'Khmer Youth Association \U0001f91d' as pending" in result.stdout
