"""`endorse intake`: a GitHub issue form becomes a pending per-signer file and a reply."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import tomli

from endorse.edit.add import Invalid
from endorse.edit.intake import fenced, parse_answers, read_event
from endorse.errors import UsageError
from tests.conftest import Invoke

EVENTS = Path(__file__).resolve().parent / "data" / "github"


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Invoke) -> Path:
    """A fresh project with one statement, as `endorse init` makes it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ENDORSE_ROOT", raising=False)
    cli("init", "demo", "--title", "Demo letter")
    return tmp_path


def event_with(tmp_path: Path, source: str, **changes: Any) -> Path:
    """A copy of a fixture event with issue fields replaced (body, user...)."""
    data = json.loads((EVENTS / source).read_text(encoding="utf-8"))
    for key, value in changes.items():
        data["issue"][key] = value
    path = tmp_path / f"event-{len(list(tmp_path.glob('event-*')))}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def signer_files(root: Path) -> list[Path]:
    return sorted((root / "signatories" / "demo").glob("*.toml"))


def test_an_opened_issue_becomes_a_pending_file_and_a_reply(demo: Path, cli: Invoke) -> None:
    result = cli(
        "intake", "demo", "--github-event", str(EVENTS / "issue-opened.json"), "--reply", "r.md"
    )
    assert result.stdout == (
        "added 'Khmer Youth Association' as pending to "
        "signatories/demo/khmer-youth-association.toml:3\n"
    )
    written = (demo / "signatories" / "demo" / "khmer-youth-association.toml").read_text()
    assert written == (
        "schema = 1\n\n[[signatory]]\n"
        'name = "Khmer Youth Association"\n'
        'acronym = "KYA"\n'
        'group = "endorsers"\n'
        'country = "KH"\n'
        "added = 2026-11-02\n"
        'status = "pending"\n'
        'github = "sokha-kya"\n'
        'source = "https://github.com/coalition/demo-letter/issues/7"\n'
    )
    reply = (demo / "r.md").read_text()
    assert reply.startswith("Thank you: your signature is recorded")
    assert "```text\nKhmer Youth Association (KYA)\n```" in reply
    assert "`signatories/demo/khmer-youth-association.toml`" in reply
    assert "“This statement is endorsed by:”" in reply
    # Pending entries are checked like any other, and are not printed yet.
    assert cli("check").stdout == "ok: 1 statement, 1 signatory checked, no problems\n"
    assert "Khmer Youth" not in cli("render", "demo").stdout


def test_a_near_duplicate_is_refused_naming_the_existing_signer(demo: Path, cli: Invoke) -> None:
    cli("intake", "demo", "--github-event", str(EVENTS / "issue-opened.json"), "--reply", "1.md")
    result = cli(
        "intake",
        "demo",
        "--github-event",
        str(EVENTS / "issue-near-duplicate.json"),
        "--reply",
        "2.md",
        code=1,
    )
    message = (
        "'Khmer Youth Assocation' is likely already a signatory: 'Khmer Youth Association' "
        "(signatories/demo/khmer-youth-association.toml:3; typing error)"
    )
    assert result.stderr.splitlines()[0] == (
        f"endorse: error: signatories/demo.toml: not added: {message}"
    )
    reply = (demo / "2.md").read_text()
    assert reply.startswith("Your signature was not added: the list was left as it was")
    assert f"```text\n{message}\n```" in reply
    assert "a maintainer will add you by hand" in reply
    assert len(signer_files(demo)) == 1


def test_the_same_check_as_add_refuses_the_duplicate(demo: Path, cli: Invoke) -> None:
    """intake and add agree: a name add refuses, intake refuses with the same words."""
    cli("add", "demo", "Khmer Youth Association", "--acronym", "KYA")
    added = cli("add", "demo", "Khmer Youth Assocation", "--acronym", "KYA", code=1)
    taken = cli(
        "intake", "demo", "--github-event", str(EVENTS / "issue-near-duplicate.json"), code=1
    )
    assert taken.stderr == added.stderr


def test_an_edited_issue_with_windows_line_ends(demo: Path, cli: Invoke) -> None:
    cli("intake", "demo", "--github-event", str(EVENTS / "issue-edited.json"), "--reply", "r.md")
    data = tomli.loads(signer_files(demo)[0].read_text())["signatory"][0]
    assert (data["name"], data["acronym"], data["country"]) == (
        "Khmer Youth Association",
        "KYA",
        "KH",
    )


