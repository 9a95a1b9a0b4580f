"""File format v1: the validated shape of statement and signatory files."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic_core import PydanticCustomError

from endorse.format.characters import describe_all, first_not_nfc, forbidden_characters
from endorse.format.choices import ImportStatus
from endorse.format.contacts import contact_in
from endorse.format.countries import ISO_3166_ALPHA2

SCHEMA_VERSION = 1
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EMAIL_PATTERN = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;.]{2,}$")
SIGNATORIES_PLACEHOLDER = "{signatories}"
LANG_PATTERN = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
# A signatory's name in another language or script: name_km = "...".
TRANSLATED_NAME = re.compile(r"^name_([a-z]{2,3})$")
# A GitHub account name: letters, digits and single inner hyphens, at most 39 characters.
GITHUB_LOGIN_PATTERN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")

# A signatory's logo: where it lives, the image types it may have, and how large it may be.
LOGO_FOLDER = "logos"
LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}
LOGO_MAX_BYTES = 1_000_000

# Never rendered or listed unless the user asks for private fields.
PRIVATE_FIELDS = frozenset({"contact"})
FROZEN_STATUSES = frozenset({"closed", "published"})

StatementStatus = Literal["draft", "open", "closed", "published"]
SignatoryStatus = Literal["pending", "confirmed", "withdrawn"]
Kind = Literal["organization", "individual"]
Order = Literal["name", "added"]
Style = Literal["numbered", "bulleted", "sentence"]


def _cleaner(*, multiline: bool) -> Callable[[str], str]:
    """A validator refusing forbidden characters (line breaks too, unless ``multiline``) and
    text not in NFC."""

    def clean(value: str) -> str:
        findings = forbidden_characters(value, multiline=multiline)
        if findings:
            raise PydanticCustomError(
                "forbidden_character",
                "contains {detail}; retype the text without it",
                {"detail": describe_all(findings), "index": findings[0].index},
            )
        _require_nfc(value)
        return value

    return clean


_clean_line = _cleaner(multiline=False)
_clean_text = _cleaner(multiline=True)


def _require_nfc(value: str) -> None:
    # Two spellings of one name defeat duplicate checks and sorting; NFC is the one we keep.
    decomposed = first_not_nfc(value)
    if decomposed is not None:
        raise PydanticCustomError(
            "not_nfc",
            "is not in Unicode NFC: {detail}; retype it or save the file as NFC",
            {"detail": decomposed.describe(), "index": decomposed.index},
        )


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty_name", "is empty; write the name as it should print")
    return value


def _matching(pattern: re.Pattern[str], error: str, message: str) -> AfterValidator:
    """A validator refusing a value that ``pattern`` does not match, with ``message`` why."""

    def check(value: str) -> str:
        if not pattern.match(value):
            raise PydanticCustomError(error, message, {"value": value})
        return value

    return AfterValidator(check)


def _country(value: str) -> str:
    if value not in ISO_3166_ALPHA2:
        upper = value.upper()
        hint = f"; write '{upper}'" if upper in ISO_3166_ALPHA2 else ""
        raise PydanticCustomError(
            "country_code",
            "'{value}' is not an ISO 3166-1 alpha-2 country code (like 'KH'){hint}",
            {"value": value, "hint": hint},
        )
    return value


_REVIEWED = _matching(
    re.compile(r"^[0-9a-f]{16}$"),
    "invalid_reviewed",
    "'{value}' is not a reviewed row's hash (16 hexadecimal digits, written by endorse import)",
)
_SLUG = _matching(
    SLUG_PATTERN,
    "invalid_slug",
    "'{value}' is not a valid id: use lowercase letters, digits and hyphens",
)
# The value is never echoed: a contact is private, and messages end up in public CI logs.
_EMAIL = _matching(
    EMAIL_PATTERN,
    "invalid_email",
    "not an e-mail address (like name@example.org; the value is not repeated: it is private)",
)
_LANG = _matching(
    LANG_PATTERN, "invalid_lang", "'{value}' is not a language tag (like 'km' or 'en')"
)

# Longest value of each kind, in characters: far above any real name or statement, low enough
# that one pasted blob cannot make check or the duplicate engine use gigabytes. The length is
# checked first, before any scan of the characters.
MAX_NAME = 300
MAX_LINE = 1_000
MAX_TEXT = 100_000


def _at_most(limit: int) -> AfterValidator:
    def check(value: str) -> str:
        if len(value) > limit:
            raise PydanticCustomError(
                "too_long",
                "is {length} characters long; at most {limit} are allowed",
                {"length": len(value), "limit": limit},
            )
        return value

    return AfterValidator(check)


# Dates endorse believes: a signature from year 1 or 9999 is a typo or an attack, and would
# make stats and charts walk millennia day by day (E216).
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)


OUT_OF_RANGE = f"outside {FIRST_DAY} to {LAST_DAY}; write the real date (YYYY-MM-DD)"


def _plausible_day(value: dt.date) -> dt.date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise PydanticCustomError(
            "date_out_of_range",
            "{value} is {range}",
            {"value": value.isoformat(), "range": OUT_OF_RANGE},
        )
    return value


Day = Annotated[dt.date, AfterValidator(_plausible_day)]
Line = Annotated[str, _at_most(MAX_LINE), AfterValidator(_clean_line)]
Text = Annotated[str, _at_most(MAX_TEXT), AfterValidator(_clean_text)]
Name = Annotated[str, _at_most(MAX_NAME), AfterValidator(_not_blank), AfterValidator(_clean_line)]
Slug = Annotated[str, _SLUG]


def _no_contact(*, phones: bool = True) -> AfterValidator:
    """A validator refusing an e-mail address or phone number in a field that is published."""

    def check(value: str) -> str:
        found = contact_in(value, phones=phones)
        if found is not None:
            raise PydanticCustomError(
                "contact_in_public_field",
                "holds {what} (not repeated here: it is private), and this field is "
                "published: remove it; a signer's e-mail goes in the git-ignored private file "
                "(endorse add --contact)",
                {"what": found},
            )
        return value

    return AfterValidator(check)


# A signatory's published text: no contact may hide in it (E215).
PublicName = Annotated[Name, _no_contact()]
PublicLine = Annotated[Line, _no_contact()]
Country = Annotated[str, AfterValidator(_country)]
Email = Annotated[str, _EMAIL]
Lang = Annotated[str, _LANG]
GithubLogin = Annotated[
    str,
    _matching(
        GITHUB_LOGIN_PATTERN,
        "invalid_github_login",
        "'{value}' is not a GitHub account name (letters, digits and hyphens, like 'octocat')",
    ),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True, frozen=True)


def _check_schema(value: int) -> int:
    if value != SCHEMA_VERSION:
        raise PydanticCustomError(
            "unsupported_schema",
            "schema {value} is not supported; this version of endorse reads schema 1",
            {"value": value},
        )
    return value


Schema = Annotated[int, AfterValidator(_check_schema)]


class Group(_Model):
    id: Slug
    heading: Text
    order: Order = "name"
    style: Style = "numbered"
    # Print the signatories' logos as a strip under the group's list (HTML, Word, PDF).
    logos: bool = False

    @model_validator(mode="after")
    def _sentence_needs_placeholder(self) -> Group:
        if self.style == "sentence" and SIGNATORIES_PLACEHOLDER not in self.heading:
            raise PydanticCustomError(
                "sentence_without_placeholder",
                'a group with style = "sentence" needs {placeholder} in its heading, '
                "where the names go",
                {"placeholder": SIGNATORIES_PLACEHOLDER},
            )
        return self


class Translation(_Model):
    """The statement's text in another language; a part left out falls back to the original."""

    title: Annotated[Line, AfterValidator(_not_blank)] | None = None
    place: Line | None = None
    body: Text | None = None
    closing: Text | None = None
    headings: dict[str, Text] = Field(default_factory=dict)
    # Parts knowingly left in the original language, so that check does not warn about them.
    untranslated: list[str] = Field(default_factory=list)


