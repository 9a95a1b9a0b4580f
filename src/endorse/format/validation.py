"""Turning pydantic's validation errors into Problems that name the file, line and fix."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from endorse.format.models import (
    Distinct,
    Group,
    PrivateEntry,
    PrivateFile,
    Signatory,
    SignatoryFile,
    Statement,
    field_names,
)
from endorse.format.problems import Problem
from endorse.format.tomlsource import TomlSource

# Which model a table path (without list indexes) stands for, under each file's root model.
_TABLES: dict[type[BaseModel], dict[tuple[str, ...], type[BaseModel]]] = {
    Statement: {(): Statement, ("groups",): Group},
    SignatoryFile: {(): SignatoryFile, ("signatory",): Signatory, ("distinct",): Distinct},
    Signatory: {(): Signatory},
    PrivateFile: {(): PrivateFile, ("signatory",): PrivateEntry},
}

_CODES = {
    "extra_forbidden": "E101",
    "missing": "E102",
    "unsupported_schema": "E104",
    "invalid_slug": "E110",
    "forbidden_character": "E120",
    "too_long": "E130",
    "not_nfc": "E121",
    "empty_name": "E204",
    "duplicate_group_id": "E205",
    "sentence_without_placeholder": "E206",
    "contact_in_public_field": "E215",
    "date_out_of_range": "E216",
}

_TABLE_TITLES: dict[type[BaseModel], str] = {
    Statement: "the top level",
    SignatoryFile: "the top level",
    Group: "[[groups]]",
    Signatory: "[[signatory]]",
    PrivateEntry: "[[signatory]]",
    Distinct: "[[distinct]]",
}


def _describe(value: Any) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", str: "text"}
    for kind, name in names.items():
        if type(value) is kind:
            return name
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _message(error: Any, root: type[BaseModel]) -> tuple[str, str | None]:
    loc = error["loc"]
    kind = error["type"]
    keys = [part for part in loc if isinstance(part, str)]
    field = keys[-1] if keys else ""
    if field == "[key]" and len(keys) >= 2:  # a bad key of a table such as [translations.KM]
        field = keys[-2]
    elif len(keys) >= 2 and keys[-2] == "names":  # files spell Signatory.names as name_<lang>
        field = f"name_{field}"
    if kind == "extra_forbidden":
        model = _TABLES.get(root, {}).get(tuple(keys[:-1]), root)
        where = _TABLE_TITLES.get(model, "this table")
        message = f"unknown key '{field}' in {where}"
        close = _suggestion(field, loc[:-1], root)
        if close:
            return f"{message}; did you mean '{close}'?", f"rename '{field}' to '{close}'"
        return message, "known keys: " + ", ".join(field_names(model))
    if kind == "missing":
        return f"missing required key '{field}'", f"add {field} = ... to this table"
    if kind in _CODES:
        if not field or kind == "unsupported_schema":
            return error["msg"], None
        prefix = f"'{field}' " if kind == "empty_name" else f"{field}: "
        return prefix + error["msg"], None
    if kind in {"date_type", "date_parsing"}:
        return (
            f"'{field}' must be a TOML date such as 2021-05-05 (without quotes), "
            f"not {_describe(error['input'])}",
            None,
        )
    if kind == "too_short" and field == "groups":
        return "a statement needs at least one [[groups]] table", "add a [[groups]] table"
    message = error["msg"]
    message = message[0].lower() + message[1:] if message else message
    got = f" (found {_describe(error['input'])})" if kind.endswith("_type") else ""
    return f"{field}: {message}{got}", None


def _suggestion(key: str, table: tuple[Any, ...], root: type[BaseModel]) -> str | None:
    keys = tuple(part for part in table if isinstance(part, str))
    model = _TABLES.get(root, {}).get(keys, root)
    # A key valid elsewhere (``schema`` inside a table) is misplaced, not misspelt.
    known = [name for name in field_names(model) if name != key]
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return close[0] if close else None


def _without_misspelled_missing(errors: list[Any], root: type[BaseModel]) -> list[Any]:
    """A misspelt key also shows up as the right key missing; report it once, as the typo."""
    suggested = {
        (*error["loc"][:-1], _suggestion(str(error["loc"][-1]), error["loc"][:-1], root))
        for error in errors
        if error["type"] == "extra_forbidden"
    }
    return [e for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in suggested)]


def describe(exc: ValidationError, root: type[BaseModel]) -> list[Problem]:
    """Problems without a location, for values that did not come from a file."""
    problems = []
    for error in _without_misspelled_missing(exc.errors(), root):
        message, hint = _message(error, root)
        problems.append(Problem(_CODES.get(error["type"], "E103"), message, hint=hint))
    return problems


def problems_from(
    exc: ValidationError,
    root: type[BaseModel],
    source: TomlSource,
    *,
    at: tuple[str | int, ...] = (),
) -> list[Problem]:
    """Problems located at the line of the key or table each error is about.

    ``at`` is where the validated value stands in the file, when it is one table of it (such as
    ``("signatory", 3)`` validated on its own): ``root`` is still the file's model.
    """
    problems = []
    errors = exc.errors()
    if at:
        errors = [{**error, "loc": (*at, *error["loc"])} for error in errors]
    for error in _without_misspelled_missing(errors, root):
        message, hint = _message(error, root)
        problems.append(
            Problem(
                _CODES.get(error["type"], "E103"),
                message,
                path=source.path,
                line=_line(error, source),
                hint=hint,
            )
        )
    return problems


def _line(error: Any, source: TomlSource) -> int | None:
    """The key's line, or the line inside a multi-line text where the bad character is."""
    loc = tuple(error["loc"])
    if len(loc) >= 2 and loc[-2] == "names" and isinstance(loc[-1], str):
        loc = (*loc[:-2], f"name_{loc[-1]}")  # files spell Signatory.names as name_<lang>
    line = source.line_of(loc)
    index = (error.get("ctx") or {}).get("index")
    value = error.get("input")
    if line is None or not isinstance(index, int) or not isinstance(value, str):
        return line
    from endorse.format.tomlsource import line_in_value

    return line_in_value(source.text, line, value, index)
