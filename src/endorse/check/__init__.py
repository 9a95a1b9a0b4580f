"""`endorse check`: one module per family of rules, and the report formats."""
