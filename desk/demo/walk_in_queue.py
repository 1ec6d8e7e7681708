"""The demo's walk-in hour as a real queue: who comes when, who is called when, and by
which counter.

Every counter staffed that day is free from the hour's start. Whenever one frees up (the
first to do so, the lower number on a tie), it calls the first waiting ticket in the
domain's call order (desk.domain.walkin.call_key: lost or stolen papers first, then by
number) and holds it for that ticket's service minutes; when nobody waits it calls the
next ticket the moment it is drawn. Calls go forward in time, as at a real counter.
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from desk.domain import walkin
from desk.domain.status import TicketReason

#: Share of a day's walk-ins who queued at the door before the hour: they draw their
#: tickets in its first DOOR_MINUTES minutes; the others come through the hour.
AT_THE_DOOR = 0.3
DOOR_MINUTES = 4
#: A walk-in's typical minutes at the counter by its reason (the median of the draws):
#: about the booked minutes of the matching service less the slot's buffer.
TYPICAL_MINUTES: dict[str, float] = {
    TicketReason.LOST_OR_STOLEN: 12.0,  # Verlustanzeige (15 min booked)
    TicketReason.URGENT_DOCUMENT: 12.0,  # vorläufiger Ausweis
    TicketReason.REGISTRATION: 10.0,  # Anmeldung (15 min booked)
    TicketReason.OTHER: 7.0,  # Abholung, Führungszeugnis, Auskunft
}
#: Spread of service times: σ of the lognormal around the typical minutes (about two in
#: three services take between 0.64 and 1.57 times the typical).
SIGMA = 0.45
#: Shortest and longest service drawn (minutes).
SHORTEST, LONGEST = 3.0, 40.0
#: A no-show holds the counter this long: called, called again, given up (minutes).
NO_SHOW_MINUTES = 2.0


@dataclass(frozen=True)
class Served:
    """When a ticket was called and finished, and by which counter (its number)."""

    called: datetime
    finished: datetime
    counter: int


def arrival_minutes(count: int, rng: random.Random) -> list[int]:
    """Minutes after the hour's start at which ``count`` tickets are drawn, in order:
    a crowd from the door first, the rest spread evenly over the hour."""
    return sorted(
        rng.randint(0, DOOR_MINUTES) if rng.random() < AT_THE_DOOR else rng.randint(0, 59)
        for _ in range(count)
    )


def service_minutes(reason: str, rng: random.Random) -> float:
    """A service's minutes: lognormal around the reason's typical, within the bounds."""
    typical = TYPICAL_MINUTES.get(reason, TYPICAL_MINUTES[TicketReason.OTHER])
    drawn = rng.lognormvariate(math.log(typical), SIGMA)
    return min(LONGEST, max(SHORTEST, drawn))


def serve(
    issued: Sequence[datetime],
    reasons: Sequence[str],
    minutes: Sequence[float],
    counters: int,
    opens: datetime,
) -> list[Served]:
    """Each ticket's call, finish and counter (ticket ``i`` is number ``i + 1``, issued
    at ``issued[i]`` in number order, held for ``minutes[i]``) with ``counters`` counters
    free from ``opens``."""
    free = [(opens, number) for number in range(1, max(1, counters) + 1)]
    heapq.heapify(free)
    waiting: list[tuple[tuple[int, int], int]] = []  # (call key, index)
    served: dict[int, Served] = {}
    drawn = 0  # tickets drawn so far (in the waiting heap or served)
    last = opens  # the latest call: calls go forward in time
    while len(served) < len(issued):
        at, counter = heapq.heappop(free)
        at = max(at, last)
        if not waiting and drawn < len(issued):
            at = max(at, issued[drawn])  # idle until the next ticket is drawn
        while drawn < len(issued) and issued[drawn] <= at:
            heapq.heappush(waiting, (walkin.call_key(reasons[drawn], drawn + 1), drawn))
            drawn += 1
        _key, index = heapq.heappop(waiting)
        finished = at + timedelta(seconds=round(minutes[index] * 60))
        served[index] = Served(at, finished, counter)
        last = at
        heapq.heappush(free, (finished, counter))
    return [served[i] for i in range(len(issued))]