def test_an_edit_after_the_merge_changes_nothing(demo: Path, cli: Invoke) -> None:
    cli("intake", "demo", "--github-event", str(EVENTS / "issue-opened.json"), "--reply", "1.md")
    before = signer_files(demo)[0].read_bytes()
    result = cli("intake", "demo", "--github-event", str(EVENTS / "issue-edited.json"), code=1)
    assert result.stderr.splitlines()[0] == (
        "endorse: error: signatories/demo/khmer-youth-association.toml:3: this issue's signature "
        "is already on the list, as 'Khmer Youth Association' "
        "(signatories/demo/khmer-youth-association.toml:3)"
    )
    assert signer_files(demo)[0].read_bytes() == before


def test_missing_answers_are_refused_with_a_reply(demo: Path, cli: Invoke) -> None:
    event = EVENTS / "issue-missing-answers.json"
    result = cli("intake", "demo", "--github-event", str(event), "--reply", "r.md", code=1)
    assert result.stderr == (
        f"endorse: error: {event}: not added: Name: no answer; write the name as it should print\n"
        "  edit the issue to correct the answer; it is checked again\n"
    )
    reply = (demo / "r.md").read_text()
    assert reply.startswith("Your signature was not added yet: one answer needs a correction.")
    assert "Edit this issue to correct it" in reply
    assert "For the maintainers" not in reply
    assert signer_files(demo) == []


def test_optional_answers_left_empty_take_the_defaults(demo: Path, cli: Invoke) -> None:
    body = (
        "### Name\n\nJane Doe\n\n### Acronym\n\n_No response_\n\n### Country\n\n_No response_\n\n"
        "### Group\n\n_No response_\n\n### Kind\n\nIndividual\n\n### Authorisation\n\n"
        "- [X] I am authorised to sign for this organisation"
    )
    cli("intake", "demo", "--github-event", str(event_with(demo, "issue-opened.json", body=body)))
    data = tomli.loads(signer_files(demo)[0].read_text())["signatory"][0]
    assert data == {
        "name": "Jane Doe",
        "group": "endorsers",  # the form offers one group: no answer means that one
        "kind": "individual",
        "added": data["added"],
        "status": "pending",
        "github": "sokha-kya",
        "source": "https://github.com/coalition/demo-letter/issues/7",
    }


def test_an_unticked_authorisation_is_refused(demo: Path, cli: Invoke) -> None:
    body = json.loads((EVENTS / "issue-opened.json").read_text())["issue"]["body"]
    event = event_with(demo, "issue-opened.json", body=body.replace("[X]", "[ ]"))
    result = cli("intake", "demo", "--github-event", str(event), code=1)
    assert result.stderr.splitlines()[0] == (
        f"endorse: error: {event}: not added: Authorisation: the box 'I am authorised to sign "
        "for this organisation' is not ticked"
    )


def test_the_hostile_body_reaches_neither_the_reply_nor_the_file_system(
    demo: Path, cli: Invoke
) -> None:
    result = cli(
        "intake",
        "demo",
        "--github-event",
        str(EVENTS / "issue-hostile.json"),
        "--reply",
        "r.md",
        code=1,
    )
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in result.stderr
    reply = (demo / "r.md").read_text()
    assert "\u202e" not in reply
    assert signer_files(demo) == []


def test_a_hostile_name_is_quoted_in_the_reply_and_named_safely(demo: Path, cli: Invoke) -> None:
    body = json.loads((EVENTS / "issue-hostile.json").read_text())["issue"]["body"]
    event = event_with(demo, "issue-hostile.json", body=body.replace("\u202e", ""))
    cli("intake", "demo", "--github-event", str(event), "--reply", "r.md")
    [written] = signer_files(demo)
    assert written.parent == demo / "signatories" / "demo"
    assert written.name == (
        "everyone-code-script-alert-1-script-click-javascript-alert-1-github-workflows-x.toml"
    )
    assert not (demo / ".github").exists()
    reply = (demo / "r.md").read_text()
    # The name contains ``` so the block opens with four: nothing inside can close it.
    name = (
        "@everyone ```</code><script>alert(1)</script> [click](javascript:alert(1)) "
        "../../.github/workflows/x (KYA)"
    )
    assert f"````text\n{name}\n````" in reply
    outside = reply.replace(f"````text\n{name}\n````", "")
    assert "@" not in outside and "<" not in outside and "[" not in outside


