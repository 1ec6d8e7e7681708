"""Kontingentsprechstunde: when walk-in tickets may be issued, the quota, the call order
(of tickets and of the checked-in appointments among them).

Bürgerbüros take walk-ins Monday to Friday 8:00–9:00 local time (a ticket can
be issued up to 8:59:59), not on public holidays or closures, until the day's
quota is used up. Walk-in-only offices issue tickets during all opening hours.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from desk.domain.refusals import Reason
from desk.domain.status import OfficeKind, TicketReason

REASON_LABELS_DE: dict[str, str] = {
    TicketReason.LOST_OR_STOLEN: "Verlust/Diebstahl",
    TicketReason.URGENT_DOCUMENT: "dringendes Dokument",
    TicketReason.REGISTRATION: "Anmeldung",
    TicketReason.OTHER: "Sonstiges",
}


#: What F9 does while someone is at the counter (an office setting): ask what becomes
#: of them, or refuse until they are finished or parked.
ASK, REFUSE = "ask", "refuse"
IF_SOMEONE_CURRENT = (ASK, REFUSE)


@dataclass(frozen=True)
class WalkInRules:
    """An office's walk-in settings; ``hours`` are the day's opening intervals."""

    kind: OfficeKind
    walk_in_from: time | None = time(8)
    walk_in_until: time | None = time(9)
    quota: int | None = None
    hours: Sequence[tuple[time, time]] = ()
    if_someone_current: str = "ask"  # F9 with someone at the counter (IF_SOMEONE_CURRENT)


def ticket_code(prefix: str, number: int) -> str:
    """The displayed number: W-001, W-017, W-120."""
    return f"{prefix}-{number:03d}"


def no_ticket_reason(
    rules: WalkInRules, now: datetime, closed: Reason | str | None, issued_today: int
) -> Reason | None:
    """Why no ticket can be issued at local ``now``, by code (None: a ticket may be
    issued); ``closed``: why the office is closed today (slots.office_closed)."""
    if rules.kind == OfficeKind.APPOINTMENT_ONLY:
        return Reason.of("walk_in_not_offered")
    if closed is not None:
        return Reason.of("walk_in_closed", closed=closed)
    clock = now.timetz().replace(tzinfo=None)
    if rules.kind == OfficeKind.WALK_IN_ONLY:
        if not any(opens <= clock < closes for opens, closes in rules.hours):
            return Reason.of("walk_in_outside_hours")
    else:
        start, end = rules.walk_in_from, rules.walk_in_until
        if now.weekday() >= 5 or start is None or end is None:
            return Reason.of("walk_in_weekdays_only")
        if not start <= clock < end:
            return Reason.of("walk_in_hours", start=start, end=end)
    if rules.quota is not None and issued_today >= rules.quota:
        return Reason.of("walk_in_quota_used_up", quota=rules.quota)
    return None


def refusal(
    rules: WalkInRules, now: datetime, closed_reason: str | None, issued_today: int
) -> str | None:
    """:func:`no_ticket_reason` in German (None: a ticket may be issued)."""
    why = no_ticket_reason(rules, now, closed_reason, issued_today)
    return None if why is None else str(why)


# --- the call order -----------------------------------------------------------

#: The call order, one table for every place that orders or calls: the queue panel and
#: the display, a call on SQLite and the central claim on PostgreSQL (their SQL comes
#: from it, desk.services.walkin.order). A lower rank is called first; tickets of one
#: rank by number, appointments of one rank by start. A ticket ranks by its reason:
TICKET_RANKS: Mapping[str, int] = {
    TicketReason.LOST_OR_STOLEN: 0,
    TicketReason.URGENT_DOCUMENT: 2,
    TicketReason.REGISTRATION: 2,
    TicketReason.OTHER: 2,
}
#: A checked-in appointment that is due: after lost or stolen papers, before the rest.
DUE_APPOINTMENT_RANK = 1
#: A checked-in appointment not yet due: after every ticket.
LATER_APPOINTMENT_RANK = 3
#: An appointment is due this long before its start.
DUE_AHEAD = timedelta(minutes=5)


def reason_rank(reason: str) -> int:
    """A ticket's rank by its reason (one the table lacks ranks as "other")."""
    return TICKET_RANKS.get(reason, TICKET_RANKS[TicketReason.OTHER])


def call_key(reason: str, number: int) -> tuple[int, int]:
    """Call order of tickets: by the rank of the reason (lost or stolen documents
    first), then by ticket number."""
    return (reason_rank(reason), number)


def appointment_rank(starts_at: datetime, now: datetime) -> int:
    """A checked-in appointment's rank at ``now``: due when it starts at most
    :data:`DUE_AHEAD` later, else after every ticket."""
    return DUE_APPOINTMENT_RANK if starts_at <= now + DUE_AHEAD else LATER_APPOINTMENT_RANK
