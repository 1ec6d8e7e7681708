"""Push: the instance LISTENs once on the central database and tells its connected
devices of their office that something changed (Server-Sent Events), and a slow poll
stays as the fallback. A counter or reception PC gets the office's changes carried in
the event (read once for the whole office, from the cursor the office's PCs are at,
see batches.py); a PC at another cursor, a display and the portal get a hint and pull.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import psycopg
from psycopg import sql

log = logging.getLogger(__name__)

ALL = "bd_all"
#: How the listener's connection is named in pg_stat_activity.
APPLICATION = "buergerdesk-push"


#: an event: its name (``change``: a hint; ``changes``: the office's changes carried)
#: and its data
Event = tuple[str, str]


#: Events that wait for a slow stream at most; more are coalesced into one hint.
PENDING = 8


@dataclass(eq=False)
class Subscriber:
    """One connected device's stream and the events waiting for it, in order (a PC
    applies carried batches one after the other: each starts where the one before
    ended). ``replica``: a counter or reception PC, which can take changes carried."""

    office_id: str
    loop: asyncio.AbstractEventLoop
    replica: bool = False
    pending: deque[Event] = field(default_factory=deque)
    ready: asyncio.Event = field(default_factory=asyncio.Event)

    def wake(self, event: Event) -> None:
        """Called on the event loop: queue an event. A hint behind a hint is dropped;
        a stream too far behind gets one hint for all (it pulls)."""
        if event[0] == "change" and self.pending and self.pending[-1][0] == "change":
            return
        if len(self.pending) >= PENDING:
            self.pending.clear()
            event = ("change", "coalesced")
        self.pending.append(event)
        self.ready.set()

    async def next(self) -> Event:
        """The next event (waits for one)."""
        while not self.pending:
            self.ready.clear()
            await self.ready.wait()
        return self.pending.popleft()


class PushHub:
    """Fans the database's notifications out to the subscribers of each office."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: set[Subscriber] = set()
        self._generations: dict[str, int] = {}
        self._all = 0
        self.notified = 0
        #: whether the listener is connected: only then do notifications tell of every
        #: change (shared downloads are used only then)
        self.listening = False
        #: reads an office's changes for its replicas (the event's data), None: a hint
        self.carrier: Callable[[str], str | None] | None = None
        self._carrying: dict[str, bool] = {}  # office -> another read is wanted
        self._reader = ThreadPoolExecutor(1, thread_name_prefix="push-carry")

    def generation(self, office_id: str) -> int:
        """Counts the notifications that concerned an office (its own and city-wide)."""
        with self._lock:
            return self._all + self._generations.get(office_id, 0)

    def subscribe(self, office_id: str, *, replica: bool = False) -> Subscriber:
        """A new stream for a device of ``office_id`` (call on the event loop)."""
        subscriber = Subscriber(office_id, asyncio.get_running_loop(), replica)
        with self._lock:
            self._subscribers.add(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        """The stream ended."""
        with self._lock:
            self._subscribers.discard(subscriber)

    @property
    def connected(self) -> int:
        """How many streams are open."""
        with self._lock:
            return len(self._subscribers)

    def publish(self, channel: str, payload: str) -> None:
        """A notification arrived (listener thread): wake the office's streams; its
        replicas once their office's changes are read (or at once with a hint)."""
        self.notified += 1
        office = None if channel == ALL else channel.removeprefix("bd_")
        with self._lock:
            if office is None:
                self._all += 1
            else:
                self._generations[office] = self._generations.get(office, 0) + 1
            targets = [s for s in self._subscribers if office in (None, s.office_id)]
        carry = office is not None and self.carrier is not None and self.listening
        for subscriber in targets:
            if not (carry and subscriber.replica):
                subscriber.loop.call_soon_threadsafe(subscriber.wake, ("change", payload))
        if carry and office is not None and any(s.replica for s in targets):
            self._carry_soon(office, payload)

    def _carry_soon(self, office: str, payload: str) -> None:
        with self._lock:
            if office in self._carrying:  # a read is under way: one more after it
                self._carrying[office] = True
                return
            self._carrying[office] = False
        self._reader.submit(self._carry, office, payload)

    def _carry(self, office: str, payload: str) -> None:
        """Read the office's changes (on the reader thread) and hand them to its replicas;
        again while notifications came during the read."""
        while True:
            data = None
            try:
                data = self.carrier(office) if self.carrier is not None else None
            except Exception as err:  # the hint still goes out: the PCs pull
                log.info("changes of %s not carried: %s", office, err)
            event = ("changes", data) if data is not None else ("change", payload)
            with self._lock:
                targets = [s for s in self._subscribers if s.replica and s.office_id == office]
            for subscriber in targets:
                subscriber.loop.call_soon_threadsafe(subscriber.wake, event)
            with self._lock:
                if not self._carrying.get(office):
                    del self._carrying[office]
                    return
                self._carrying[office] = False

    def close(self) -> None:
        """Stop the reader."""
        self._reader.shutdown(wait=False, cancel_futures=True)


class Listener(threading.Thread):
    """The instance's one LISTEN connection; reconnects after errors and then wakes
    every stream (catch-up), and re-reads the offices when one is added."""

    def __init__(
        self,
        conninfo: str,
        offices: Callable[[], list[str]],
        hub: PushHub,
        retry_seconds: float = 2.0,
    ) -> None:
        super().__init__(name="push-listener", daemon=True)
        self._conninfo = conninfo
        self._offices = offices
        self._hub = hub
        self._retry = retry_seconds
        self._stop_event = threading.Event()
        self.connected = threading.Event()

    def stop(self) -> None:
        """End within about a second."""
        self._stop_event.set()

    def run(self) -> None:
        while not self._stop_event.is_set():
            try:
                self._listen()
            except psycopg.Error as err:
                log.info("push listener offline: %s", err)
            self._hub.listening = False
            self._hub.publish(ALL, "listener lost")  # nothing shared from before
            self.connected.clear()
            self._stop_event.wait(self._retry)

    def _listen(self) -> None:
        with psycopg.connect(
            self._conninfo, autocommit=True, connect_timeout=5, application_name=APPLICATION
        ) as conn:
            listening: set[str] = set()
            self._listen_to(conn, listening)
            self.connected.set()
            self._hub.listening = True
            self._hub.publish(ALL, "reconnect")  # catch up on what was missed
            while not self._stop_event.is_set():
                for notify in conn.notifies(timeout=1.0, stop_after=50):
                    if notify.channel == ALL and notify.payload == "office":
                        self._listen_to(conn, listening)
                    self._hub.publish(notify.channel, notify.payload)

    def _listen_to(self, conn: psycopg.Connection[tuple[object, ...]], done: set[str]) -> None:
        for name in [ALL, *(f"bd_{o}" for o in self._offices())]:
            if name not in done:
                conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(name)))
                done.add(name)
