"""The call order of desk.domain.walkin as SQL, built from its one table of ranks: the
ordering of a call on SQLite, of the central claim's single statement on PostgreSQL and
of the queue's tickets. Changing ``TICKET_RANKS`` changes all of them."""

from __future__ import annotations

from sqlalchemy import ColumnElement, case, literal
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import InstrumentedAttribute

from desk.domain import walkin
from desk.domain.status import TicketReason
from desk.store.models import Ticket


def ticket_rank() -> ColumnElement[int]:
    """A ticket's rank by its reason (``walkin.TICKET_RANKS``; others rank as "other")."""
    default = walkin.reason_rank(TicketReason.OTHER)
    whens = [
        (Ticket.reason == str(reason), rank)
        for reason, rank in walkin.TICKET_RANKS.items()
        if rank != default
    ]
    return case(*whens, else_=default) if whens else literal(default)


def ticket_order() -> tuple[ColumnElement[int], InstrumentedAttribute[int]]:
    """The ORDER BY of waiting tickets in call order: rank, then number."""
    return (ticket_rank(), Ticket.number)


def ticket_order_sql() -> str:
    """:func:`ticket_order` as PostgreSQL text, for the claim's hand-written statement
    (the ranks and reasons are constants of the domain, rendered as literals)."""
    dialect = postgresql.dialect()
    return ", ".join(
        str(column.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
        for column in ticket_order()
    )
