"""Who and where this desk works: the database (and the central service's session when
this PC syncs), the offices, the chosen office and counter, the signed-in user and the
one clock. Controllers read it and follow its signals instead of each other's state."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from desk.domain.clock import Clock
    from desk.services.admin.auth import UserInfo
    from desk.services.database import DeskDatabase
    from desk.services.offices import OfficeInfo
    from desk.sync.connect import CentralSession


class DeskSession(QObject):
    """The desk's shared state; each setter tells its change once.

    Signals:
        office_changed(object): the chosen office (OfficeInfo or None).
        counter_changed(object): the clerk's own counter (int or None).
        user_changed(object): who works here (UserInfo or None).
    """

    office_changed = Signal(object)
    counter_changed = Signal(object)
    user_changed = Signal(object)

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.database: DeskDatabase | None = None
        self.offices: list[OfficeInfo] = []
        self.office: OfficeInfo | None = None
        self.counter: int | None = None
        self.user: UserInfo | None = None
        #: This PC's connection to the central service (None standalone).
        self.central: CentralSession | None = None
        #: How a name and password are checked (worker thread): against the central
        #: service when this PC syncs through it, else the local database.
        self.authenticator: Callable[[DeskDatabase, str, str], UserInfo] | None = None

    def now(self) -> datetime:
        """The current time of the desk's one clock."""
        return self.clock.now()

    @property
    def ready(self) -> bool:
        """The database is open and an office is chosen."""
        return self.database is not None and self.office is not None

    def set_office(self, office: OfficeInfo | None) -> None:
        """Work for ``office`` from now on."""
        if office != self.office:
            self.office = office
            self.office_changed.emit(office)

    def set_counter(self, counter: int | None) -> None:
        """The clerk's own counter."""
        if counter != self.counter:
            self.counter = counter
            self.counter_changed.emit(counter)

    def set_user(self, user: UserInfo | None) -> None:
        """Who works here now."""
        self.user = user
        self.user_changed.emit(user)
