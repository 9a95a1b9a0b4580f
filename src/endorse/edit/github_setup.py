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
    group_options,
)
from endorse.edit.store import write_new
from endorse.errors import WriteRefused
from endorse.format.countries import ISO_3166_ALPHA2
from endorse.format.models import Statement
from endorse.install import ToolSource
from endorse.project.load import load_project
from endorse.project.paths import relative

# Pinned by full commit hash: a tag can be moved, a commit cannot. Check a hash with
# `git ls-remote https://github.com/<action> refs/tags/<tag>` before changing it.
CHECKOUT = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2"
SETUP_PYTHON = "actions/setup-python@0b93645e9fea7318ecaed2b359559ac225c90a2b # v5.3.0"
CREATE_PULL_REQUEST = (
    "peter-evans/create-pull-request@271a8d0340265f705b14b6d32b9829c1cb33d45e # v7.0.8"
)
UPLOAD_PAGES_ARTIFACT = (
    "actions/upload-pages-artifact@56afc609e74202658d3ffba0e8f6dda462b719fa # v3.0.1"
)
DEPLOY_PAGES = "actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e # v4.0.5"
PYTHON_VERSION = "3.11"
# Bot pull requests come from intake, which takes `github` from the issue's author.
BOT = "github-actions[bot]"
# What a workflow says, and does, when init could not tell where endorse comes from: it fails
# rather than install whatever a package index holds under the name.
NO_SOURCE = "set the endorse source: endorse init --github --tool-source URL@SHA"
# A job that runs longer than this is stuck (an install that hangs, a lock never released).
TIMEOUT_MINUTES = 15


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


def pages_workflow_path(root: Path) -> Path:
    return root / ".github" / "workflows" / "pages.yml"


def init_github(root: Path, slug: str, source: ToolSource) -> GithubFiles:
    """The GitHub files for an existing statement, made from its title and groups."""
    statement = load_project(root, only=[slug]).get(slug).require()
    return write_github_files(root, slug, statement, source)


def write_github_files(
    root: Path, slug: str, statement: Statement, source: ToolSource
) -> GithubFiles:
    """Write the form and the three workflows; a file that exists already is kept as it is."""
    written = GithubFiles()
    for path, text in (
        (form_path(root, slug), issue_form(slug, statement)),
        (intake_workflow_path(root, slug), intake_workflow(slug, source)),
        (check_workflow_path(root), check_workflow(source)),
        (pages_workflow_path(root), pages_workflow(source)),
    ):
        shown = relative(path, root)
        if path.exists() or path.is_symlink():
            written.kept.append(shown)
            continue
        try:
            write_new(path, text, within=root)
        except WriteRefused:
            written.kept.append(shown)  # another run wrote it meanwhile
            continue
        written.created.append(shown)
    return written


def install_step(source: ToolSource, indent: str = "      ") -> str:
    """The step that installs endorse: from the pinned git source, or a step that fails and
    says how to set one (never an unpinned name from a package index)."""
    if source.known:
        return (
            f"{indent}- name: Install endorse\n"
            f"{indent}  run: python -m pip install {quoted(source.requirement())}\n"
        )
    return (
        f"{indent}- name: Install endorse\n"
        f"{indent}  run: |\n"
        f'{indent}    echo "::error::{NO_SOURCE} (docs/ci.md)"\n'
        f"{indent}    exit 1\n"
    )


def _setup(source: ToolSource, *, fetch_depth: int | None = None, token: bool = False) -> str:
    """Check out, set up Python, install endorse: the first steps of every job. Only a job
    that pushes (``token``) keeps the token in the clone's git config."""
    checkout = f"      - uses: {CHECKOUT}\n"
    options = []
    if fetch_depth is not None:
        options.append(f"fetch-depth: {fetch_depth} # --since reads the base from git history")
    if not token:
        options.append("persist-credentials: false # nothing here pushes")
    if options:
        checkout += "        with:\n" + "".join(f"          {o}\n" for o in options)
    return (
        checkout
        + f"      - uses: {SETUP_PYTHON}\n"
        + "        with:\n"
        + f'          python-version: "{PYTHON_VERSION}"\n'
        + install_step(source)
    )


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
    """Every country code, as "Name (CODE)", sorted by name as a list of signers is (the
    Unicode collation: Côte d'Ivoire before Croatia, Åland Islands beside Albania)."""
    import pycountry

    from endorse.project.names import collation_key

    names = dict(EXTRA_COUNTRY_NAMES)
    for country in pycountry.countries:
        code = str(country.alpha_2)
        names[code] = str(getattr(country, "common_name", None) or country.name)
    return sorted(
        (country_option(code, names.get(code, code)) for code in ISO_3166_ALPHA2),
        key=collation_key,
    )


def issue_form(slug: str, statement: Statement) -> str:
    groups = list(group_options(statement))
    # One group: chosen already. Several: the signer picks one (no tier is chosen for them).
    group_default = "      default: 0\n" if len(groups) == 1 else ""
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
{_list(groups, "        ")}{group_default}    validations:
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


def intake_workflow(slug: str, source: ToolSource) -> str:
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

permissions: {{}}

concurrency:
  group: "{name}-${{{{ github.event.issue.number }}}}"

