"""The clerk app once per local database: a second start brings the running window forward.

The first start holds the database's OS lock (``desk.instance_lock``) and listens on a
local socket named by a hash of the database's path (``QLocalServer``, this OS user
only), from its first paint on: QtNetwork and hashlib load after it (P5). A second
start finds the lock held, sends "raise" to that socket and ends with exit 0 and a line
on stderr; when nobody listens (the holder is ``buergerdesk sync``, or the start is a
``--smoke`` check) it is refused like any command: one line, exit 2.
"""

from __future__ import annotations

import logging
import sys
import time
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QWidget

from desk.cli.parser import PROG
from desk.instance_lock import Holder, InstanceLock, InstanceRunning, local_database

log = logging.getLogger(__name__)

RAISE = b"raise\n"
WAIT_MS = 2000
#: how long a second start tries to reach a first one that is still painting
REACH_FOR = 3.0


def server_name(database: Path) -> str:
    """The local socket's name for ``database``: ``buergerdesk-`` and a hash of its path."""
    import hashlib

    digest = hashlib.sha256(str(database.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"buergerdesk-{digest}"


class RaiseServer(QObject):
    """Listens for a second start and brings ``window`` forward.

    Signals: ``raise_requested()`` after the window was brought forward.
    """

    raise_requested = Signal()

    def __init__(self, name: str, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtNetwork import QLocalServer

        self._window = window
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        # we hold the database's lock: a socket left by a crashed first start is stale
        QLocalServer.removeServer(name)
        if not self._server.listen(name):
            log.warning("second starts cannot raise this window: %s", self._server.errorString())

    def close(self) -> None:
        """Stop listening."""
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()  # the server's child, not ours
            socket.readyRead.connect(self._read)
            socket.disconnected.connect(socket.deleteLater)

    @Slot()
    def _read(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        socket = self.sender()
        if not isinstance(socket, QLocalSocket):
            return
        if bytes(socket.readAll().data()).startswith(RAISE):
            self.bring_forward()
        socket.disconnectFromServer()

    def bring_forward(self) -> None:
        """Show the window un-minimised, on top and active."""
        window = self._window
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
        window.activateWindow()
        self.raise_requested.emit()


def ask_to_raise(name: str, wait_ms: int = WAIT_MS, reach_for: float = REACH_FOR) -> bool:
    """Send "raise" to the app listening on ``name`` (trying for ``reach_for`` seconds:
    it listens from its first paint on); whether it was delivered."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    deadline = time.monotonic() + reach_for
    while True:
        socket.connectToServer(name)
        if socket.waitForConnected(wait_ms):
            break
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)
    socket.write(RAISE)
    delivered = socket.waitForBytesWritten(wait_ms)
    socket.disconnectFromServer()
    return delivered


class SingleInstance:
    """This app's hold on its local database, and (once the window exists) the server
    that raises it. ``close()`` at the end lets both go."""

    def __init__(self, database: Path | None, lock: InstanceLock | None) -> None:
        self.database = database
        self._lock = lock
        self._server: RaiseServer | None = None

    def serve(self, window: QWidget) -> RaiseServer | None:
        """Listen for second starts that want ``window`` forward."""
        if self.database is not None and self._server is None:
            self._server = RaiseServer(server_name(self.database), window)
        return self._server

    def close(self) -> None:
        """Stop listening and release the lock."""
        if self._server is not None:
            self._server.close()  # the object stays: a delivery may still be on its way
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def claim(url: str, *, smoke: bool = False) -> SingleInstance | None:
    """Hold the database at ``url`` for this app; None when another app on it was asked
    to come forward (this start ends with exit 0). InstanceRunning when the holder cannot
    be raised (or ``smoke``)."""
    database = local_database(url)
    if database is None:  # PostgreSQL: many apps may share it
        return SingleInstance(None, None)
    try:
        lock = InstanceLock(database).acquire()
    except InstanceRunning as running:
        reach = REACH_FOR if _just_started(running.holder) else 0.0
        if smoke or not ask_to_raise(server_name(database), reach_for=reach):
            raise
        sys.stderr.write(
            f"{PROG}: läuft schon auf {database} ({running.holder.describe()}): "
            "das Fenster wurde nach vorn geholt\n"
        )
        return None
    return SingleInstance(database, lock)


def _just_started(holder: Holder) -> bool:
    """Whether the holder started a moment ago (its window may still be on its way)."""
    try:
        started = datetime.fromisoformat(holder.started)
    except ValueError:
        return holder.pid is None  # writing its line right now
    return abs((datetime.now().astimezone() - started).total_seconds()) < 30
