"""Shared downloads: counters of an office asking with the same cursor share one read,
and nothing read before a change's notification is handed out after it."""

from __future__ import annotations

import threading
import time

from desk.server.batches import BatchCache
from desk.server.push import PushHub


def listening() -> PushHub:
    hub = PushHub()
    hub.listening = True
    return hub


def test_twenty_counters_with_one_cursor_share_one_read() -> None:
    cache, reads = BatchCache(listening()), []

    def read() -> bytes:
        reads.append(1)
        time.sleep(0.05)  # the others arrive while it reads
        return b"batch"

    answers: list[bytes] = []
    threads = [
        threading.Thread(target=lambda: answers.append(cache.get("bb-a", "c1", read)))
        for _ in range(20)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [b"batch"] * 20 and len(reads) == 1
    assert cache.get("bb-b", "c1", lambda: b"other") == b"other"  # another office reads its own


def test_a_notification_makes_the_next_request_read_again() -> None:
    hub = listening()
    cache = BatchCache(hub)
    assert cache.get("bb-a", "c1", lambda: b"old") == b"old"
    assert cache.get("bb-a", "c1", lambda: b"unused") == b"old"
    hub.publish("bd_bb-b", "appointment")  # another office: still shared
    assert cache.get("bb-a", "c1", lambda: b"unused") == b"old"
    hub.publish("bd_bb-a", "appointment")
    assert cache.get("bb-a", "c1", lambda: b"new") == b"new"
    hub.publish("bd_all", "reference")  # city-wide: every office reads again
    assert cache.get("bb-a", "c1", lambda: b"newer") == b"newer"


def test_a_read_overlapping_a_notification_is_not_kept() -> None:
    hub = listening()
    cache = BatchCache(hub)

    def read_while_a_change_commits() -> bytes:
        hub.publish("bd_bb-a", "appointment")  # committed and notified during the read
        return b"maybe stale"

    assert cache.get("bb-a", "c1", read_while_a_change_commits) == b"maybe stale"
    assert cache.get("bb-a", "c1", lambda: b"fresh") == b"fresh"


def test_answers_expire() -> None:
    cache = BatchCache(listening(), ttl=0.05)
    assert cache.get("bb-a", "c1", lambda: b"first") == b"first"
    time.sleep(0.1)
    assert cache.get("bb-a", "c1", lambda: b"second") == b"second"


def test_without_the_listener_every_request_reads() -> None:
    """While the service's LISTEN connection is down, changes come unnoticed: nothing is
    shared then (a database outage, R5)."""
    hub = listening()
    cache = BatchCache(hub)
    assert cache.get("bb-a", "c1", lambda: b"before") == b"before"
    hub.listening = False
    assert cache.get("bb-a", "c1", lambda: b"during") == b"during"
    assert cache.get("bb-a", "c1", lambda: b"still fresh") == b"still fresh"
