"""Changes the service carried in its push events (``changes``: ``{"from": cursor,
"batch": …}``), kept until the sync round asks for the changes since that cursor: the
PC then applies them without a request of its own. A batch is only ever used from the
cursor it was read from, so it is the very answer /v1/changes would give."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Any

#: How many carried batches wait at most (the newest; a PC takes one per round).
KEPT = 4


class CarriedBatches:
    """Carried batches by the cursor they start from (thread-safe: the push stream
    offers, the sync round takes)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._batches: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self.taken = 0

    def offer(self, data: str) -> bool:
        """Keep a ``changes`` event's data; False if it is not one."""
        try:
            event = json.loads(data)
            cursor, batch = str(event["from"]), event["batch"]
        except (ValueError, KeyError, TypeError):
            return False
        if not isinstance(batch, dict):
            return False
        with self._lock:
            self._batches[cursor] = batch
            self._batches.move_to_end(cursor)
            while len(self._batches) > KEPT:
                self._batches.popitem(last=False)
        return True

    def holds(self, cursor: str) -> bool:
        """Whether a batch from ``cursor`` waits."""
        with self._lock:
            return cursor in self._batches

    def take(self, cursor: str) -> dict[str, Any] | None:
        """The batch that starts at ``cursor``, if one was carried (then forgotten)."""
        with self._lock:
            batch = self._batches.pop(cursor, None)
            if batch is not None:
                self.taken += 1
            return batch

    def clear(self) -> None:
        """Forget every batch (the PC pulled afresh)."""
        with self._lock:
            self._batches.clear()