def test_a_khmer_name_gets_a_stable_file_name(demo: Path, cli: Invoke) -> None:
    cli("intake", "demo", "--github-event", str(EVENTS / "issue-khmer.json"), "--reply", "r.md")
    [written] = signer_files(demo)
    assert written.name == "signer-c33e68c3c10d.toml"
    assert tomli.loads(written.read_text())["signatory"][0]["name"] == "សមាគមយុវជនខ្មែរ"
    assert "```text\nសមាគមយុវជនខ្មែរ\n```" in (demo / "r.md").read_text()


def test_a_decomposed_answer_is_stored_composed(demo: Path, cli: Invoke) -> None:
    body = json.loads((EVENTS / "issue-opened.json").read_text())["issue"]["body"]
    decomposed = body.replace("Khmer Youth Association", "Association Cafe\u0301")
    cli(
        "intake",
        "demo",
        "--github-event",
        str(event_with(demo, "issue-opened.json", body=decomposed)),
    )
    assert tomli.loads(signer_files(demo)[0].read_text())["signatory"][0]["name"] == (
        "Association Café"
    )


def test_without_reply_the_reply_is_printed(demo: Path, cli: Invoke) -> None:
    result = cli("intake", "demo", "--github-event", str(EVENTS / "issue-khmer.json"))
    assert result.stdout.startswith("Thank you: your signature is recorded")


def test_an_unknown_statement_is_a_usage_error_with_a_reply(demo: Path, cli: Invoke) -> None:
    result = cli(
        "intake",
        "nope",
        "--github-event",
        str(EVENTS / "issue-opened.json"),
        "--reply",
        "r.md",
        code=2,
    )
    assert (
        result.stderr.splitlines()[0]
        == f"endorse: error: {demo / 'statements'}: no statement 'nope'"
    )
    assert (
        (demo / "r.md")
        .read_text()
        .startswith("Your signature could not be processed, because of a problem on our side:")
    )


def test_a_group_outside_public_groups_is_refused(demo: Path, cli: Invoke) -> None:
    statement = demo / "statements" / "demo.toml"
    statement.write_text(
        statement.read_text().replace(
            'status = "draft"', 'public_groups = ["endorsers"]\nstatus = "draft"'
        )
        + '\n[[groups]]\nid = "organizers"\nheading = "Prepared by:"\n'
    )
    body = json.loads((EVENTS / "issue-opened.json").read_text())["issue"]["body"]
    event = event_with(demo, "issue-opened.json", body=body.replace("endorsers", "organizers"))
    result = cli("intake", "demo", "--github-event", str(event), code=1)
    assert result.stderr.splitlines()[0] == (
        f"endorse: error: {event}: not added: Group: 'organizers' is not one of the form's "
        "groups (This statement is endorsed by:)"
    )


def test_the_group_answer_is_a_heading_and_the_file_keeps_its_id(demo: Path, cli: Invoke) -> None:
    statement = demo / "statements" / "demo.toml"
    statement.write_text(
        statement.read_text() + '\n[[groups]]\nid = "organizers"\nheading = "Prepared by:"\n'
    )
    body = json.loads((EVENTS / "issue-opened.json").read_text())["issue"]["body"]
    assert "\nendorsers\n" in body  # the fixture answers with an id, as older forms did
    event = event_with(demo, "issue-opened.json", body=body.replace("endorsers", "Prepared by:"))
    cli("intake", "demo", "--github-event", str(event))
    [written] = signer_files(demo)
    assert 'group = "organizers"\n' in written.read_text()


def test_a_closed_statement_takes_no_signature(demo: Path, cli: Invoke) -> None:
    statement = demo / "statements" / "demo.toml"
    statement.write_text(statement.read_text().replace('status = "draft"', 'status = "closed"'))
    event = str(EVENTS / "issue-opened.json")
    result = cli("intake", "demo", "--github-event", event, "--reply", "r.md", code=1)
    assert result.stderr.splitlines()[0] == (
        "endorse: error: statements/demo.toml: not added: statement 'demo' is closed"
    )
    reply = (demo / "r.md").read_text()
    assert "The statement takes no more signatures" in reply
    assert 'set status = "open" in the statement, then edit the issue' in reply
    assert signer_files(demo) == []


