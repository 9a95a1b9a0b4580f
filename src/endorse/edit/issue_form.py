"""The issue form's questions: one definition read by the form writer and the intake parser.

The labels are a contract: GitHub writes each answer under ``### <label>`` in the issue body,
and ``endorse intake`` finds the answers by these labels.
"""

from __future__ import annotations

from endorse.format.countries import lookup_country
from endorse.format.models import SIGNATORIES_PLACEHOLDER, Statement

NAME = "Name"
ACRONYM = "Acronym"
COUNTRY = "Country"
GROUP = "Group"
KIND = "Kind"
AUTHORISATION = "Authorisation"
AUTHORISED = "I am authorised to sign for this organisation"
LABELS = (NAME, ACRONYM, COUNTRY, GROUP, KIND, AUTHORISATION)

# What the form offers for Kind, and the value each stands for in the file.
KIND_OPTIONS = {"Organisation": "organization", "Individual": "individual"}

# GitHub writes this for an optional question left empty.
NO_RESPONSE = "_No response_"

# Answers longer than this are refused: the longest real names are far shorter.
MAX_LENGTH = {NAME: 300, ACRONYM: 40, COUNTRY: 80, GROUP: 200, KIND: 40, AUTHORISATION: 200}
# A Group option is the group's heading, cut to this length (and never longer than an answer).
GROUP_OPTION_LENGTH = 150

# Names for the codes pycountry leaves out (user-assigned codes).
EXTRA_COUNTRY_NAMES = {"XK": "Kosovo"}


def country_option(code: str, name: str) -> str:
    """How the form offers a country: its name, then the code the file keeps."""
    return f"{name} ({code})"


def country_code(answer: str) -> str | None:
    """The code of a country answer ("Cambodia (KH)", a bare "KH", or a name people write, read
    the way add and import read it); None if it is no country."""
    return lookup_country(answer).code


def kind_value(answer: str) -> str | None:
    """The file's kind for a Kind answer: the form's words, or the file's own."""
    known = {label.casefold(): value for label, value in KIND_OPTIONS.items()}
    known.update({value: value for value in KIND_OPTIONS.values()})
    return known.get(answer.strip().casefold())


def offered_groups(statement: Statement) -> list[str]:
    """The ids of the groups the issue form offers: ``public_groups``, or every group."""
    if statement.public_groups is not None:
        return list(statement.public_groups)
    return [group.id for group in statement.groups]


def _heading_option(heading: str) -> str:
    text = " ".join(heading.replace(SIGNATORIES_PLACEHOLDER, "…").split())
    if len(text) > GROUP_OPTION_LENGTH:
        text = text[: GROUP_OPTION_LENGTH - 1].rstrip() + "…"
    return text


def group_options(statement: Statement) -> dict[str, str]:
    """What the form's Group dropdown shows, each with the id the file keeps, in print order.

    A signer reads the heading ("Endorsed by the following organizations:"), not the id. A
    heading that is empty, repeated, or GitHub's reserved "None" is followed by its id in
    brackets, so every option is distinct and maps back to one group.
    """
    headings = {group.id: group.heading for group in statement.groups}
    offered = offered_groups(statement)
    plain = [_heading_option(headings.get(group_id, group_id)) for group_id in offered]
    options: dict[str, str] = {}
    for group_id, text in zip(offered, plain, strict=True):
        unclear = not text or text == "None" or plain.count(text) > 1 or text in offered
        options[f"{text} ({group_id})" if unclear and text else text or group_id] = group_id
    return options


def group_id(answer: str, statement: Statement) -> str | None:
    """The group id of a Group answer: one of the form's headings, or an id (forms written
    before headings were shown offered the ids); None when it is neither."""
    options = group_options(statement)
    if answer in options:
        return options[answer]
    return answer if answer in options.values() else None
