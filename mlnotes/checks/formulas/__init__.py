"""The formulas a reader reads, evaluated as written (see CONTRIBUTING.md, "Check a formula")."""
