"""The issue form's questions: one definition read by the form writer and the intake parser.

The labels are a contract: GitHub writes each answer under ``### <label>`` in the issue body,
and ``endorse intake`` finds the answers by these labels.
"""

from __future__ import annotations

from endorse.format.countries import lookup_country

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
MAX_LENGTH = {NAME: 300, ACRONYM: 40, COUNTRY: 80, GROUP: 80, KIND: 40, AUTHORISATION: 200}

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
