"""The sync engine's reports brought to the GUI thread, and their status-bar text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

if TYPE_CHECKING:
    from desk.sync.engine import SyncStatus


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