class ImportSettings(_Model):
    """``[import]``: how this statement's form export is read, so each week takes one command."""

    map: dict[str, str] = Field(default_factory=dict)  # field -> column ("" reads no column)
    ignore: list[str] = Field(default_factory=list)  # columns never read
    values: dict[str, dict[str, str]] = Field(default_factory=dict)  # field -> {answer: value}
    group: str | None = None  # for rows that name none
    date_order: Literal["DMY", "MDY"] | None = None  # how to read 03/04/2025
    # The status of imported rows; none written means pending (issue 24): a stranger's form
    # answer is never published before a maintainer confirms it.
    status: ImportStatus | None = None


class ReviewedRow(_Model):
    """``[[import_reviewed]]``: a form row `import` refused and a maintainer reviewed
    (`import --accept-refusals`). Only a hash of the row's cells is kept, never the cells (they
    hold contacts), so that later imports of the same export report it as "already reviewed"."""

    row: Annotated[str, _REVIEWED]
    on: dt.date


class Statement(_Model):
    schema_version: Schema = Field(alias="schema")
    title: Annotated[Line, AfterValidator(_not_blank)]
    place: Line | None = None
    date: Day | None = None
    status: StatementStatus = "draft"
    deadline: Day | None = None  # add and import refuse later signatures (--force overrides)
    lang: Lang = "en"
    # Who publishes it (the coalition), for documents' metadata (Word's Author); default: the
    # names of the first group's signatories, the organisers.
    author: Line | None = None
    body: Text = ""
    closing: Text = ""
    file_per_signer: bool = False
    groups: list[Group] = Field(min_length=1)
    import_reviewed: list[ReviewedRow] = Field(default_factory=list)
    translations: dict[Lang, Translation] = Field(default_factory=dict)
    # Signing through GitHub (issue 18): the groups the issue form offers (default: all), and
    # the accounts that may open pull requests for other signers.
    public_groups: list[Slug] | None = None
    maintainers: list[GithubLogin] = Field(default_factory=list)
    import_settings: ImportSettings = Field(default_factory=ImportSettings, alias="import")

    @field_validator("groups")
    @classmethod
    def _unique_ids(cls, groups: list[Group]) -> list[Group]:
        seen: set[str] = set()
        for group in groups:
            if group.id in seen:
                raise PydanticCustomError(
                    "duplicate_group_id",
                    "group id '{id}' is used twice; give each group its own id",
                    {"id": group.id},
                )
            seen.add(group.id)
        return groups

    @model_validator(mode="after")
    def _public_groups_exist(self) -> Statement:
        for group_id in self.public_groups or ():
            if self.group(group_id) is None:
                raise PydanticCustomError(
                    "unknown_public_group",
                    "public_groups names '{id}', which is not a group id of this statement",
                    {"id": group_id},
                )
        return self

    def group(self, group_id: str) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)

    @property
    def is_frozen(self) -> bool:
        """Closed and published statements take no new signatories and keep their text."""
        return self.status in FROZEN_STATUSES

    def group_of(self, signatory: Signatory) -> str | None:
        """The group a signatory belongs to; a statement with one group needs no ``group`` key.

        The id may name no group of this statement: ``check`` reports that (E201).
        """
        if signatory.group is not None:
            return signatory.group
        if len(self.groups) == 1:
            return self.groups[0].id
        return None

    def is_maintainer(self, login: str) -> bool:
        """GitHub account names are case-insensitive."""
        return login.casefold() in {maintainer.casefold() for maintainer in self.maintainers}


