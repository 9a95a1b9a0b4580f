"""Statuses, render formats and paper sizes are defined once (format/choices.py): the models'
Literal types, the CLI's choices and the renderers all say the same words."""

from __future__ import annotations

from typing import get_args

from endorse.format import choices
from endorse.format.models import ImportSettings, SignatoryStatus, StatementStatus


def test_the_models_literals_are_the_choices() -> None:
    assert get_args(StatementStatus) == choices.STATEMENT_STATUSES
    assert get_args(SignatoryStatus) == choices.SIGNATORY_STATUSES
    assert get_args(choices.ImportStatus) == choices.IMPORT_STATUSES
    assert ImportSettings.model_fields["status"].annotation == choices.ImportStatus | None


def test_the_cli_offers_the_choices() -> None:
    from endorse.cli.listing import Status
    from endorse.cli.render import Format, Paper

    assert tuple(f.value for f in Format) == choices.RENDER_FORMATS
    assert tuple(p.value for p in Paper) == choices.PAPERS
    assert tuple(s.value for s in Status) == choices.SIGNATORY_STATUSES


def test_every_render_format_and_paper_has_a_renderer() -> None:
    from endorse.render.docx import PAGE_TWIPS
    from endorse.render.formats import FORMATS
    from endorse.render.html import PAGE_SIZES

    assert FORMATS == choices.RENDER_FORMATS
    assert set(PAGE_TWIPS) == set(PAGE_SIZES) == set(choices.PAPERS)
