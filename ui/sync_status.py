"""The sync engine's reports brought to the GUI thread, their status-bar text, and what
of them is news to tell assistive technology (ui.announce)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

if TYPE_CHECKING:
    from desk.sync.engine import SyncReport, SyncStatus


class SyncBridge(QObject):
    """Created on the GUI thread; the runner's callbacks emit from the worker thread.

    Signals:
        report(SyncReport): a round finished (connected).
        status(SyncStatus): a round failed; the status says since when offline.
    """

    report = Signal(object)
    status = Signal(object)


def status_text(status: SyncStatus) -> str:
    """German status-bar text: connected / offline since / waiting / last sync / conflicts."""
    if status.connected:
        text = QCoreApplication.translate("SyncStatus", "Abgleich: verbunden")
        if status.last_sync is not None:
            text += QCoreApplication.translate("SyncStatus", " · zuletzt {0:%H:%M:%S}").format(
                status.last_sync
            )
    else:
        text = QCoreApplication.translate("SyncStatus", "Abgleich: offline")
        if status.offline_since is not None:
            text += QCoreApplication.translate("SyncStatus", " seit {0:%d.%m. %H:%M}").format(
                status.offline_since
            )
    text += QCoreApplication.translate("SyncStatus", " · {0} wartend").format(status.waiting)
    if status.conflicts:
        text += QCoreApplication.translate("SyncStatus", " · {0} Konflikt(e)").format(
            status.conflicts
        )
    return text


@dataclass(frozen=True)
class News:
    """A text to announce and whether it interrupts (assertive)."""

    text: str
    assertive: bool


class SyncNews:
    """What of the sync's state is news, once per change: going offline (assertive, the
    status text with "offline seit …"; at the start too), back online (polite), a round
    that brought new conflicts (assertive)."""

    def __init__(self) -> None:
        self._connected: bool | None = None

    def of_status(self, status: SyncStatus) -> News | None:
        """The news in ``status`` compared with the one before (None: nothing new)."""
        before, self._connected = self._connected, status.connected
        if not status.connected and before is not False:
            return News(status_text(status), True)
        if status.connected and before is False:
            return News(status_text(status), False)
        return None

    @staticmethod
    def of_report(report: SyncReport) -> News | None:
        """A new conflict: operations of this PC the centre refused in this round."""
        if not report.rejected:
            return None
        return News(
            QCoreApplication.translate(
                "SyncStatus", "Abgleich: neuer Konflikt · {0} Konflikt(e) offen"
            ).format(max(report.status.conflicts, report.rejected)),
            True,
        )