class Signatory(_Model):
    name: PublicName
    group: Slug | None = None
    acronym: PublicLine | None = None
    note: PublicLine | None = None
    kind: Kind = "organization"
    country: Country | None = None
    aliases: list[PublicName] = Field(default_factory=list)
    contact: Email | None = None
    added: Day | None = None
    status: SignatoryStatus = "confirmed"
    withdrawn: Day | None = None
    withdrawn_reason: PublicLine | None = None
    reinstated: Day | None = None  # a withdrawal undone; withdrawn and its reason stay
    confirmed: Day | None = None  # the day `endorse confirm` checked the signature
    names: dict[Lang, PublicName] = Field(default_factory=dict)  # from name_<lang> keys
    # Where a signature came from (issue 18): the signer's GitHub account, and a link.
    github: GithubLogin | None = None
    source: Annotated[Line, _no_contact(phones=False)] | None = None  # an address: no phones
    logo: Line | None = None  # an image under logos/, checked by `endorse check` (E80x)
    sort_as: Annotated[PublicLine, AfterValidator(_not_blank)] | None = None  # where it files

    @model_validator(mode="before")
    @classmethod
    def _collect_translated_names(cls, data: Any) -> Any:
        """Files spell ``name_km = ...``; the model keeps them together in ``names``."""
        if not isinstance(data, dict) or not any(TRANSLATED_NAME.match(k) for k in data):
            return data
        names = dict(data["names"]) if isinstance(data.get("names"), dict) else {}
        rest = {}
        for key, value in data.items():
            match = TRANSLATED_NAME.match(key)
            if match:
                names[match.group(1)] = value
            else:
                rest[key] = value
        rest["names"] = names
        return rest

    @model_serializer(mode="wrap")
    def _spell_translated_names(self, handler: SerializerFunctionWrapHandler) -> Any:
        """Written back as ``name_km`` keys, the way files spell them."""
        data = handler(self)
        if isinstance(data, dict):
            for lang, name in (data.pop("names", None) or {}).items():
                data[f"name_{lang}"] = name
        return data

    def name_in(self, lang: str) -> str:
        """The name in ``lang``, or the name as written when it has no translation."""
        return self.names.get(lang, self.name)

    @property
    def is_printed(self) -> bool:
        """Only confirmed signatories are printed and counted; pending and withdrawn are not."""
        return self.status == "confirmed"

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def public_dict(self, *, include_private: bool = False) -> dict[str, Any]:
        data = self.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
        if not include_private:
            for key in PRIVATE_FIELDS:
                data.pop(key, None)
        if not data.get("aliases"):
            data.pop("aliases", None)
        return data


class Distinct(_Model):
    names: list[Name] = Field(min_length=2)
    reason: Line | None = None


class SignatoryFile(_Model):
    schema_version: Schema = Field(alias="schema")
    signatory: list[Signatory] = Field(default_factory=list)
    distinct: list[Distinct] = Field(default_factory=list)


class PrivateEntry(BaseModel):
    """One entry of signatories/<slug>.private.toml: a name and its private fields."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    name: Name
    contact: Email | None = None
    # More ways to reach the signer: `endorse merge` keeps the other entry's contact here
    # when the kept entry has one already (two contacts stay two contacts).
    contacts: list[Email] = Field(default_factory=list)

    @property
    def all_contacts(self) -> list[str]:
        return [*([self.contact] if self.contact else []), *self.contacts]


class PrivateFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True, frozen=True)

    schema_version: Schema = Field(alias="schema")
    signatory: list[PrivateEntry] = Field(default_factory=list)


def field_names(model: type[BaseModel]) -> list[str]:
    """The keys a file may use for ``model``: aliases where a field has one."""
    return [info.alias or name for name, info in model.model_fields.items()]
