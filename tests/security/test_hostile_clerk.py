"""A hostile clerk's session, scripted: with everything a bb-nord counter PC holds (its
local database, its device credential, a shell), try every attack of the central
service issue and of the hardening issue in one go, and list each attack with the
refusal it met (``pytest -s`` prints the list). Each attack also has a test of its
own, named after it, in tests/security/ and tests/service/; this is the one place
that shows them side by side, against one real production service (server clock).
"""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, text

from desk.domain.localtime import BERLIN
from desk.domain.status import Channel
from desk.services.admin.devices import revoke_device
from desk.services.appointments.booking import book, new_code, suggestions
from desk.store.models import Appointment, AuditEntry, Office, User
from desk.store.uow import UnitOfWork
from desk.sync.engine import SyncEngine
from tests.service_fixtures import Device, Service
from tests.sync.conftest import SERVICE, Central

SCRIPT = Path(sys.executable).with_name("buergerdesk")
CITIZEN = "Mitte Geheimbürgerin"
FUTURE = "2030-01-01T09:00"


@pytest.fixture(scope="module")
def service(central_factory: Callable[..., Central], service_factory: Callable[..., Service]):
    """A production service (its clock rules) over bb-nord and bb-mitte."""
    made = service_factory(central_factory({"bb-nord": 2, "bb-mitte": 1}), training=False)
    made.user("leitung", None, "team_lead")
    made.user("nord1", "bb-nord")
    made.user("nord2", "bb-nord")
    return made