# The event file -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"not json", "the file is not JSON"),
        (b'{"action": "opened", "pull_request": {}}', "the file has no 'issue'"),
        (b'{"action": "closed", "issue": {}}', "the action is 'closed'"),
        (b'{"action": "deleted", "issue": {}}', "the action is 'deleted'"),
    ],
)
def test_a_file_that_is_no_issues_event_is_a_usage_error(
    tmp_path: Path, content: bytes, why: str
) -> None:
    path = tmp_path / "event.json"
    path.write_bytes(content)
    with pytest.raises(UsageError) as caught:
        read_event(path)
    assert caught.value.message.startswith(why)
    assert caught.value.path == path


def test_a_login_that_is_no_github_account_is_refused(tmp_path: Path) -> None:
    path = event_with(tmp_path, "issue-opened.json", user={"login": "../../etc"})
    with pytest.raises(UsageError, match=r"issue\.user\.login is not a GitHub account name"):
        read_event(path)


def test_the_created_date_is_the_day_in_utc(tmp_path: Path) -> None:
    path = event_with(tmp_path, "issue-opened.json", created_at="2026-11-02T23:30:00-05:00")
    assert str(read_event(path).created) == "2026-11-03"


# The body ----------------------------------------------------------------------------------


def test_a_heading_typed_into_an_answer_cannot_pose_as_another(tmp_path: Path) -> None:
    body = "### Name\n\nA\n\n### Group\n\nendorsers\n\n### Group\n\norganizers\n"
    with pytest.raises(Invalid, match="Group: answered twice in the issue"):
        parse_answers(body, tmp_path)


def test_an_unknown_heading_ends_an_answer(tmp_path: Path) -> None:
    answers = parse_answers("### Name\n\nA\n\n### Contact\n\nme@example.org\n", tmp_path)
    assert answers["Name"] == "A"


def test_answers_have_length_limits(tmp_path: Path) -> None:
    with pytest.raises(Invalid, match="Name: the answer is 301 characters long; at most 300"):
        parse_answers("### Name\n\n" + "x" * 301, tmp_path)
    with pytest.raises(Invalid, match="at most 65536"):
        parse_answers("x" * 65_537, tmp_path)


def test_a_one_line_answer_on_several_lines_is_refused(tmp_path: Path) -> None:
    with pytest.raises(Invalid, match="Name: the answer has several lines"):
        parse_answers("### Name\n\nA\nB\n", tmp_path)


def test_fenced_quotes_control_characters_and_outruns_backticks() -> None:
    assert fenced("a ```` b") == "`````text\na ```` b\n`````"
    assert fenced("x\u202ey\x07") == "```text\nx<U+202E>y<U+0007>\n```"


@pytest.mark.parametrize(
    ("answer", "code"),
    [("Lao PDR", "LA"), ("Brunei", "BN"), ("\u1780\u1798\u17d2\u1796\u17bb\u1787\u17b6", "KH")],
)
def test_a_country_answer_is_read_like_add_reads_it(
    demo: Path, cli: Invoke, answer: str, code: str
) -> None:
    body = (
        f"### Name\n\nJane Doe\n\n### Acronym\n\n_No response_\n\n### Country\n\n{answer}\n\n"
        "### Group\n\n_No response_\n\n### Kind\n\nIndividual\n\n### Authorisation\n\n"
        "- [X] I am authorised to sign for this organisation"
    )
    cli("intake", "demo", "--github-event", str(event_with(demo, "issue-opened.json", body=body)))
    assert tomli.loads(signer_files(demo)[0].read_text())["signatory"][0]["country"] == code


def test_an_unknown_country_answer_gets_the_closest_real_one(demo: Path, cli: Invoke) -> None:
    body = (
        "### Name\n\nJane Doe\n\n### Acronym\n\n_No response_\n\n### Country\n\nCambodja\n\n"
        "### Group\n\n_No response_\n\n### Kind\n\nIndividual\n\n### Authorisation\n\n"
        "- [X] I am authorised to sign for this organisation"
    )
    event = event_with(demo, "issue-opened.json", body=body)
    result = cli("intake", "demo", "--github-event", str(event), "--reply", "r.md", code=1)
    assert "did you mean Cambodia (KH)?" in (demo / "r.md").read_text() + result.stderr
    assert signer_files(demo) == []
