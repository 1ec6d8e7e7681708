"""LISTEN/NOTIFY wake-ups from the central database (a hint only; polling stays)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable

import psycopg
from psycopg import sql

log = logging.getLogger(__name__)


def channels(office_ids: Iterable[str]) -> list[str]:
    """The channels the change-log triggers notify: one per office, plus 'all'."""
    return ["bd_all", *(f"bd_{office}" for office in office_ids)]


class NotifyListener(threading.Thread):
    """Calls ``wake()`` whenever the central database notifies one of ``channels``.

    Reconnects with a pause after any connection error; ``stop()`` ends it.
    """

    def __init__(
        self, conninfo: str, names: list[str], wake: Callable[[], None], retry_seconds: float = 5.0
    ) -> None:
        super().__init__(name="notify-listener", daemon=True)
        self._conninfo = conninfo
        self._names = names
        self._wake = wake
        self._retry = retry_seconds
        self._stop_event = threading.Event()
        self.connected = threading.Event()

    def stop(self) -> None:
        """Ask the thread to end (within about a second)."""
        self._stop_event.set()

    def run(self) -> None:
        while not self._stop_event.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True, connect_timeout=5) as conn:
                    for name in self._names:
                        conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(name)))
                    self.connected.set()
                    self._wake()  # catch up on reconnect
                    while not self._stop_event.is_set():
                        for _notify in conn.notifies(timeout=1.0, stop_after=1):
                            self._wake()
            except psycopg.Error as err:
                log.info("notify listener offline: %s", err)
            self.connected.clear()
            self._stop_event.wait(self._retry)
