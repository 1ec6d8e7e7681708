"""Domain errors with messages meant for people (German first).

A refusal names itself by a stable ``code`` with ``params`` (plain values); its German
sentence comes from desk/domain/refusals.py, a face words the code in its own language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from desk.domain.refusals import german, plain


class DeskError(Exception):
    """Base class of errors a user can act on; ``str(err)`` is the message.

    ``code`` (None: a message without one) and ``params`` say the same in a form a face
    translates; without a message the German sentence is built from them."""

    def __init__(
        self,
        message: str = "",
        *,
        code: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        self.code = code
        self.params: dict[str, Any] = {k: plain(v) for k, v in (params or {}).items()}
        if not message and code is not None:
            message = german(code, self.params)
        super().__init__(message)

    @classmethod
    def of(cls, code: str, /, **params: object) -> Self:
        """The refusal ``code`` with its params, worded in German from the table."""
        return cls(code=code, params=params)


class RequestRefused(DeskError):
    """A request was understood and refused (unknown id, bad value, rule)."""


class UnknownId(RequestRefused):
    """An id (office, service, counter, booking code) does not exist."""


class NotAuthenticated(RequestRefused):
    """A device credential, enrollment code or user session was not accepted (unknown,
    used, expired or revoked): one message for every cause, so it tells nothing more."""


class BookingRefused(RequestRefused):
    """A booking or cancellation was refused by a rule (window, taken, closed)."""


class WalkInRefused(RequestRefused):
    """A walk-in ticket or call was refused (hour closed, quota used up, none waiting)."""


class DatabaseUnavailable(DeskError):
    """The database cannot be reached or opened."""


class DatabaseNotReady(DeskError):
    """The database exists but has not been created or migrated."""
