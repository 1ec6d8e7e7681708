"""Downloads shared by the counters of an office. A change wakes every counter of the
office at once, and they ask with the same cursor: the first request reads the change
log, the others get its answer (encoded once). Correct by construction: an answer read
in snapshot S for cursor C is right for C, and its new cursor S lets the next pull go
on from there. A notification for the office starts a new generation, and an answer
read in an older one is never handed out again, so nobody woken by a change gets an
answer from before it. The push hub reads the same way, from the cursor of the office's
newest answer, and carries the result to the office's PCs in the event itself."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from desk.server.push import PushHub

#: How long an answer is handed out again (seconds), and how many are kept.
TTL = 2.0
SIZE = 256


class BatchCache:
    """Encoded change batches by (office, cursor), valid within one notification
    generation of the office."""

    def __init__(self, hub: PushHub, ttl: float = TTL, size: int = SIZE) -> None:
        self._hub = hub
        self._ttl = ttl
        self._size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[str, str], tuple[int, float, bytes]] = OrderedDict()
        self._reading: dict[tuple[str, str], threading.Lock] = {}
        self._newest: dict[str, str] = {}
        self.hits = 0

    def note(self, office_id: str, cursor: str) -> None:
        """An answer for the office ended at ``cursor``: the PCs that got it are there."""
        with self._lock:
            self._newest[office_id] = cursor

    def newest(self, office_id: str) -> str | None:
        """The cursor of the office's newest answer (where its PCs are likely to be)."""
        with self._lock:
            return self._newest.get(office_id)

    def get(self, office_id: str, cursor: str, read: Callable[[], bytes]) -> bytes:
        """The answer for ``cursor``: a fresh one of this generation, else ``read()``
        (one reader per key at a time; the others wait for its answer)."""
        key = (office_id, cursor)
        if not self._hub.listening:  # changes may come unnoticed: every request reads
            return read()
        found = self._fresh(key)
        if found is not None:
            return found
        with self._lock:
            reading = self._reading.setdefault(key, threading.Lock())
        with reading:
            found = self._fresh(key)
            if found is not None:
                return found
            generation = self._hub.generation(office_id)
            data = read()
            with self._lock:
                self._reading.pop(key, None)
                same = self._hub.generation(office_id) == generation  # nothing came meanwhile
                if same and self._hub.listening:
                    self._entries[key] = (generation, time.monotonic(), data)
                    self._entries.move_to_end(key)
                    while len(self._entries) > self._size:
                        self._entries.popitem(last=False)
            return data

    def _fresh(self, key: tuple[str, str]) -> bytes | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            generation, at, data = entry
            if generation != self._hub.generation(key[0]) or time.monotonic() - at > self._ttl:
                del self._entries[key]
                return None
            self.hits += 1
            return data
