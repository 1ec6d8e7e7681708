"""One definition per operation kind: what a counter sends, how the central service
checks and applies it, and how the counter withdraws it when it is refused.

A counter records an intention ("book this slot for this citizen", "call this
ticket to my counter") in its outbox, in the same local transaction as its local
effect (the services in desk/services do both). Centrally, the same services run
again with the server's clock and the caller's identity: the server never copies
a row a counter made up. It takes the ids the counter gave the new rows, so both
sides name them alike, and the next pull brings the central version of each row.
"""

from __future__ import annotations

from desk.sync.operations.appointments import Book, Cancel, Step
from desk.sync.operations.base import (
    BadArguments,
    Caller,
    Context,
    Forbidden,
    Operation,
)
from desk.sync.operations.tickets import CallTicket, IssueTicket, StepTicket

OPERATIONS: dict[str, Operation] = {
    op.kind: op for op in (Book(), Step(), Cancel(), IssueTicket(), CallTicket(), StepTicket())
}

__all__ = ["OPERATIONS", "BadArguments", "Caller", "Context", "Forbidden", "Operation"]
