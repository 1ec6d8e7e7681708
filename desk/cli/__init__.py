"""The headless command line (DESIGN.md §5); ui.app adds the GUI commands."""
