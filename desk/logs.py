"""Logging to a file in the user's log folder; tracebacks go there, not to users."""

from __future__ import annotations

import logging
from pathlib import Path

from desk.config import paths


def configure_logging(level: int = logging.INFO) -> Path | None:
    """Log to the installation's log file; returns its path (None if not writable)."""
    log_file = paths().log_file
    root = logging.getLogger()
    if any(isinstance(h, logging.FileHandler) for h in root.handlers):
        return log_file
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # one line per job run is noise
    return log_file
