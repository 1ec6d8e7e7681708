"""A conflict keeps why it was refused by code and params (JSON values), beside the German
reason as before, so the counter can word it in its UI's language; a refusal of the sync
itself (an unknown operation, a bad argument, another office's device) has a code too."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from desk.domain.refusals import german
from desk.domain.status import Channel
from desk.store.models import SyncConflict
from desk.store.uow import UnitOfWork
from desk.sync.central import REJECTED, PendingOp, apply_op
from desk.sync.operations import Caller
from tests.sync.conftest import NOW, Central, Replica, book_at, slot

OFFICE = "bb-codes"
DAY = NOW.date() + timedelta(days=1)


@pytest.fixture(scope="module")
def central(central_factory: Callable[..., Central]) -> Central:
    return central_factory({OFFICE: 1})


def stored_reasons(replica: Replica) -> list[dict[str, object]]:
    with UnitOfWork(replica.db.engine) as uow:
        return [json.loads(r) for r in uow.session.scalars(select(SyncConflict.reason))]


def test_a_lost_offline_booking_keeps_the_refusals_code_and_params(
    central: Central, replica_factory: Callable[..., Replica]
):
    replica = replica_factory(central)
    start = slot(DAY, 9)
    book_at(replica.db, OFFICE, start, "Offline Bürgerin")
    book_at(central.db, OFFICE, start, "Portal Bürger", Channel.PORTAL)

    assert replica.engine.sync_once(NOW).rejected == 1

    (reason,) = stored_reasons(replica)
    assert reason["code"] == "slot_taken"
    params = reason["params"]
    assert isinstance(params, dict)
    assert datetime.fromisoformat(str(params["when"])) == start
    assert german("slot_taken", params) == reason["reason"]  # the same words as before
    assert "bereits vergeben" in str(reason["reason"]) and reason["alternatives"]


def op(kind: str, args: dict[str, object]) -> PendingOp:
    return PendingOp(uuid.uuid4(), kind, args)


def test_the_syncs_own_refusals_have_codes(central: Central):
    unknown = apply_op(central.db, op("zaubern", {}), NOW, Caller(office_id=None))
    assert (unknown.outcome, unknown.detail) == (
        REJECTED,
        {
            "reason": "Unbekannte Operation 'zaubern'",
            "code": "op_unknown",
            "params": {"kind": "zaubern"},
        },
    )
    bad = apply_op(central.db, op("book", {"office_id": 7}), NOW, Caller(office_id=None))
    assert bad.detail["code"] == "op_bad_value"
    assert bad.detail["reason"] == "Ungültige Angabe 'office_id' in der Operation"
    ghost = {"ticket_id": str(uuid.uuid4())}
    call = apply_op(central.db, op("call", ghost), NOW, Caller(office_id=None))
    assert (call.detail["code"], call.detail["params"]) == ("op_ticket_not_issued", {})
    assert call.detail["reason"] == "Aufruf einer zentral nicht ausgegebenen Wartenummer"
    step = apply_op(central.db, op("step", {"appointment_id": ghost["ticket_id"]}), NOW,
                    Caller(office_id=None))  # fmt: skip
    assert step.detail["code"] == "op_unknown_appointment"
    other = Caller(office_id="bb-elsewhere")
    args = {"office_id": OFFICE, "channel": "counter"}
    forbidden = apply_op(central.db, op("book", args), NOW, other)
    assert forbidden.detail == {
        "reason": "Dieses Gerät gehört zu einem anderen Standort",
        "code": "op_other_office",
        "params": {},
        "forbidden": True,
    }
