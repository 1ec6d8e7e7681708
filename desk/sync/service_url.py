"""Telling the central service's address from a database URL (cheap: no HTTP client)."""

from __future__ import annotations


def is_service_url(url: str) -> bool:
    """Whether a command's ``--url`` names the central service (not a database)."""
    return url.strip().lower().startswith(("https://", "http://"))
