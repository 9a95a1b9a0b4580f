"""Rendering a statement: a format-neutral document, then text in each format."""
