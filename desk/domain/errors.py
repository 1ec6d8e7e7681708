"""Domain errors with messages meant for people (German first)."""


class DeskError(Exception):
    """Base class of errors a user can act on; ``str(err)`` is the message."""


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
