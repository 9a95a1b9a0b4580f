"""``endorse init --github``: the issue form and the workflows that let people sign without git.

The files are YAML written as text: every value is a double-quoted scalar made by ``quoted``,
so a statement's title or a group id can never break the structure, and no YAML library is
needed at run time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from endorse.edit.intake import offered_groups
from endorse.edit.issue_form import (
    ACRONYM,
    AUTHORISATION,
    AUTHORISED,
    COUNTRY,
    EXTRA_COUNTRY_NAMES,
    GROUP,
    KIND,
    KIND_OPTIONS,
    NAME,
    country_option,
)
from endorse.edit.store import write_new
from endorse.errors import WriteRefused
from endorse.format.countries import ISO_3166_ALPHA2
from endorse.format.models import Statement
from endorse.project.load import load_project
from endorse.project.paths import relative

# Pinned by full commit hash: a tag can be moved, a commit cannot. Check a hash with
# `git ls-remote https://github.com/<action> refs/tags/<tag>` before changing it.
CHECKOUT = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2"
SETUP_PYTHON = "actions/setup-python@0b93645e9fea7318ecaed2b359559ac225c90a2b # v5.3.0"
CREATE_PULL_REQUEST = (
    "peter-evans/create-pull-request@271a8d0340265f705b14b6d32b9829c1cb33d45e # v7.0.8"
)
# How a workflow installs endorse; a coalition that installs it from elsewhere edits this line.
INSTALL = 'python -m pip install "endorse==0.1.0"'
# Bot pull requests come from intake, which takes `github` from the issue's author.
BOT = "github-actions[bot]"


@dataclass
class GithubFiles:
    created: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)


def label(slug: str) -> str:
    """The label the form puts on its issues, and that the workflow answers to."""
    return f"sign-{slug}"


def form_path(root: Path, slug: str) -> Path:
    return root / ".github" / "ISSUE_TEMPLATE" / f"sign-{slug}.yml"


def intake_workflow_path(root: Path, slug: str) -> Path:
    return root / ".github" / "workflows" / f"sign-{slug}.yml"


def check_workflow_path(root: Path) -> Path:
    return root / ".github" / "workflows" / "check.yml"


def init_github(root: Path, slug: str) -> GithubFiles:
    """The GitHub files for an existing statement, made from its title and groups."""
    statement = load_project(root, only=[slug]).get(slug).require()
    return write_github_files(root, slug, statement)


def write_github_files(root: Path, slug: str, statement: Statement) -> GithubFiles:
    """Write the form and the two workflows; a file that exists already is kept as it is."""
    written = GithubFiles()
    for path, text in (
        (form_path(root, slug), issue_form(slug, statement)),
        (intake_workflow_path(root, slug), intake_workflow(slug)),
        (check_workflow_path(root), CHECK_WORKFLOW),
    ):
        shown = relative(path, root)
        if path.exists():
            written.kept.append(shown)
            continue
        try:
            write_new(path, text, within=root)
        except WriteRefused:
            written.kept.append(shown)  # another run wrote it meanwhile
            continue
        written.created.append(shown)
    return written


def quoted(value: str) -> str:
    """A YAML double-quoted scalar. JSON's string syntax is a subset of it, except that YAML
    also breaks lines at U+0085, U+2028 and U+2029, so those are escaped too."""
    text = json.dumps(value, ensure_ascii=False)
    for char in ("\u0085", "\u2028", "\u2029", "\ufeff"):
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def _list(values: Iterable[str], indent: str) -> str:
    return "".join(f"{indent}- {quoted(value)}\n" for value in values)


def country_options() -> list[str]:
    """Every country code, as "Name (CODE)", sorted by name."""
    import pycountry

    names = dict(EXTRA_COUNTRY_NAMES)
    for country in pycountry.countries:
        code = str(country.alpha_2)
        names[code] = str(getattr(country, "common_name", None) or country.name)
    return sorted(
        (country_option(code, names.get(code, code)) for code in ISO_3166_ALPHA2),
        key=str.casefold,
    )


def issue_form(slug: str, statement: Statement) -> str:
    groups = offered_groups(statement)
    intro = (
        f"Fill in this form to sign “{statement.title}”. A maintainer reviews each signature "
        "before it is listed; this issue gets an answer within minutes.\n\n"
        "**Issues are public**: anyone can read what you write here. Do not write an e-mail "
        "address or a phone number. If you want the organisers to have a contact, write to "
        "them privately and say which issue is yours."
    )
    return f"""\
