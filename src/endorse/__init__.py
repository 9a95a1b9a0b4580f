"""Run joint statements and sign-on letters from a git repository."""

__version__ = "0.1.0"
