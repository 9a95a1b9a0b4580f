"""Run joint statements and sign-on letters from a git repository."""

__version__ = "0.1.0"
# Every JSON output carries "schema": JSON_SCHEMA; a change that removes or renames a key bumps it.
JSON_SCHEMA = 1
