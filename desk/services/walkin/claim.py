"""The central walk-in call on PostgreSQL: claim, call row and audit row in one statement,
exactly once across all counters of an office (SKIP LOCKED)."""

from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select, text

from desk.domain.audit import AuditAction
from desk.domain.errors import UnknownId, WalkInRefused
from desk.domain.status import TicketReason, TicketStatus
from desk.services.database import DeskDatabase
from desk.services.walkin.order import ticket_order_sql
from desk.services.walkin.tickets import TicketInfo, unknown_counter
from desk.store.models import Counter, Office
from desk.store.uow import transaction

#: The central claim in one round trip: the office's local day, the counter, the next
#: waiting ticket in call order (its ORDER BY built from the domain's table of ranks,
#: order.ticket_order_sql) locked with SKIP LOCKED, its update and the call row for the
#: display and the audit row. No row: unknown office; a NULL ticket: none waiting.
_CLAIM = text(
    f"""
    WITH o AS (
        SELECT id, timezone, (CAST(:now AS timestamptz) AT TIME ZONE timezone)::date AS day
        FROM office WHERE id = :office
    ), c AS (
        SELECT counter.id FROM counter JOIN o ON counter.office_id = o.id
        WHERE counter.number = :number
    ), t AS (
        SELECT ticket.id FROM ticket JOIN o ON ticket.office_id = o.id
        WHERE ticket.service_day = o.day AND ticket.status = 'waiting'
          AND EXISTS (SELECT 1 FROM c)
        ORDER BY {ticket_order_sql()}
        LIMIT 1 FOR UPDATE OF ticket SKIP LOCKED
    ), u AS (
        UPDATE ticket SET status = 'called', called_at = :now, counter_id = (SELECT id FROM c)
        FROM t WHERE ticket.id = t.id
        RETURNING ticket.id, ticket.code, ticket.number, ticket.reason, ticket.issued_at
    ), ins AS (
        INSERT INTO call (
            id, office_id, counter_id, ticket_id, display_code, called_at, user_id, offline
        )
        SELECT :call_id, :office, (SELECT id FROM c), u.id, u.code, :now,
               CAST(:user_id AS uuid), false
        FROM u
        RETURNING id
    ), audit AS (
        INSERT INTO audit_entry (
            id, at, user_id, office_id, counter_number, action, entity, entity_id,
            old_value, new_value, detail
        )
        SELECT :audit_id, :now, CAST(:user_id AS uuid), :office, :number, :action, 'ticket',
               u.id::text, 'waiting', 'called', 'Wartenummer ' || u.code
        FROM u
        RETURNING id
    )
    SELECT o.timezone, (SELECT id FROM c) AS counter_id,
           u.id, u.code, u.number, u.reason, u.issued_at, (SELECT count(*) FROM ins)
    FROM o LEFT JOIN u ON true
    """
)


def claim_centrally(
    db: DeskDatabase,
    office_id: str,
    counter_number: int,
    now: datetime,
    user_id: uuid.UUID | None,
) -> TicketInfo:
    """call_next on PostgreSQL: one statement (claim, call row and audit row), so that
    twelve counters pressing at once wait on each other as little as possible (P7)."""
    with transaction(db.engine) as conn:
        row = conn.execute(
            _CLAIM,
            {
                "now": now,
                "office": office_id,
                "number": counter_number,
                "call_id": uuid.uuid4(),
                "audit_id": uuid.uuid4(),
                "user_id": user_id,
                "action": AuditAction.TICKET_CALL.value,
            },
        ).one_or_none()
        if row is None:
            known = ", ".join(conn.scalars(select(Office.id).order_by(Office.id))) or "keine"
            raise UnknownId.of("unknown_office", office_id=office_id, known=known)
        timezone, counter_id, ticket_id, code, number, reason, issued_at, _calls = row
        if counter_id is None:
            numbers = conn.scalars(
                select(Counter.number)
                .where(Counter.office_id == office_id)
                .order_by(Counter.number)
            )
            raise unknown_counter(list(numbers), office_id, counter_number)
        if ticket_id is None:
            raise WalkInRefused.of("none_waiting", office_id=office_id)
    tz = ZoneInfo(timezone)
    return TicketInfo(
        ticket_id,
        office_id,
        code,
        number,
        TicketReason(reason),
        TicketStatus.CALLED,
        issued_at.astimezone(tz),
        counter_number=counter_number,
        called_at=now.astimezone(tz),
    )
