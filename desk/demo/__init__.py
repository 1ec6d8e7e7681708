"""The embedded demo city (DESIGN.md §5): stable ids, realistic data, no real people."""
