"""The file format: pydantic models, text rules, TOML reading with line lookup, problem messages."""
