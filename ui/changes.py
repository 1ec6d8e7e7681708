"""What an operation changed, and the one signal that tells every open view (Anki's
``OpChanges`` and ``operation_did_execute``): an operation's result says what changed,
``Ops`` tells the hub once it delivered the result, and each view reads again what
concerns it. The sync's applied batches (and so the central service's pushes) are told
the same way (see ui.gui.attach_sync)."""

from __future__ import annotations

from datetime import date
from enum import Flag, auto
from typing import NamedTuple

from PySide6.QtCore import QObject, Signal


class What(Flag):
    """The kinds of data a change touched."""

    APPOINTMENTS = auto()
    TICKETS = auto()
    CAPACITY = auto()
    USERS = auto()
    ALL = APPOINTMENTS | TICKETS | CAPACITY | USERS


class Change(NamedTuple):
    """``what`` changed in ``office_id`` on ``day`` (None: any office, any day)."""

    what: What
    office_id: str | None = None
    day: date | None = None

    def concerns(self, what: What, office_id: str | None, day: date | None = None) -> bool:
        """Whether a view showing ``what`` of ``office_id`` (on ``day``) reads again."""
        return (
            bool(self.what & what)
            and (self.office_id is None or office_id is None or self.office_id == office_id)
            and (self.day is None or day is None or self.day == day)
        )


#: A sync round brought changes from the central service: anything may have changed.
SYNCED = Change(What.ALL)


class ChangeHub(QObject):
    """The one broadcast of changes (on the GUI thread).

    Signals:
        changed(Change): data changed; every open view checks whether it concerns it.
    """

    changed = Signal(object)

    def tell(self, change: Change) -> None:
        """Tell every open view of ``change``."""
        self.changed.emit(change)
