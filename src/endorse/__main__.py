"""Entry point for ``python -m endorse``."""

from endorse.cli.entry import main

main()
