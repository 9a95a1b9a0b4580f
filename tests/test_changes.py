"""`endorse changes SLUG --since REV|DATE`: a real git repository, several commits, exact output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from endorse.errors import UsageError
from endorse.project.revision import resolve_since
from tests.conftest import Invoke, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def commit(root: Path, message: str, when: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, when=when)
    return git(root, "rev-parse", "HEAD").strip()


@pytest.fixture
def campaign(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Invoke) -> Path:
    """A two-tier letter with five signers, committed on 1 May 2026."""
    root = tmp_path / "campaign"
    root.mkdir()
    monkeypatch.chdir(root)
    monkeypatch.delenv("ENDORSE_ROOT", raising=False)
    git(root, "init", "-q", "-b", "main")
    cli("init", "letter", "--title", "Free the press", "--group", "endorsers=Endorsers")
    statement = root / "statements" / "letter.toml"
    text = statement.read_text(encoding="utf-8")
    text = text.replace('status = "draft" ', 'status = "open"  ')
    text += '\n[[groups]]\nid = "speakers"\nheading = "Speakers"\n'
    statement.write_text(text, encoding="utf-8")
    for name, *more in (
        ("Cambodian Center for Human Rights", "--acronym", "CCHR", "--contact", "a@cchr.org"),
        ("Licadho",),
        ("Youth Network", "--status", "pending"),
        ("Old Name Org",),
        ("Dup Org",),
        ("Dup Organisation", "--force"),
    ):
        cli("add", "letter", name, "--group", "endorsers", "--added", "2026-04-30", *more)
    commit(root, "first signers", "2026-05-01T10:00:00+00:00")
    return root


def edit_week(cli: Invoke) -> None:
    """One of each change a coordinator makes, through the commands."""
    cli("confirm", "letter", "Youth Network")
    cli("withdraw", "letter", "Licadho", "--reason", "asked")
    cli("edit", "letter", "Old Name Org", "--name", "New Name Org")
    cli("move", "letter", "CCHR", "--group", "speakers")
    cli("merge", "letter", "Dup Organisation", "Dup Org")
    cli("add", "letter", "Fresh <Org>", "--group", "speakers", "--status", "pending")


def test_every_kind_of_change_as_text(campaign: Path, cli: Invoke) -> None:
    first = git(campaign, "rev-parse", "HEAD").strip()
    edit_week(cli)
    result = cli("changes", "letter", "--since", "main")
    assert result.stdout == (
        "letter: 1 added, 1 confirmed, 1 withdrawn, 1 renamed, 1 moved, 1 merged"
        " since main (1 May 2026)\n"
        f"(compared with commit {first[:12]} of 2026-05-01 10:00 +0000)\n"
        "\n"
        "Added (1):\n"
        "  Fresh <Org> (speakers, pending)\n"
        "\n"
        "Confirmed (1):\n"
        "  Youth Network (endorsers)\n"
        "\n"
        "Withdrawn (1):\n"
        "  Licadho (endorsers)\n"
        "\n"
        "Renamed (1):\n"
        "  Old Name Org -> New Name Org\n"
        "\n"
        "Moved (1):\n"
        "  Cambodian Center for Human Rights (CCHR): endorsers -> speakers\n"
        "\n"
        "Merged (1):\n"
        "  Dup Org into Dup Organisation\n"
    )
    assert "cchr.org" not in result.stdout  # contacts are private


def test_a_date_means_the_last_commit_before_it(campaign: Path, cli: Invoke) -> None:
    first = git(campaign, "rev-parse", "HEAD").strip()
    cli("add", "letter", "Second Week Org", "--group", "endorsers")
    commit(campaign, "second week", "2026-05-08T09:00:00+00:00")
    cli("withdraw", "letter", "Licadho")
    result = cli("changes", "letter", "--since", "2026-05-03")
    assert result.stdout == (
        "letter: 1 added, 1 withdrawn since 3 May 2026\n"
        f"(compared with commit {first[:12]} of 2026-05-01 10:00 +0000,"
        " the last commit before 2026-05-03)\n"
        "\n"
        "Added (1):\n"
        "  Second Week Org (endorsers)\n"
        "\n"
        "Withdrawn (1):\n"
        "  Licadho (endorsers)\n"
    )
    later = cli("changes", "letter", "--since", "2026-05-09").stdout
    assert later.startswith("letter: 1 withdrawn since 9 May 2026\n")


def test_markdown_for_an_update_email(campaign: Path, cli: Invoke) -> None:
    first = git(campaign, "rev-parse", "HEAD").strip()
    edit_week(cli)
    cli("reinstate", "letter", "Licadho")
    commit(campaign, "week two", "2026-05-08T09:00:00+00:00")
    cli("withdraw", "letter", "Licadho")
    cli("reinstate", "letter", "Licadho")  # back and forth: no change to announce
    result = cli("changes", "letter", "--since", first[:7], "-f", "markdown")
    assert result.stdout == (
        "## Free the press\n"
        "\n"
        f"1 added, 1 confirmed, 1 renamed, 1 moved, 1 merged since {first[:7]} (1 May 2026).\n"
        "\n"
        "### Added (1)\n"
        "\n"
        "- Fresh \\<Org> (speakers, pending)\n"
        "\n"
        "### Confirmed (1)\n"
        "\n"
        "- Youth Network (endorsers)\n"
        "\n"
        "### Renamed (1)\n"
        "\n"
        "- Old Name Org -> New Name Org\n"
        "\n"
        "### Moved (1)\n"
        "\n"
        "- Cambodian Center for Human Rights (CCHR): endorsers -> speakers\n"
        "\n"
        "### Merged (1)\n"
        "\n"
        "- Dup Org into Dup Organisation\n"
        "\n"
        f"(compared with commit {first[:12]} of 2026-05-01 10:00 +0000)\n"
    )


def test_json_carries_the_schema_and_every_count(campaign: Path, cli: Invoke) -> None:
    first = git(campaign, "rev-parse", "HEAD").strip()
    cli("merge", "letter", "Youth Network", "Old Name Org", "--keep-withdrawn")
    (campaign / "signatories" / "letter.toml").write_text(
        (campaign / "signatories" / "letter.toml")
        .read_text(encoding="utf-8")
        .replace('name = "Licadho"', 'name = "LICADHO"'),  # folds alike: still a rename
        encoding="utf-8",
    )
    data = json.loads(cli("changes", "letter", "--since", "2026-05-02", "-f", "json").stdout)
    assert data == {
        "schema": 1,
        "statement": "letter",
        "since": {
            "given": "2026-05-02",
            "commit": first,
            "committed": "2026-05-01T10:00:00+00:00",
            "date": "2026-05-02",
        },
        "counts": {
            "added": 0,
            "confirmed": 0,
            "withdrawn": 0,
            "reinstated": 0,
            "renamed": 1,
            "moved": 0,
            "merged": 1,
            "removed": 0,
        },
        "changes": [
            {
                "kind": "renamed",
                "name": "LICADHO",
                "display": "LICADHO",
                "group": "endorsers",
                "status": "confirmed",
                "from": "Licadho",
            },
            {
                "kind": "merged",
                "name": "Old Name Org",
                "display": "Old Name Org",
                "group": "endorsers",
                "status": "withdrawn",
                "to": "Youth Network",
            },
        ],
    }


def test_a_deleted_entry_is_removed_and_no_change_says_so(campaign: Path, cli: Invoke) -> None:
    assert (
        "letter: no changes since main (1 May 2026)\n"
        in cli("changes", "letter", "--since", "main").stdout
    )
    path = campaign / "signatories" / "letter.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index('[[signatory]]\nname = "Dup Org"')
    path.write_text(text[:start] + text[text.index("[[signatory]]", start + 1) :], "utf-8")
    result = cli("changes", "letter", "--since", "main")
    assert result.stdout.endswith("Removed (1):\n  Dup Org (endorsers)\n")


def test_one_file_per_signer_and_a_layout_change(campaign: Path, cli: Invoke) -> None:
    cli("add", "letter", "Own File Org", "--group", "endorsers", "--file-per-signer")
    commit(campaign, "a folder of signers", "2026-05-05T10:00:00+00:00")
    cli("add", "letter", "Second File Org", "--group", "speakers", "--file-per-signer")
    cli("withdraw", "letter", "Own File Org")
    result = cli("changes", "letter", "--since", "main")
    assert "letter: 1 added, 1 withdrawn since main (5 May 2026)\n" in result.stdout
    assert "Added (1):\n  Second File Org (speakers)\n" in result.stdout
    assert "Withdrawn (1):\n  Own File Org (endorsers)\n" in result.stdout
    before_folder = cli("changes", "letter", "--since", "main~1").stdout
    assert "Added (2):\n  Own File Org (endorsers, withdrawn)\n  Second File Org (speakers)\n" in (
        before_folder
    )


def test_a_statement_new_since_the_revision_is_all_added(campaign: Path, cli: Invoke) -> None:
    cli("init", "second", "--title", "Another letter")
    cli("open", "second")
    cli("add", "second", "Someone")
    assert cli("changes", "second", "--since", "main").stdout.startswith(
        "second: 1 added since main (1 May 2026)\n"
    )


def test_output_file(campaign: Path, cli: Invoke) -> None:
    cli("withdraw", "letter", "Licadho")
    cli("changes", "letter", "--since", "main", "-f", "markdown", "-o", "update.md")
    assert (campaign / "update.md").read_text(encoding="utf-8").startswith("## Free the press\n")


def test_refusals(campaign: Path, cli: Invoke, tmp_path: Path) -> None:
    unknown = cli("changes", "letter", "--since", "v9", code=2)
    assert unknown.stderr.startswith("endorse: error: git does not know the revision 'v9'.\n")
    early = cli("changes", "letter", "--since", "2026-04-01", code=2)
    assert early.stderr == (
        "endorse: error: no commit before 2026-04-01: the history starts on 2026-05-01\n"
        "  give a day after 2026-05-01, or a revision (a commit, tag or branch); who signed "
        "since a day, by the entries' added dates: --signed-since DATE\n"
    )
    bad_day = cli("changes", "letter", "--since", "2026-02-30", code=2)
    assert "'2026-02-30' is not a date" in bad_day.stderr
    outside = tmp_path / "no-git"
    shutil.copytree(campaign / "statements", outside / "statements")
    shutil.copytree(campaign / "signatories", outside / "signatories")
    refused = cli("changes", "letter", "--since", "main", "--root", str(outside), code=2)
    assert refused.stderr.startswith(
        f"endorse: error: --since needs a git repository, and {outside} is not in one"
    )
    assert refused.stderr.endswith(
        "  run it inside the project's git repository (a new project: git init, then git add "
        "statements signatories and git commit)\n"
    )


def test_an_empty_repository(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    for since in ("2026-05-01", "HEAD"):
        with pytest.raises(UsageError, match="the repository has no commit yet"):
            resolve_since(tmp_path, since)


def test_an_entry_that_fails_to_load_is_never_left_out_silently(
    campaign: Path, cli: Invoke
) -> None:
    listing = campaign / "signatories" / "letter.toml"
    listing.write_text(
        listing.read_text(encoding="utf-8")
        + '\n[[signatory]]\nname = "Broken"\nstatus = "maybe"\n',
        encoding="utf-8",
    )
    refused = cli("changes", "letter", "--since", "main", code=1)
    assert refused.stderr.startswith(
        "endorse: error: signatories/letter.toml:39: 'Broken': status: input should be "
        "'pending', 'confirmed' or 'withdrawn'\n"
    )
    assert "'letter' not printed, so that nothing written is left out: 1 entry" in refused.stderr
    allowed = cli("changes", "letter", "--since", "main", "--allow-invalid")
    assert allowed.stderr.startswith(
        "endorse: warning: signatories/letter.toml:39: read as written, with errors: 'Broken': "
    )
    assert allowed.stdout.startswith("letter: 1 added since main")


def test_an_entry_made_invalid_is_not_reported_removed(campaign: Path, cli: Invoke) -> None:
    path = campaign / "signatories" / "letter.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('name = "Licadho"\n', 'name = "Licadho"\ncountry = "XX"\n'))
    cli("changes", "letter", "--since", "main", code=1)
    result = cli("changes", "letter", "--since", "main", "--allow-invalid")
    assert "read as written, with errors: 'Licadho': country" in result.stderr
    assert result.stdout.startswith("letter: no changes since main (1 May 2026)\n")


def test_signed_since_counts_by_added_dates_without_git(campaign: Path, cli: Invoke) -> None:
    cli("add", "letter", "Back Dated Org", "--group", "speakers", "--added", "2026-05-03")
    cli("add", "letter", "Later Org", "--group", "endorsers", "--added", "2026-05-10")
    cli("withdraw", "letter", "Later Org")
    result = cli("changes", "letter", "--signed-since", "2026-05-02")
    assert result.stdout == (
        "letter: 1 signed since 2 May 2026, and 1 who withdrew since\n"
        "(by the entries' added dates)\n"
        "\n"
        "  2026-05-03  Back Dated Org (speakers)\n"
        "  2026-05-10  Later Org (endorsers, withdrawn)\n"
    )
    data = json.loads(cli("changes", "letter", "--signed-since", "2026-05-02", "-f", "json").stdout)
    assert (data["signed_since"], data["count"], len(data["signatories"])) == ("2026-05-02", 1, 2)
    usage = cli("changes", "letter", code=2)
    assert "give --since REV|DATE or --signed-since DATE (one of them)" in usage.stderr
