"""The walk-in side of the desk: the reception tab (tickets, check-in) and the queue
panel (call next, the ticket's steps), serving the session's office and counter.

Both are hidden at the start: they are built right after the window's first paint (or
on first use), so that the first paint does not wait for them; their modules load then.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal

if TYPE_CHECKING:
    from datetime import datetime

    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QScrollArea

    from desk.services.admin.auth import UserInfo
    from ui.ops import Ops
    from ui.session import DeskSession
    from ui.views.queue_panel import QueuePanel
    from ui.views.reception_view import ReceptionView


class WalkIn(QObject):
    """Builds the reception and the queue panel into their pages and keeps them on the
    session's office, counter and user."""

    #: The queue panel read the counter's people (a CounterWork).
    person_changed = Signal(object)

    def __init__(
        self,
        session: DeskSession,
        ops: Ops,
        settings: QSettings,
        pages: tuple[QScrollArea, QScrollArea],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session, self._ops, self._settings = session, ops, settings
        self._pages = pages  # the reception's, the queue's
        self.built: tuple[ReceptionView, QueuePanel] | None = None
        session.user_changed.connect(self._take_user)

    @property
    def reception(self) -> ReceptionView:
        """The reception tab: walk-in tickets and check-in."""
        return self.build()[0]

    @property
    def queue(self) -> QueuePanel:
        """The side panel's queue: who waits, call next, recall."""
        return self.build()[1]

    def build(self) -> tuple[ReceptionView, QueuePanel]:
        """Build the reception and the queue panel once and put them into their pages."""
        if self.built is not None:
            return self.built
        from ui.views.queue_panel import QueuePanel
        from ui.views.reception_view import ReceptionView

        now = self._session.now
        reception = ReceptionView(self._ops, now, lambda: ticket_printer(self._settings, now))
        queue = QueuePanel(self._ops, now)
        queue.max_recalls = max(0, self._settings.value("max_recalls", 2, int))
        queue.person_changed.connect(self.person_changed)
        # they (and the day) read again when an operation or the sync tells a change
        self._pages[0].setWidget(reception)
        self._pages[1].setWidget(queue)
        self.built = (reception, queue)
        self._take_user(self._session.user)
        return self.built

    def _take_user(self, user: UserInfo | None) -> None:
        if self.built is not None:
            for view in self.built:
                view.user_id = user.id if user is not None else None

    def serve_office(self) -> None:
        """The reception serves the session's office (and reads)."""
        office, db = self._session.office, self._session.database
        if office is not None and db is not None:
            self.reception.set_office(db, office.id, office.name)

    def serve_counter(self) -> None:
        """The queue works for the session's office and counter (and reads)."""
        office, db = self._session.office, self._session.database
        if office is not None and db is not None:
            self.queue.set_counter(db, office.id, self._session.counter)

    def stop(self) -> None:
        """The window closes: no more reads of their own."""
        for view in self.built or ():
            view.timer.stop()


def ticket_printer(settings: QSettings, now: Callable[[], datetime]) -> QPrinter | None:
    """Where tickets print: the system's default printer, else a PDF per ticket in the
    data folder (setting "ticket_pdf_dir" forces PDFs into that folder)."""
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    folder = settings.value("ticket_pdf_dir", "", str)
    if not folder and QPrinterInfo.availablePrinterNames():
        return QPrinter(QPrinterInfo.defaultPrinter(), QPrinter.PrinterMode.HighResolution)
    from desk.config import paths
    from desk.private_files import create_private, private_dir

    target = Path(folder) if folder else private_dir(paths().data_dir / "tickets")
    if not target.is_dir():  # a folder of the city's choice is left as it is
        private_dir(target)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    pdf = create_private(target / f"ticket-{now():%Y%m%d-%H%M%S%f}.pdf")
    printer.setOutputFileName(str(pdf))  # Qt truncates it and keeps its modes
    return printer
