"""The ``endorse`` executable: answers ``--version`` before Typer is even imported.

Building the Typer application (eleven commands, their signatures and help) costs more than the
import floor; a pre-commit hook or a script asking for the version should not pay for it.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from endorse import __version__

        sys.stdout.write(f"endorse {__version__}\n")
        return
    from endorse.cli.app import main as run_app

    run_app()
