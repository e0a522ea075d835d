"""Phone-sized matplotlib charts rendered to PNG bytes with a one-line caption."""
