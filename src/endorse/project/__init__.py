"""Finding and loading a project: statements, signatories, private fields, name order."""
