"""Offline-first sync between a counter's SQLite and the central PostgreSQL (DESIGN.md §4)."""
