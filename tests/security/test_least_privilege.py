"""The central service runs as a PostgreSQL role that owns nothing (issue 16, "Least
privilege"): with the rights ``buergerdesk db grant`` gives it, PostgreSQL itself
refuses every change of the audit log but adding to it, and every change of the
schema or its triggers; the real service still does a clerk's everyday work with it.

One migrated central database and one login role for the module (trust auth on
127.0.0.1); the role is dropped at the end.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import time, timedelta

import httpx
import psycopg
import pytest
from psycopg import errors, sql
from sqlalchemy import func, select, update
from sqlalchemy.engine import make_url

from desk.cli.main import main
from desk.domain.audit import AuditAction
from desk.domain.status import Channel
from desk.server.housekeeping import nightly
from desk.services.admin.retention import PLACEHOLDER
from desk.services.appointments.booking import book, suggestions
from desk.services.audit_log import record
from desk.services.database import open_database
from desk.store import grants
from desk.store.models import AppliedOp, Appointment, AuditEntry, Call, Office, TicketLease
from desk.store.uow import UnitOfWork
from desk.sync.engine import SyncEngine
from tests.conftest import libpq_conninfo
from tests.service_fixtures import Service
from tests.sync.conftest import NOW, SERVICE, Central, count, get, slot

OFFICE = "bb-recht"
UNTOUCHABLE = "permission denied"
NOT_OWNER = "must be owner"


@dataclass(frozen=True)
class Role:
    """A login role that owns nothing, and URLs of the central database as it."""

    name: str
    url: str

    @property
    def conninfo(self) -> str:
        return libpq_conninfo(self.url)


@pytest.fixture(scope="module")
def central(central_factory: Callable[..., Central]) -> Central:
    """One office with two counters and a walk-in hour 8–12, an audit row to attack."""
    made = central_factory({OFFICE: 2})
    with UnitOfWork(made.db.engine) as uow:
        hour = {"walk_in_quota": 20, "walk_in_from": time(8), "walk_in_until": time(12)}
        uow.session.execute(update(Office).values(**hour))
        uow.commit()
    return made


@pytest.fixture(scope="module")
def role(central: Central) -> Iterator[Role]:
    """``bd_service_…`` with LOGIN and nothing else, granted by the command."""
    name = f"bd_service_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(central.conninfo, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(name)))
    assert main(["db", "grant", "--url", central.url, "--role", name]) == 0
    yield Role(name, make_url(central.url).set(username=name, password=None).render_as_string())
    with psycopg.connect(central.conninfo, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


@pytest.fixture(scope="module")
def audit_row(central: Central) -> uuid.UUID:
    """One audit entry, written as the owner (as the admin's tools do)."""
    with UnitOfWork(central.db.engine) as uow:
        entry = record(
            uow.session,
            AuditAction.CLOSURE,
            at=NOW,
            entity="closure",
            entity_id=uuid.uuid4(),
            office_id=OFFICE,
            detail="Angriffsziel",
        )
        assert entry is not None
        uow.commit()
        return entry.id


def refused_as(role: Role, statement: str, expected: str) -> str:
    """Run ``statement`` as the role; PostgreSQL's refusal (asserted) as text."""
    with (
        psycopg.connect(role.conninfo) as conn,
        pytest.raises(errors.InsufficientPrivilege) as refusal,
    ):
        conn.execute(statement)  # type: ignore[arg-type]
    message = str(refusal.value)
    assert expected in message, message
    return message


# ------------------------------------------------------------------ the attacks


def test_update_of_an_audit_row_is_refused(role: Role, audit_row: uuid.UUID) -> None:
    statement = f"UPDATE audit_entry SET detail = 'nie geschehen' WHERE id = '{audit_row}'"
    refused_as(role, statement, f"{UNTOUCHABLE} for table audit_entry")


def test_delete_of_an_audit_row_is_refused(role: Role, audit_row: uuid.UUID) -> None:
    statement = f"DELETE FROM audit_entry WHERE id = '{audit_row}'"
    refused_as(role, statement, f"{UNTOUCHABLE} for table audit_entry")


def test_truncate_of_the_audit_log_is_refused(role: Role, audit_row: uuid.UUID) -> None:
    refused_as(role, "TRUNCATE audit_entry", f"{UNTOUCHABLE} for table audit_entry")


def test_disable_trigger_of_the_audit_log_is_refused(role: Role, audit_row: uuid.UUID) -> None:
    statement = "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only"
    refused_as(role, statement, f"{NOT_OWNER} of table audit_entry")


def test_alter_table_is_refused(role: Role) -> None:
    statement = "ALTER TABLE appointment ADD COLUMN hintertuer text"
    refused_as(role, statement, f"{NOT_OWNER} of table appointment")


def test_drop_table_is_refused(role: Role) -> None:
    refused_as(role, "DROP TABLE appointment CASCADE", f"{NOT_OWNER} of table appointment")


def test_create_table_is_refused(role: Role) -> None:
    refused_as(role, "CREATE TABLE hintertuer (x text)", f"{UNTOUCHABLE} for schema public")


def test_the_audit_log_survives_every_attack(
    central: Central, role: Role, audit_row: uuid.UUID
) -> None:
    found = get(central.db, AuditEntry, audit_row)
    assert isinstance(found, AuditEntry) and found.detail == "Angriffsziel"


# ------------------------------------------------------------------ the command


def test_every_table_of_the_schema_is_granted_or_excluded_on_purpose(central: Central) -> None:
    with psycopg.connect(central.conninfo) as conn:
        relations = {
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            )
        }
    decided = set(grants.plan()) | grants.EXCLUDED
    assert relations - decided == set(), "grant or exclude these in desk/store/grants.py"
    assert decided - relations == set(), "desk/store/grants.py names what does not exist"