# Written by 'endorse init {slug} --github'. 'endorse intake' reads the answers by the
# questions' labels (Name, Acronym, Country, Group, Kind, Authorisation): keep those as they
# are; the other words may change. The label {label(slug)} starts the workflow
# .github/workflows/sign-{slug}.yml: create it once (gh label create {label(slug)}).
name: {quoted(f"Sign: {statement.title}")}
description: {quoted(f"Add your signature to “{statement.title}”.")}
title: {quoted(f"Sign: {slug}")}
labels:
{_list([label(slug)], "  ")}body:
  - type: markdown
    attributes:
      value: {quoted(intro)}
  - type: input
    id: name
    attributes:
      label: {quoted(NAME)}
      description: {quoted("As it should print: the organisation's full name, or your name.")}
    validations:
      required: true
  - type: input
    id: acronym
    attributes:
      label: {quoted(ACRONYM)}
      description: {quoted("Printed after the name, in brackets. Leave empty if there is none.")}
    validations:
      required: false
  - type: dropdown
    id: country
    attributes:
      label: {quoted(COUNTRY)}
      description: {quoted("Where the organisation (or you) is based.")}
      options:
{_list(country_options(), "        ")}    validations:
      required: false
  - type: dropdown
    id: group
    attributes:
      label: {quoted(GROUP)}
      description: {quoted("Which list of the statement to sign in.")}
      options:
{_list(groups, "        ")}      default: 0
    validations:
      required: true
  - type: dropdown
    id: kind
    attributes:
      label: {quoted(KIND)}
      options:
{_list(KIND_OPTIONS, "        ")}      default: 0
    validations:
      required: true
  - type: checkboxes
    id: authorisation
    attributes:
      label: {quoted(AUTHORISATION)}
      description: {quoted(AUTHORISATION_HELP)}
      options:
        - label: {quoted(AUTHORISED)}
          required: true
"""


AUTHORISATION_HELP = "Signing for someone else is not allowed; for a person, sign as yourself."
COMMENT = (
    'gh issue comment "$NUMBER" --repo "$GITHUB_REPOSITORY" --body-file "$RUNNER_TEMP/reply.md"'
)


def intake_workflow(slug: str) -> str:
    name = label(slug)
    issue = "#${{ github.event.issue.number }}"
    pull_request_body = f"Adds the signature asked for in {issue}, as pending. Closes {issue}."
    return f"""\
# Written by 'endorse init {slug} --github'. An issue made with the form
# .github/ISSUE_TEMPLATE/sign-{slug}.yml becomes a pull request that adds the signer as pending;
# the issue gets a reply either way. A maintainer merges the pull request, then confirms the
# signature (status = "confirmed"). Nothing from the issue reaches a shell: endorse reads the
# event file itself.
name: {quoted(name)}

on:
  issues:
    types: [opened, edited, reopened, labeled]

permissions:
  contents: write
  pull-requests: write
  issues: write

concurrency:
  group: "{name}-${{{{ github.event.issue.number }}}}"

jobs:
  intake:
    if: >-
      contains(github.event.issue.labels.*.name, '{name}') && github.event.issue.state == 'open'
      && (github.event.action != 'labeled' || github.event.label.name == '{name}')
    runs-on: ubuntu-latest
    steps:
      - uses: {CHECKOUT}
      - uses: {SETUP_PYTHON}
        with:
          python-version: "3.11"
      - name: Install endorse
        run: {INSTALL}
      - name: Read the form
        id: intake
        run: |
          set +e
          endorse intake {slug} --github-event "$GITHUB_EVENT_PATH" --reply "$RUNNER_TEMP/reply.md"
          echo "status=$?" >> "$GITHUB_OUTPUT"
      - name: Open or update the pull request
        if: steps.intake.outputs.status == '0'
        uses: {CREATE_PULL_REQUEST}
        with:
          branch: "{name}/issue-${{{{ github.event.issue.number }}}}"
          add-paths: "signatories/{slug}/*.toml"
          commit-message: "Sign {slug}: from issue #${{{{ github.event.issue.number }}}}"
          title: "Sign {slug}: from issue #${{{{ github.event.issue.number }}}}"
          body: {quoted(pull_request_body)}
          labels: {quoted(name)}
      - name: Answer on the issue
        if: always() && steps.intake.outputs.status != ''
        env:
          GH_TOKEN: ${{{{ github.token }}}}
          NUMBER: ${{{{ github.event.issue.number }}}}
        run: {COMMENT}
      - name: Fail when endorse was used wrongly
        if: steps.intake.outputs.status == '2'
        run: exit 2
"""


CHECK_WORKFLOW = f"""\
# Written by 'endorse init --github'. Checks the statements on every push and pull request,
# refuses edits to closed and published statements, and refuses a pull request that signs for
# someone else (a signatory whose github is not the pull request's author).
name: check

on:
  push:
  pull_request:

permissions:
  contents: read

jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: {CHECKOUT}
        with:
          fetch-depth: 0 # --since reads the base branch's files from git history
      - uses: {SETUP_PYTHON}
        with:
          python-version: "3.11"
      - name: Install endorse
        run: {INSTALL}
      - name: Check statements and signatories
        run: endorse check --format github
      - name: Refuse edits to closed statements, and signatures for someone else
        if: github.event_name == 'pull_request'
        env:
          BASE: ${{{{ github.base_ref }}}}
          AUTHOR: ${{{{ github.event.pull_request.user.login }}}}
        run: |
          if [ "$AUTHOR" = "{BOT}" ]; then
            # Opened by the sign workflow, which took github from the issue's author.
            endorse check --format github --since "origin/$BASE"
          else
            endorse check --format github --since "origin/$BASE" --pr-author "$AUTHOR"
          fi
"""