class Attempts:
    """The attacks tried and the refusal each met."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str]] = []

    def refused(self, attack: str, refusal: str) -> None:
        self.rows.append((attack, refusal))

    def table(self) -> str:
        width = max(len(a) for a, _ in self.rows)
        return "\n".join(f"{a:<{width}}  →  {r}" for a, r in self.rows)


def _free_start(db: Any, office: str) -> datetime:
    now = datetime.now(BERLIN)
    for offer in suggestions(db, office, SERVICE, now, limit=0):
        if offer.start > now + timedelta(minutes=10):
            return offer.start
    raise AssertionError("no free start in the coming two weeks")


def _detail(response: httpx.Response) -> str:
    try:
        return f"{response.status_code} {response.json().get('detail')}"
    except ValueError:
        return str(response.status_code)


def _op(kind: str, **args: Any) -> dict[str, Any]:
    return {"op_id": str(uuid.uuid4()), "kind": kind, "args": args,
            "made_at": datetime.now(UTC).isoformat()}  # fmt: skip


def _cli(*args: str, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=env,
                          input=stdin, timeout=60)  # fmt: skip


def test_a_hostile_clerk_tries_every_attack_from_a_counter_pc_and_each_is_refused(
    service: Service,
    remote_replica: Callable[..., SyncEngine],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    seen = Attempts()
    db = service.db
    book(db, "bb-mitte", SERVICE, _free_start(db, "bb-mitte"), CITIZEN, datetime.now(BERLIN),
         channel=Channel.PHONE, phone="0391-4711")  # fmt: skip
    pc = service.sign_in(service.enroll("bb-nord", counter=1), "nord1")
    replica = remote_replica(service, pc)
    local = replica.local
    files = [Path(str(local.engine.url.database))]
    blob = b"".join(p.read_bytes() for f in files for p in f.parent.glob(f.name + "*"))

    # 1. the PC's files
    with UnitOfWork(local.engine) as uow:
        hashes = set(uow.session.scalars(select(User.password_hash)))
    assert hashes == {"!"}
    seen.refused("read colleagues' password hashes from the local database", "only '!' kept")
    assert CITIZEN.encode() not in blob and "Geheimbürgerin".encode() not in blob
    seen.refused("read another office's citizens from the local files", "not there")
    assert b"postgresql" not in blob and b"password=" not in blob
    seen.refused("find a database credential on the PC", "none: only a device token")

    # 2. the local database edited by hand: role raised, quota forged
    with UnitOfWork(local.engine, write=True) as uow:
        uow.session.execute(text("UPDATE app_user SET role = 'team_lead'"))
        uow.session.execute(text("UPDATE office SET walk_in_quota = 100000"))
        uow.commit()
    with service.http(pc) as http:
        plan = http.post(
            "/v1/team/release_same_day_slots", json={"counter_numbers": [1], "starts": None}
        )
        bare = http.post("/v1/team/release_same_day_slots", json={})
    assert plan.status_code == 403, plan.text
    seen.refused("raise own role locally, then use a team tool", _detail(plan))
    assert bare.status_code in (400, 409, 422), bare.text  # was a 500
    seen.refused("call a team tool without its arguments", _detail(bare))
    audits = _count(db, AuditEntry)
    with service.http(pc) as http:
        forged = http.post("/v1/ops", json={"ops": [
            _op("walk_in_quota", office_id="bb-nord", quota=100000),
            _op("audit", action="capacity.walk_in_quota", detail="by teamleitung"),
        ]})  # fmt: skip
    outcomes = {r["outcome"] for r in forged.json().get("results", [])} or {forged.status_code}
    assert forged.status_code in (200, 422) and "applied" not in outcomes, forged.text
    quota = _scalar(db, select(Office.walk_in_quota).where(Office.id == "bb-nord"))
    assert quota != 100000 and _count(db, AuditEntry) == audits
    reasons = "; ".join(str(r["detail"].get("reason")) for r in forged.json()["results"])
    seen.refused("send a forged quota change and audit row as operations", reasons)

    # 3. the device credential used for what it is not
    with service.http(pc) as http:
        portal = http.post("/v1/portal/bookings", json={
            "office_id": "bb-mitte", "service_id": SERVICE, "name": "X",
            "start": _free_start(db, "bb-mitte").isoformat()})  # fmt: skip
        display = http.get("/v1/display")
        other = http.post("/v1/ops", json={"ops": [_op(
            "issue", office_id="bb-mitte", reason="sonstiges")]})  # fmt: skip
    assert portal.status_code in (403, 422) and display.status_code == 403
    seen.refused("book as the online portal with the counter's token", _detail(portal))
    seen.refused("read the call display's feed with the counter's token", _detail(display))
    assert [r["outcome"] for r in other.json()["results"]] != ["applied"], other.text
    seen.refused("issue a ticket in another office", str(other.json()["results"][0]["detail"]))

    # 4. the clock
    booked = uuid.uuid4()
    with service.http(pc) as http:
        http.headers["X-Buergerdesk-Now"] = FUTURE
        made = http.post("/v1/ops", json={"ops": [_op(
            "book", id=str(booked), code=new_code(), office_id="bb-nord", service_id=SERVICE,
            start=_free_start(db, "bb-nord").isoformat(), counter_number=1, channel="counter",
            name="Uhr Bürger", phone=None, email=None, notes=None, move_in=None,
            event_id=str(uuid.uuid4()))]})  # fmt: skip
    assert [r["outcome"] for r in made.json()["results"]] == ["applied"], made.text
    created = _scalar(db, select(Appointment.created_at).where(Appointment.id == booked))
    assert abs(created - datetime.now(UTC)) < timedelta(minutes=1), created
    seen.refused("claim the year 2030 to stamp a booking", f"stamped {created:%Y-%m-%d} (server)")

    # 5. passwords
    anonymous = Device(pc.id, pc.token, pc.office_id, pc.kind, pc.counter)  # no session
    with service.http(anonymous) as http:
        answers = [
            http.post("/v1/sessions", json={"username": "nord2", "password": f"geraten-{i}"})
            for i in range(4)
        ]
    assert [a.status_code for a in answers] == [401] * 4
    assert "warten" in answers[-1].json()["detail"]
    seen.refused("guess a colleague's password", answers[-1].json()["detail"])

    # 6. the command line, pointed at the central database or the service
    env = {"PATH": "/usr/bin:/bin", "BUERGERDESK_DATA_DIR": str(tmp_path / "data")}
    straight = _cli("sync", "--url", str(local.engine.url), "--central", service.central.url,
                    "--once", env=env)  # fmt: skip
    assert straight.returncode == 2 and len(straight.stderr.strip().splitlines()) == 1
    seen.refused("sync straight to PostgreSQL", straight.stderr.strip())
    lead = _cli("user", "add", "--url", service.url, "--username", "chef", "--display-name",
                "Chef", "--role", "team_lead", "--stdin", env=env,
                stdin="Ein-sehr-langes-Passwort\n")  # fmt: skip
    assert lead.returncode == 2 and "Traceback" not in lead.stderr
    assert _scalar(db, select(func.count()).select_from(User).where(User.username == "chef")) == 0
    seen.refused("make oneself team lead with `user add` at the service", lead.stderr.strip())

    # 7. a revoked PC
    revoke_device(db, pc.id, datetime.now(UTC))
    with service.http(pc) as http:
        after = http.get("/v1/changes")
    assert after.status_code == 401
    seen.refused("keep working with a revoked device credential", _detail(after))

    with capsys.disabled():
        print("\nhostile clerk, every attack and its refusal:\n" + seen.table())
    assert len(seen.rows) == 14, json.dumps(seen.rows, ensure_ascii=False)


def _count(db: Any, model: type) -> int:
    return int(_scalar(db, select(func.count()).select_from(model)) or 0)


def _scalar(db: Any, query: Any) -> Any:
    with UnitOfWork(db.engine) as uow:
        return uow.session.scalar(query)
