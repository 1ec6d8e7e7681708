"""The clerk's list of sync conflicts (Abgleich und Konflikte): the open ones oldest first
with what was refused and why; one marked resolved leaves the list (and the count) once."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

from desk.services.database import open_database, upgrade_database
from desk.store.models import SyncConflict
from desk.store.uow import UnitOfWork
from desk.sync.conflicts import open_conflicts, resolve_conflict

AT = datetime(2024, 3, 20, 9, 30, tzinfo=UTC)


def test_open_conflicts_oldest_first_and_resolved_once(sqlite_url: str) -> None:
    upgrade_database(sqlite_url)
    db = open_database(sqlite_url)
    try:
        with UnitOfWork(db.engine) as uow:
            for minutes, name in ((5, "Später"), (0, "Früher")):
                uow.session.add(
                    SyncConflict(
                        op_id=uuid.uuid4(), kind="book", office_id="bb-mitte",
                        entity_id=uuid.uuid4(), payload=json.dumps({"name": name}),
                        reason=json.dumps({"code": "slot_taken", "params": {}}),
                        created_at=AT + timedelta(minutes=minutes),
                    )
                )  # fmt: skip
            uow.commit()
        listed = open_conflicts(db)
        assert [c.args["name"] for c in listed] == ["Früher", "Später"]
        assert listed[0].kind == "book" and listed[0].detail["code"] == "slot_taken"

        assert resolve_conflict(db, listed[0].id, AT + timedelta(hours=1))
        assert not resolve_conflict(db, listed[0].id, AT + timedelta(hours=2))  # once
        assert [c.args["name"] for c in open_conflicts(db)] == ["Später"]
    finally:
        db.dispose()
