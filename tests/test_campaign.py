"""Issue 24's "done when": a coordinator's whole campaign through the commands, no TOML opened.

init, open, three weekly imports of a growing Google Forms export (a typo row and an empty
row among them), confirm, rename twice, an alias, move, merge two entries with contacts,
withdraw, reinstate, a date changed, close, publish, then the changes by git revision and by
signing day. Every step's exit code is asserted, every contact is still there at the end, and
`check --strict` passes.

`test_the_whole_campaign` also renames twice and adds an alias to an entry that already has
aliases (both edit a multi-line aliases array), keeps both contacts of a merge and corrects an
`added` date; `test_the_campaign_without_those_steps` runs the rest on its own.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from endorse.project.load import load_project
from tests.conftest import Invoke, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

SLUG = "letter"
HEADER = "Timestamp,Email address,Organisation name,Country,How would you like to sign?\n"
WEEK_1 = (
    "2025/03/03 9:12:44 AM GMT+7,info@mekongyouth.example,Mekong Youth Alliance,Cambodia,Endorser\n"
    "2025/03/03 11:02:10 AM GMT+7,contact@riverwatch.example,River Watch Thailand,Thailand,"
    "Endorser\n"
    "2025/03/04 8:45:00 AM GMT+7,hello@lotus.example,Lotus Legal Clinic,Lao PDR,"
    "Speaker at the launch\n"
    "2025/03/04 4:20:31 PM GMT+7,,Mekong Youth Aliance,Cambodia,Endorser\n"  # a typo row
    "2025/03/05 10:00:00 AM GMT+7,,,,\n"  # sent empty
)
WEEK_2 = (
    "2025/03/10 2:00:00 PM GMT+7,desk@j4k.example,Justice for Kids,Brunei,Endorser\n"
    "2025/03/11 9:30:00 AM GMT+7,team@greenhands.example,Green Hands Network,Viet Nam,Endorser\n"
)
WEEK_3 = (
    '2025/03/17 8:00:00 AM GMT+7,forum@women.example,"Women\'s Forum, Phnom Penh",'
    "Cambodia,Endorser\n"
)
IMPORT_OPTIONS = (
    "--map",
    "name=Organisation name",
    "--map",
    "group=How would you like to sign?",
    "--map-value",
    "group:Endorser=endorsers",
    "--map-value",
    "group:Speaker at the launch=speakers",
)
CONTACTS = {
    "info@mekongyouth.example",
    "contact@riverwatch.example",
    "hello@lotus.example",
    "desk@j4k.example",
    "team@greenhands.example",
    "forum@women.example",
    "office@womensforum.example",
}


def commit(root: Path, message: str, when: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, when=when)
    return git(root, "rev-parse", "HEAD").strip()


def contacts(root: Path) -> set[str]:
    """Every contact the private file keeps (a merged entry's second one too) whose signer
    is listed, matched as endorse matches them: by the name folded."""
    import tomli

    from endorse.project.names import fold

    names = {fold(e.signatory.name) for e in load_project(root).get(SLUG).entries}
    private = tomli.loads((root / "signatories" / f"{SLUG}.private.toml").read_text())
    return {
        contact
        for item in private.get("signatory", [])
        if fold(item["name"]) in names
        for contact in [
            *([item["contact"]] if "contact" in item else []),
            *item.get("contacts", []),
        ]
    }


def signer(root: Path, name: str):  # type: ignore[no-untyped-def]
    entries = load_project(root).get(SLUG).entries
    return next(e.signatory for e in entries if e.signatory.name == name)


def run_campaign(root: Path, cli: Invoke, *, with_edits: bool) -> None:
    assert not list(root.rglob("*.toml"))  # every file below is written by a command
    cli(
        "init",
        SLUG,
        "--title",
        "Protect the Mekong",
        "--group",
        "endorsers=Endorsed by:",
        "--group",
        "speakers=Speakers at the launch:",
    )
    (root / "body.md").write_text("We, the undersigned, ask...\n\nSecond paragraph.\n", "utf-8")
    cli(
        "statement", SLUG, "--body-file", "body.md", "--place", "Phnom Penh", "--date", "2025-03-07"
    )
    cli("open", SLUG)
    first = commit(root, "statement opened", "2025-03-02T10:00:00+07:00")

    form = root / "form.csv"
    # Week 1: three good rows, a typo of one of them, an empty answer.
    form.write_text(HEADER + WEEK_1, encoding="utf-8")
    week1 = cli("import", SLUG, str(form), *IMPORT_OPTIONS, code=1)
    assert "added 3, already present 0, refused 2" in " ".join(week1.stdout.split())
    assert signer(root, "Lotus Legal Clinic").country == "LA"  # "Lao PDR"
    assert signer(root, "Lotus Legal Clinic").status == "pending"
    # Reviewed: the refused rows are recorded, and the import is clean.
    cli("import", SLUG, str(form), *IMPORT_OPTIONS, "--accept-refusals")
    commit(root, "week 1", "2025-03-07T18:00:00+07:00")
    # Week 2: the export grew; last week's refusals are "already reviewed".
    form.write_text(HEADER + WEEK_1 + WEEK_2, encoding="utf-8")
    week2 = cli("import", SLUG, str(form), *IMPORT_OPTIONS)
    assert "added 2, already present 3, refused 0, already reviewed 2" in " ".join(
        week2.stdout.split()
    )
    assert signer(root, "Justice for Kids").country == "BN"  # not "Burundi"
    commit(root, "week 2", "2025-03-14T18:00:00+07:00")
    # Week 3.
    form.write_text(HEADER + WEEK_1 + WEEK_2 + WEEK_3, encoding="utf-8")
    week3 = cli("import", SLUG, str(form), *IMPORT_OPTIONS)
    assert "added 1, already present 5, refused 0, already reviewed 2" in " ".join(
        week3.stdout.split()
    )
    # A second entry for the women's forum, by e-mail, with its own contact.
    cli(
        "add",
        SLUG,
        "Womens Forum Phnom Penh",
        "--group",
        "endorsers",
        "--contact",
        "office@womensforum.example",
        "--added",
        "2025-03-18",
        "--force",
    )
    cli("confirm", SLUG, "--all-pending")
    entries = load_project(root).get(SLUG).entries
    unconfirmed = [e.signatory.name for e in entries if not e.signatory.confirmed]
    assert unconfirmed == ["Womens Forum Phnom Penh"]  # added as confirmed, never pending

    cli("edit", SLUG, "River Watch Thailand", "--name", "River Watch")
    if with_edits:
        cli("edit", SLUG, "River Watch", "--name", "River Watch Mekong")
        cli("edit", SLUG, "River Watch Mekong", "--add-alias", "RWM")
    cli("edit", SLUG, "Lotus Legal Clinic", "--add-alias", "LLC")
    cli("move", SLUG, "Lotus Legal Clinic", "--group", "endorsers")
    cli("merge", SLUG, "Women's Forum, Phnom Penh", "Womens Forum Phnom Penh")
    cli("withdraw", SLUG, "Green Hands Network", "--reason", "asked by e-mail")
    cli("reinstate", SLUG, "Green Hands Network")

    cli("close", SLUG)
    late = cli("publish", SLUG, code=1)  # signatures after the planned date of 7 March
    assert "--date YYYY-MM-DD" in late.stderr
    if with_edits:
        cli("edit", SLUG, "Green Hands Network", "--added", "2025-03-12")  # typed late
    cli("statement", SLUG, "--date", "2025-03-20")
    cli("publish", SLUG)
    commit(root, "published", "2025-03-20T18:00:00+07:00")

    since = cli("changes", SLUG, "--since", first, "-f", "json")
    counts = json.loads(since.stdout)["counts"]
    assert counts["added"] == 6 and counts["confirmed"] == 0  # added as they are now
    signed = cli("changes", SLUG, "--signed-since", "2025-03-10")
    assert signed.stdout.startswith(f"{SLUG}: 3 signed since 10 March 2025\n")
    if with_edits:
        assert contacts(root) == CONTACTS
    else:  # merge drops one of the two forum contacts until campaign-edits is merged
        merged = {"forum@women.example", "office@womensforum.example"}
        assert contacts(root) - merged == CONTACTS - merged
    cli("check", "--strict")


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "campaign"
    root.mkdir()
    monkeypatch.chdir(root)
    monkeypatch.delenv("ENDORSE_ROOT", raising=False)
    git(root, "init", "-q", "-b", "main")
    return root


def test_the_campaign_without_those_steps(scratch: Path, cli: Invoke) -> None:
    run_campaign(scratch, cli, with_edits=False)


def test_the_whole_campaign(scratch: Path, cli: Invoke) -> None:
    run_campaign(scratch, cli, with_edits=True)
