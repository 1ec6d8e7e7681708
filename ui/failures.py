"""The words a view shows when a background operation failed."""

from __future__ import annotations

import logging

from desk.domain.errors import DeskError
from ui.refusals import refusal_text


def failure_text(
    error: BaseException, log: logging.Logger, event: str, fallback: str = "{0}"
) -> str:
    """A refusal's own words (a ``DeskError`` says what the user can do), in the UI's
    language when its code is known (ui/refusals.py), else as desk worded it; anything
    else is unexpected: logged as ``event`` with its traceback, and shown as
    ``fallback`` (translated by the caller) with the exception's type for ``{0}``."""
    if isinstance(error, DeskError):
        return refusal_text(error) or str(error)
    log.error(event, exc_info=error)
    return fallback.format(type(error).__name__)