def test_a_widened_grant_is_narrowed_again_and_a_second_run_changes_nothing(
    central: Central, role: Role, audit_row: uuid.UUID, capsys: pytest.CaptureFixture[str]
) -> None:
    with psycopg.connect(central.conninfo, autocommit=True) as conn:
        conn.execute(
            sql.SQL("GRANT ALL ON audit_entry, outbox TO {}").format(sql.Identifier(role.name))
        )
    capsys.readouterr()
    assert main(["db", "grant", "--url", central.url, "--role", role.name]) == 0
    first = capsys.readouterr().out
    assert main(["db", "grant", "--url", central.url, "--role", role.name]) == 0
    assert capsys.readouterr().out == first and role.name in first
    refused_as(role, "DELETE FROM audit_entry", f"{UNTOUCHABLE} for table audit_entry")
    refused_as(role, "SELECT * FROM outbox", f"{UNTOUCHABLE} for table outbox")


@pytest.mark.parametrize(
    ("who", "reason"),
    [
        (None, "Superuser oder hat die Rechte des Eigentümers"),
        ("bd_gibt_es_nicht", "gibt es nicht"),
    ],
    ids=["the-owner-itself", "an-unknown-role"],
)
def test_grant_refuses_a_role_that_is_no_service_role(
    central: Central, who: str | None, reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    name = who or str(make_url(central.url).username)
    assert main(["db", "grant", "--url", central.url, "--role", name]) == 2
    err = capsys.readouterr().err
    assert reason in err and len(err.strip().splitlines()) == 1, err


# ------------------------------------------------------------------ the service as the role


def at_now(http: httpx.Client) -> httpx.Client:
    """A client that asks the training service for NOW."""
    http.headers["X-Buergerdesk-Now"] = NOW.isoformat()
    return http


@pytest.fixture(scope="module")
def service(central: Central, role: Role, service_factory: Callable[..., Service]) -> Service:
    """The one service process of this module, connected as the role."""
    made = service_factory(Central(role.url, central.db, central.counters))
    made.user("leitung", None, "team_lead")
    made.user("recht1", OFFICE)
    return made


def test_the_service_as_the_role_does_a_clerks_day_and_its_night(
    central: Central,
    role: Role,
    service: Service,
    remote_replica: Callable[..., SyncEngine],
) -> None:
    counter = service.sign_in(service.enroll(OFFICE, counter=1), "recht1")
    replica = remote_replica(service, counter)  # first copy, ticket number blocks
    start = slot(NOW.date() + timedelta(days=1), 9)
    booked = book(replica.local, OFFICE, SERVICE, start, "Erika Muster", NOW, channel=Channel.PHONE)
    replica.sync_once(NOW)  # the booking goes up through /v1/ops
    with at_now(service.http(counter)) as http:
        issued = http.post("/v1/walkin/tickets", json={"reason": "sonstiges"})
        called = http.post("/v1/walkin/call-next", json={"counter": 1})
    portal = service.enroll(OFFICE, "portal")
    offered = suggestions(central.db, OFFICE, SERVICE, NOW, days=14, limit=1)[0].start
    with at_now(service.http(portal)) as http:
        online = http.post(
            "/v1/portal/bookings",
            json={"service": SERVICE, "start": offered.isoformat(), "name": "Otto Online"},
        )

    assert get(central.db, Appointment, booked.id) is not None
    assert count(central.db, AppliedOp) >= 1
    assert issued.status_code == 200 and called.status_code == 200, (issued.text, called.text)
    assert online.status_code == 200, online.text
    assert count(central.db, Call) == 1
    assert count(central.db, AuditEntry, AuditEntry.action == AuditAction.TICKET_CALL) == 1

    # the night, as the service's role: retention and every pruning job
    with psycopg.connect(central.conninfo, autocommit=True) as conn:  # 20 days pass
        conn.execute("UPDATE change_log SET at = at - interval '20 days'")
    as_role = open_database(role.url)
    try:
        night = nightly(as_role, retention_days=30, now=NOW + timedelta(days=60))
    finally:
        as_role.dispose()
    assert night.retention is not None and night.pruned is not None, service.log.read_text()
    assert night.retention.appointments >= 2
    assert night.pruned.ticket_leases >= 1 and night.pruned.change_log >= 1
    assert count(central.db, TicketLease) == 0
    with UnitOfWork(central.db.engine) as uow:
        names = set(uow.session.scalars(select(Appointment.citizen_name)))
        assert names == {PLACEHOLDER}
        assert uow.session.scalar(select(func.count()).select_from(AuditEntry)) >= 3

    replica.sync_once(NOW + timedelta(days=60))  # behind the pruned log: reads all again
    assert get(replica.local, Appointment, booked.id) is not None
