"""An e-mail address or phone number in a public field of a signatory: E215 in `check`, and
every write command refuses it with the same message (issue 22)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from endorse.format.contacts import EMAIL, PHONE, contact_in
from tests.conftest import Invoke

EVENTS = Path(__file__).resolve().parent / "data" / "github"
LIST = Path("signatories/cambodia-2021.toml")
FIRST = "Adolescent and Youth Reference Group"
REFUSED = (
    "(not repeated here: it is private), and this field is published: remove it; a signer's "
    "e-mail goes in the git-ignored private file (endorse add --contact)"
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("jane@example.org", EMAIL),
        ("Jane Doe <jane.doe@ngo.org.kh>", EMAIL),
        ("write to info@cchr.org.kh.", EMAIL),
        ("Women@Work.org", EMAIL),
        ("ស្ម័គ្រ@អង្គការ.org", EMAIL),
        ("+855 12 345 678", PHONE),
        # Written as a person reads it (found by a red-team pass): other forms of @ and the
        # full stop, spaces around @, digits of other scripts.
        ("alice＠example.com", EMAIL),
        ("alice﹫example.com", EMAIL),
        ("alice@example。com", EMAIL),
        ("alice@example．com", EMAIL),
        ("alice @ example.com", EMAIL),
        ("០១២ ៣៤៥ ៦៧៨", PHONE),
        ("+855០១២៣៤៥៦៧៨", PHONE),
        ("+٨٥٥١٢٣٤٥٦٧٨", PHONE),
        ("𝟎𝟏𝟐 𝟑𝟒𝟓 𝟔𝟕𝟖", PHONE),
        ("012–345–678", PHONE),
        ("012\u2011345\u2011678", PHONE),
        ("012·345·678", PHONE),
        ("0\u20e31\u20e32\u20e3 3\u20e34\u20e35\u20e3 6\u20e37\u20e38\u20e3", PHONE),
        ("alice@example·com", EMAIL),
        ("+85512345678", PHONE),
        ("(+855) 23-880-123", PHONE),
        ("call 012 345 678", PHONE),
        ("tel. 023 880 123", PHONE),
        ("(202) 555-0143", PHONE),
        ("202-555-0143", PHONE),
        ("202.555.0143", PHONE),
        ("01.23.45.67.89", PHONE),
        ("on 2021-04-28 call +855 12 345 678", PHONE),
    ],
)
def test_contacts_are_found(text: str, found: str) -> None:
    assert contact_in(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Women@Work",
        "@cchr_cambodia",
        "https://medium.com/@cchr/statement-2021",
        "Radio FM 102",
        "Article 19",
        "Section 377 Coalition",
        "Since 1990",
        "1990 - 2020",
        "1990-2020",
        "signed on 2021-05-05",
        "05/05/2021",
        "05.05.2021",
        "Registration 12345678",
        "Reg. No. 123-456-789",
        "ISO 9001:2015",
        "Law 26.061",
        "UN Resolution 217 A (III)",
        "0.5% for the planet",
        "Committee of 100",
        "+1 for the coalition",
        "ICCPR art. 19(2)",
        "Screenshot 2021-04-28 110122_auto_x2",
        "signed 2021-04-28 11:05",
        "from 2021-04-28 to 2021-05-28",
        "2021-04-28 - 2021-05-28",
        "28/04/2021 10 30",
        "Women @ Work",
        "ថ្ងៃទី៥ ខែឧសភា ឆ្នាំ២០២១",
        "អង្គការ ២០២១",
        "ប្រជុំ ២០២១–២០២២",
        "1990–2020",
        "ថ្ងៃទី ០៥–០៥–២០២១",
    ],
)
def test_names_with_digits_and_at_signs_are_not_contacts(text: str) -> None:
    assert contact_in(text) is None


def test_phones_can_be_left_out_for_addresses() -> None:
    assert contact_in("https://example.org/2021/05/05/123", phones=False) is None
    assert contact_in("mailto:jane@example.org", phones=False) == EMAIL


@settings(max_examples=300)
@given(st.dates(), st.integers(min_value=0, max_value=9999))
def test_no_date_or_number_under_nine_digits_is_a_phone(day: object, number: int) -> None:
    """Dates in every spelling, years and short numbers are never phone numbers."""
    test_no_date_or_number_under_nine_digits_is_a_phone.ran += 1  # type: ignore[attr-defined]
    assert hasattr(day, "isoformat")
    iso = day.isoformat()  # type: ignore[attr-defined]
    year, month, dd = iso.split("-")
    for text in (iso, f"{dd}/{month}/{year}", f"{dd}.{month}.{year}", f"No. {number}"):
        assert contact_in(text) is None, text


test_no_date_or_number_under_nine_digits_is_a_phone.ran = 0  # type: ignore[attr-defined]


def test_the_property_ran_enough_examples() -> None:
    test_no_date_or_number_under_nine_digits_is_a_phone()
    assert test_no_date_or_number_under_nine_digits_is_a_phone.ran >= 300  # type: ignore[attr-defined]


# check


@pytest.mark.parametrize(
    ("key", "value", "what"),
    [
        ("name", "Jane jane@example.org", "an e-mail address"),
        ("acronym", "+855 12 345 678", "a phone number"),
        ("note", "contact: jane@example.org", "an e-mail address"),
        ("withdrawn_reason", "call 012 345 678", "a phone number"),
        ("aliases", ["jane@example.org"], "an e-mail address"),
        ("name_km", "012 345 678", "a phone number"),
        ("sort_as", "jane@example.org", "an e-mail address"),
        ("source", "mailto:jane@example.org", "an e-mail address"),
    ],
)
def test_check_reports_a_contact_in_a_public_field(
    project: Path, cli: Invoke, key: str, value: object, what: str
) -> None:
    listing = project / LIST
    written = json.dumps(value, ensure_ascii=False)
    listing.write_text(
        listing.read_text(encoding="utf-8")
        + f'\n[[signatory]]\nname = "Planted Org"\n{key} = {written}\n',
        encoding="utf-8",
    )
    if key == "name":
        listing.write_text(
            listing.read_text(encoding="utf-8").replace(
                f'name = "Planted Org"\n{key} = {written}\n', f"name = {written}\n"
            ),
            encoding="utf-8",
        )
    result = cli("check", "--format", "json", code=1)
    problems = [p for p in json.loads(result.stdout)["problems"] if p["code"] == "E215"]
    assert [(p["file"], p["name"], p["message"]) for p in problems] == [
        (str(LIST), "contact-in-public-field", f"{key}: holds {what} {REFUSED}")
    ]
    assert "jane@example.org" not in problems[0]["message"]


def test_the_contact_key_in_a_public_file_stays_a_warning(project: Path, cli: Invoke) -> None:
    listing = project / LIST
    listing.write_text(
        listing.read_text(encoding="utf-8").replace(
            f'name = "{FIRST}"', f'name = "{FIRST}"\ncontact = "jane@example.org"', 1
        ),
        encoding="utf-8",
    )
    result = cli("check", "--format", "json")
    assert [p["code"] for p in json.loads(result.stdout)["problems"]] == ["W211"]


# Every write command refuses it, with the same words.


def test_add_refuses_a_contact_in_a_public_field(open_project: Path, cli: Invoke) -> None:
    before = (open_project / LIST).read_bytes()
    add = ("add", "cambodia-2021", "--group", "endorsers")
    result = cli(*add, "Planted Org", "--note", "+855 12 345 678", code=1)
    assert result.stderr.splitlines()[0] == (
        f"endorse: error: {LIST}: not added: note: holds a phone number {REFUSED}"
    )
    result = cli(*add, "jane@example.org", code=1)
    assert f"name: holds an e-mail address {REFUSED}" in result.stderr
    assert (open_project / LIST).read_bytes() == before


def test_import_refuses_a_contact_in_a_public_field(open_project: Path, cli: Invoke) -> None:
    form = open_project / "form.csv"
    form.write_text("name,note\nPlanted Org,jane@example.org\nHonest Org,Phnom Penh\n")
    result = cli("import", "cambodia-2021", str(form), "--group", "endorsers", code=1)
    output = result.stdout + result.stderr
    assert f"note: holds an e-mail address {REFUSED}" in output
    assert "Traceback" not in output
    assert "Planted Org" not in (open_project / LIST).read_text(encoding="utf-8")


def test_edit_refuses_a_contact_in_a_public_field(open_project: Path, cli: Invoke) -> None:
    before = (open_project / LIST).read_bytes()
    result = cli("edit", "cambodia-2021", FIRST, "--note", "jane@example.org", code=1)
    assert f"note: holds an e-mail address {REFUSED}" in result.stderr
    result = cli("edit", "cambodia-2021", FIRST, "--add-alias", "+855 12 345 678", code=1)
    assert f"aliases: holds a phone number {REFUSED}" in result.stderr
    assert (open_project / LIST).read_bytes() == before


def test_withdraw_refuses_a_contact_in_the_reason(open_project: Path, cli: Invoke) -> None:
    before = (open_project / LIST).read_bytes()
    result = cli("withdraw", "cambodia-2021", FIRST, "--reason", "ask jane@example.org", code=1)
    assert f"withdrawn_reason: holds an e-mail address {REFUSED}" in result.stderr
    assert (open_project / LIST).read_bytes() == before


def test_intake_refuses_a_contact_with_a_reply(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Invoke
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ENDORSE_ROOT", raising=False)
    cli("init", "demo", "--title", "Demo letter")
    data = json.loads((EVENTS / "issue-opened.json").read_text(encoding="utf-8"))
    data["issue"]["body"] = data["issue"]["body"].replace("\nKYA\n", "\n+855 12 345 678\n")
    event = tmp_path / "event.json"
    event.write_text(json.dumps(data), encoding="utf-8")
    reply = tmp_path / "reply.md"
    cli("intake", "demo", "--github-event", str(event), "--reply", str(reply), code=1)
    text = reply.read_text(encoding="utf-8")
    assert f"acronym: holds a phone number {REFUSED}" in text
    assert "345 678" not in text
    assert not (tmp_path / "signatories" / "demo").exists()
