"""Entry point for ``python -m endorse``."""

from endorse.cli.app import main

main()
