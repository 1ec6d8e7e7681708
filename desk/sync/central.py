"""The central side of an upload: check and apply a counter's operations exactly once.

Each operation runs in its own central transaction: the caller's scope and user are
checked, the operation's definition (desk/sync/operations/) runs the desk services
with the server's clock, and the ``applied_op`` row is written in the same
transaction. A retried operation (after a lost acknowledgement) finds that row and
gets the first answer back, changing nothing. A refusal carries the reason and the
central state of the rows the operation touched, so the counter can show it.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from desk.domain.errors import DeskError, RequestRefused
from desk.services.database import DeskDatabase
from desk.store.models import AppliedOp, User, UserSession
from desk.sync.codec import encode_row
from desk.sync.operations import OPERATIONS, Caller, Context, Forbidden, Operation

log = logging.getLogger(__name__)

APPLIED = "applied"
REJECTED = "rejected"


@dataclass(frozen=True)
class PendingOp:
    """One operation as a counter sends it."""

    op_id: uuid.UUID
    kind: str
    args: dict[str, Any]
    made_at: datetime | None = None  # the counter's time of it ("done offline at")


@dataclass(frozen=True)
class OpResult:
    """What the central side answered for one operation; ``rows``: the central state
    (JSON rows by table) of what a refused operation touched."""

    op_id: uuid.UUID
    outcome: str
    detail: dict[str, Any]
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def apply_op(central: DeskDatabase, op: PendingOp, now: datetime, caller: Caller) -> OpResult:
    """Apply one operation in a central transaction of its own (idempotent by op id)."""
    return apply_batch(central, [op], [now], caller)[0]


def apply_batch(
    central: DeskDatabase, ops: list[PendingOp], stamps: list[datetime], caller: Caller
) -> list[OpResult]:
    """Apply operations in order in one central transaction, each in a savepoint of its
    own with its ``applied_op`` row: the batch commits at once (or not at all), a refused
    operation takes back only its own effect."""
    with central.pool.connect() as conn, conn.begin():
        db = central.bound(conn)
        return [_apply_in(conn, db, op, now, caller) for op, now in zip(ops, stamps, strict=True)]


def _apply_in(
    conn: Connection, db: DeskDatabase, op: PendingOp, now: datetime, caller: Caller
) -> OpResult:
    session = Session(conn, join_transaction_mode="create_savepoint")
    try:
        done = session.get(AppliedOp, op.op_id)
        if done is not None:  # a retry after a lost acknowledgement: the first answer
            if not caller.in_process and done.device_id != caller.device_id:
                other = Forbidden.of("op_other_device")
                return OpResult(op.op_id, REJECTED, {**conflict_detail(other), "forbidden": True})
            return _answer(session, op, done.outcome, json.loads(done.result), caller)
        definition = OPERATIONS.get(op.kind)
        outcome = APPLIED
        try:
            if definition is None:
                raise RequestRefused.of("op_unknown", kind=op.kind)
            detail = _run(session, db, definition, op, now, caller)
        except Forbidden as refused:
            outcome, detail = REJECTED, {**conflict_detail(refused), "forbidden": True}
        except RequestRefused as refused:
            outcome, detail = REJECTED, conflict_detail(refused)
        except (IntegrityError, DataError) as err:  # never jam the queue
            log.info("operation %s (%s) refused by the database: %s", op.op_id, op.kind, err)
            outcome = REJECTED
            detail = conflict_detail(RequestRefused.of("op_against_central"))
        if outcome == REJECTED and op.kind == "book" and not detail.get("forbidden"):
            detail["alternatives"] = _alternatives(session, op.args, now)
        session.add(
            AppliedOp(
                op_id=op.op_id,
                kind=op.kind[:40],
                outcome=outcome,
                result=json.dumps(detail, ensure_ascii=False),
                applied_at=now,
                device_id=caller.device_id,
                client_at=op.made_at,
            )
        )
        try:
            session.flush()
        except IntegrityError:  # the same op applied meanwhile by another request
            session.rollback()
            first = session.get(AppliedOp, op.op_id)
            if first is None:
                raise
            return _answer(session, op, first.outcome, json.loads(first.result), caller)
        answer = _answer(session, op, outcome, detail, caller)
        session.commit()  # releases its savepoint; the batch's transaction commits
        return answer
    finally:
        session.close()


def conflict_detail(refused: DeskError) -> dict[str, Any]:
    """A refusal as the answer (and the counter's conflict) keeps it: the German reason,
    and its code and params (plain JSON values) when it has a code."""
    detail: dict[str, Any] = {"reason": str(refused)}
    if refused.code is not None:
        detail |= {"code": refused.code, "params": refused.params}
    return detail


def _run(
    session: Session,
    db: DeskDatabase,
    definition: Operation,
    op: PendingOp,
    now: datetime,
    caller: Caller,
) -> dict[str, Any]:
    if caller.kind not in definition.devices:
        raise Forbidden.of("op_device_kind", kind=repr(caller.kind), op=op.kind)
    caller.check_office(definition.office_of(session, op.args))
    user_id = acting_user(session, caller, op.args)
    return definition.apply(Context(db, now, caller, user_id), op.args)


def acting_user(session: Session, caller: Caller, args: dict[str, Any]) -> uuid.UUID | None:
    """The user an operation is stamped with. The signed-in session's user; or, for an
    action a counter took offline, the user it names, if that user belongs to the
    device's office and has signed in on this very device through the service before
    (the counter holds an offline verifier only for such users)."""
    named = args.get("user_id")
    if named is None:
        return caller.user_id
    try:
        user_id = uuid.UUID(str(named))
    except ValueError:
        raise Forbidden.of("op_bad_user") from None
    if caller.in_process or user_id == caller.user_id:
        return user_id
    user = session.get(User, user_id)
    signed_in_here = session.scalar(
        select(UserSession.id)
        .where(UserSession.user_id == user_id, UserSession.device_id == caller.device_id)
        .limit(1)
    )
    if (
        user is None
        or not user.active
        or user.office_id not in (None, caller.office_id)
        or signed_in_here is None
    ):
        raise Forbidden.of("op_user_not_here")
    return user_id


def _answer(
    session: Session, op: PendingOp, outcome: str, detail: dict[str, Any], caller: Caller
) -> OpResult:
    """The answer to send, with the central rows a refusal touched (never another
    office's, never for a forbidden operation)."""
    rows: dict[str, list[dict[str, Any]]] = {}
    definition = OPERATIONS.get(op.kind)
    if outcome == REJECTED and definition is not None and not detail.get("forbidden"):
        try:  # the rows named by these arguments, if they are of the caller's office
            caller.check_office(definition.office_of(session, op.args))
            found = definition.central_rows(session, op.args)
        except RequestRefused:
            found = {}
        for name, table_rows in found.items():
            rows[name] = [
                encode_row(r)
                for r in table_rows
                if caller.office_id is None
                or r.get("office_id", caller.office_id) == caller.office_id
            ]
    return OpResult(op.op_id, outcome, detail, rows)


def _alternatives(session: Session, args: dict[str, Any], now: datetime) -> list[str]:
    """Other free starts for a refused booking (the clerk offers them to the citizen)."""
    from desk.services.appointments.booking import suggestions_in
    from desk.services.schedule import load_office, load_schedule
    from desk.sync.codec import encode_value

    try:
        schedule = load_schedule(session, load_office(session, str(args.get("office_id"))))
    except RequestRefused:
        return []
    service = str(args.get("service_id"))
    if service not in schedule.services:
        return []
    free = suggestions_in(session, schedule, service, now)
    return [encode_value(start) for start in sorted({o.start for o in free})[:5]]