jobs:
  intake:
    if: >-
      contains(github.event.issue.labels.*.name, '{name}') && github.event.issue.state == 'open'
      && (github.event.action != 'labeled' || github.event.label.name == '{name}')
    runs-on: ubuntu-latest
    timeout-minutes: {TIMEOUT_MINUTES}
    # Runs on the default branch's files, never on a pull request's: the token may write.
    permissions:
      contents: write # the branch with the new signer's file
      pull-requests: write # the pull request
      issues: write # the reply on the issue
    steps:
{_setup(source, token=True)}      - name: Read the form
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


# The job summary: the check's findings, then for each statement a pull request touches (every
# statement on a push) its counts, what changed and the final text, as reviewers will publish it.
SUMMARY = r"""set +e
{
  echo "## endorse check"
  echo
  echo '````text'
  endorse check
  echo '````'
} >> "$GITHUB_STEP_SUMMARY"
if [ -n "$BASE_SHA" ]; then
  slugs="$(git diff --name-only "$BASE_SHA" HEAD -- statements signatories \
    | sed -n -E 's#^(statements|signatories)/([a-z0-9-]+)[./].*#\2#p' | sort -u)"
else
  slugs="$(ls statements | sed -n -E 's#^([a-z0-9-]+)\.toml$#\1#p')"
fi
for slug in $slugs; do
  [ -f "statements/$slug.toml" ] || continue
  {
    echo "## $slug"
    echo
    echo '````text'
    endorse stats "$slug" || echo "(no counts: see the check)"
    echo '````'
    if [ -n "$BASE_SHA" ]; then
      endorse changes "$slug" --since "$BASE_SHA" --format markdown
    fi
    echo
    echo "### The text as it will be published"
    echo
    if endorse render "$slug" --format markdown > "$RUNNER_TEMP/text.md"; then
      if [ "$(wc -c < "$RUNNER_TEMP/text.md")" -le 600000 ]; then
        cat "$RUNNER_TEMP/text.md"
      else
        echo "(too long for a job summary: run endorse render $slug)"
      fi
    else
      echo "(not rendered: see the check)"
    fi
  } >> "$GITHUB_STEP_SUMMARY"
done
exit 0
"""


def _block(script: str, indent: str) -> str:
    return "".join(f"{indent}{line}\n" if line else "\n" for line in script.splitlines())


def check_workflow(source: ToolSource) -> str:
    return f"""\
# Written by 'endorse init --github'. Checks the statements on every push and pull request
# (annotations on the changed lines), refuses edits to closed and published statements and a
# pull request that signs for someone else (unless its author is a maintainer), and writes a
# job summary: the problems, the counts, what changed and the final text.
name: check

on:
  push:
  pull_request: # never pull_request_target: a pull request's code runs with a read-only token

permissions: {{}}

jobs:
  check:
    runs-on: ubuntu-latest
    timeout-minutes: {TIMEOUT_MINUTES}
    permissions:
      contents: read
    steps:
{_setup(source, fetch_depth=0)}      - name: Check statements and signatories
        run: endorse check --format github
      - name: Refuse edits to closed statements, and signatures for someone else
        if: github.event_name == 'pull_request'
        env:
          BASE_SHA: ${{{{ github.event.pull_request.base.sha }}}}
          AUTHOR: ${{{{ github.event.pull_request.user.login }}}}
        run: |
          if [ "$AUTHOR" = "{BOT}" ]; then
            # Opened by the sign workflow, which took github from the issue's author.
            endorse check --format github --since "$BASE_SHA"
          else
            endorse check --format github --since "$BASE_SHA" --pr-author "$AUTHOR"
          fi
      - name: Job summary
        if: always()
        env:
          BASE_SHA: ${{{{ github.event.pull_request.base.sha }}}}
        run: |
{_block(SUMMARY, "          ")}"""


def pages_workflow(source: ToolSource) -> str:
    return f"""\
# Written by 'endorse init --github'. On every push to the default branch, builds each
# statement's public page (endorse site) and publishes it with GitHub Pages. Set Settings ->
# Pages -> Source to "GitHub Actions" once. One statement is the site's front page; with
# several, each gets its own folder and the front page links them.
name: pages

on:
  push:
  workflow_dispatch:

permissions: {{}}

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    if: github.ref_name == github.event.repository.default_branch
    runs-on: ubuntu-latest
    timeout-minutes: {TIMEOUT_MINUTES}
    permissions:
      contents: read
    steps:
{_setup(source)}      - name: Build the pages
        run: |
{_block(PAGES_BUILD, "          ")}      - uses: {UPLOAD_PAGES_ARTIFACT}
        with:
          path: _site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    timeout-minutes: {TIMEOUT_MINUTES}
    permissions:
      pages: write # publish the site
      id-token: write # prove to Pages that this workflow made it
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: {DEPLOY_PAGES}
"""


PAGES_BUILD = r"""set -eu
slugs="$(ls statements | sed -n -E 's#^([a-z0-9-]+)\.toml$#\1#p')"
if [ "$(echo "$slugs" | wc -w)" -eq 1 ]; then
  endorse site "$slugs" -o _site
else
  mkdir -p _site
  {
    echo '<!doctype html><html><head><meta charset="utf-8"><title>Statements</title></head>'
    echo '<body><ul>'
    for slug in $slugs; do
      endorse site "$slug" -o "_site/$slug" >&2
      echo "<li><a href=\"$slug/\">$slug</a></li>"
    done
    echo '</ul></body></html>'
  } > _site/index.html
fi
"""
