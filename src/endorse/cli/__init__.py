"""The command-line layer: the only code that imports Typer and Rich."""
