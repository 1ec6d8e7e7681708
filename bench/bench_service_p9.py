"""Benchmark P9 through the central service: city scale, 500 counters of 10 offices on one
service by Server-Sent Events. Targets: a booking reaches every counter of its office
(the booking held by the counter: carried in the push event, or pulled after it) with
p95 ≤ 200 ms; the service holds at most 25 pool connections plus one listener.

Run: ``.venv/bin/python bench/bench_service_p9.py``. Uses PostgreSQL on 127.0.0.1:5432
(user postgres), or the admin URL in ``BUERGERDESK_TEST_PG``, or ``--pg-admin``, in a
database of its own, migrated here and dropped at the end.

``buergerdesk serve`` runs as a process with TLS (a CA of our own) on the real clock over
10 offices (5 counters each, open every day 7–19 in 5-minute slots, rolling 14-day
window, all bookable online). 500 counter devices (50 per office) and one portal device
per office are registered and enrolled through the service (``POST /v1/enroll``).

This process simulates the 500 counters with asyncio, each with an ``httpx.AsyncClient``
of its own (one connection for its stream, one for its pulls; a shared client's pool
costs ~3 ms of CPU per request, see support/service.py): a counter listens on
``GET /v1/events``; a ``changes`` event that starts at its cursor is taken as it is
(the service carries an office's changes, read once, to its PCs: as the app's link
does), every other event (``hello`` at connect, ``change``, ``changes`` from another
cursor) wakes its pull loop, which pulls ``GET /v1/changes`` with its cursor (the first
pull without one: the first copy), wake-ups coalescing while a pull runs, as a PC's sync
does; a failed pull is counted and retried 100 ms later. The counters connect office by
office (50 at a time, each caught up before the next office).

Then ``--bookings`` portal bookings (``POST /v1/portal/bookings``), one at a time,
round-robin over the offices, each timed from just before the POST until each of the 50
counters of its office holds the booking (by the citizen's name, known before the POST),
from a carried event or a pull. Reported: p50/p95/max over all
counter deliveries and per booking the last counter, the events that woke counters of
other offices, pulls per counter and booking, the service's CPU per booking.

Measured throughout: the service's resident memory (``VmRSS`` sampled, ``VmHWM`` at the
end, from /proc/PID/status) and its PostgreSQL connections (``pg_stat_activity`` of the
bench database, our own left out), peak and by application name.

Floors in the same run: the service's bare ``GET /health`` round trip, and a bare
sse-starlette app (``floor_app``, uvicorn with TLS in a process of its own) with the same
500 clients in 10 groups: ``POST /publish`` wakes one group, each client then pulls from
a plain ``def`` endpoint without a database; plus a broadcast of an event to all 500
(no pull), as ENVIRONMENT.md measured it.

``--what-if`` (not the service's behaviour, for comparison only): the simulated counters
pull on no wake-up whose payload is ``appointment_event``. Every booking also writes an
appointment_event row, which has no office_id, so its trigger NOTIFYs ``bd_all`` and the
service wakes every stream of every office.

Exits 1 if a counter never got a booking, a booking was refused or a stream failed
(failed pulls are retried, counted and shown).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI, Request
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sse_starlette import EventSourceResponse, ServerSentEvent

from desk.domain.localtime import now_local
from desk.services.database import open_database
from desk.store.models import OfficeService, OpeningTemplate, OpeningTemplateService
from desk.store.uow import UnitOfWork

from support.db import PG_ADMIN_URL, conninfo, scratch_database
from support.office import add_office, rolling_policy
from support.service import (
    CpuShare,
    Device,
    Process,
    Sampler,
    Tls,
    cpu_seconds,
    enroll_many,
    floor_process,
    line,
    load,
    memory_kb,
    pct,
    run_floor_app,
    served,
    tls_files,
    verdict,
)

OFFICES = [f"bb-p9-{n:02d}" for n in range(10)]
PER_OFFICE = 50
SERVICE = "abholung"
TARGET_P95_MS = 200.0
POOL_LIMIT = 25  # 20 + 5 overflow (desk/cli/serve.py), plus one LISTEN connection
REACH_TIMEOUT = 20.0
QUIET = 0.3  # seconds between bookings


# ------------------------------------------------------------------ a simulated counter


@dataclass
class Paths:
    """Where a simulated counter listens and pulls (the service, or the floor app)."""

    events: str
    pull: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(eq=False)
class SimCounter:
    """One counter PC: a stream that wakes a pull loop; remembers when it first pulled
    each citizen's name and when events came."""

    group: str
    http: httpx.AsyncClient
    paths: Paths
    cursor: str | None = None
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    caught_up: asyncio.Event = field(default_factory=asyncio.Event)
    events: list[float] = field(default_factory=list)
    pulled: dict[str, float] = field(default_factory=dict)
    pulls: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    tasks: list[asyncio.Task[None]] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    watching: str | None = None
    pulling: bool = True  # False: events are only counted (the broadcast floor)
    ignore: frozenset[str] = frozenset()  # --what-if: payloads that wake no pull
    last_pull: float = 0.0
    carried: int = 0  # batches taken from the push events

    def start(self) -> None:
        self.tasks = [asyncio.create_task(self.listen()), asyncio.create_task(self.pull_loop())]

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        await self.http.aclose()

    async def listen(self) -> None:
        try:
            async with self.http.stream(
                "GET", self.paths.events, params=self.paths.params
            ) as response:
                if response.status_code != 200:
                    await response.aread()
                    self.errors.append(f"events {response.status_code} {response.text[:80]}")
                    return
                data, name = "", ""
                async for text in response.aiter_lines():
                    if text.startswith("event:"):
                        self.events.append(time.perf_counter())
                        name = text.removeprefix("event:").strip()
                    elif text.startswith("data:"):
                        data = text.removeprefix("data:").strip()
                    elif not text and name:  # a blank line ends the event (pings too)
                        if name == "changes" and self.apply_carried(data):
                            pass  # the event carried the changes from this cursor
                        elif self.pulling and data not in self.ignore:
                            self.wake.set()
                        data, name = "", ""
        except asyncio.CancelledError:
            raise
        except Exception as err:
            self.errors.append(f"stream: {err!r}")

    async def pull_loop(self) -> None:
        while True:
            await self.wake.wait()
            self.wake.clear()
            params = dict(self.paths.params)
            if self.cursor is not None:
                params["cursor"] = self.cursor
            began = time.perf_counter()
            try:
                response = await self.http.get(self.paths.pull, params=params)
                response.raise_for_status()
                data = response.json()
            except asyncio.CancelledError:
                raise
            except Exception as err:
                idle = began - self.last_pull
                self.errors.append(f"pull after {idle:.1f} s without one: {err!r}")
                await asyncio.sleep(0.1)  # a PC's next round would come later; retry soon
                self.wake.set()
                continue
            now = self.last_pull = time.perf_counter()
            self.pulls.append(now - began)
            self.take(data, now)
            self.caught_up.set()

    def apply_carried(self, data: str) -> bool:
        """A ``changes`` event: taken if it starts at this counter's cursor (as the
        app's link does), else the counter pulls."""
        event = json.loads(data)
        if self.cursor is None or event.get("from") != self.cursor:
            return False
        self.carried += 1
        self.take(event["batch"], time.perf_counter())
        return True

    def take(self, batch: dict[str, Any], now: float) -> None:
        """A batch applied: its cursor, and when each citizen's name arrived."""
        self.cursor = str(batch["snapshot"])
        for row in (batch.get("activity") or {}).get("appointment", []):
            name = str(row.get("citizen_name"))
            self.pulled.setdefault(name, now)
            if name == self.watching:
                self.arrived.set()


def sim_client(url: str, tls: Tls, headers: dict[str, str]) -> httpx.AsyncClient:
    """A counter's client: two connections (its stream and its pulls), no read timeout
    on the stream (keep-alives come every 15 s)."""
    limits = httpx.Limits(max_connections=2, max_keepalive_connections=2)
    timeout = httpx.Timeout(60.0, connect=30.0, pool=60.0)
    return httpx.AsyncClient(
        base_url=url, verify=tls.verify, limits=limits, timeout=timeout, headers=headers
    )


async def connect_all(groups: dict[str, list[SimCounter]], timeout: float = 120.0) -> float:
    """Connect group by group, each caught up (first pull back) before the next; seconds."""
    began = time.perf_counter()
    for counters in groups.values():
        for counter in counters:
            counter.start()
        await asyncio.wait_for(
            asyncio.gather(*(c.caught_up.wait() for c in counters)), timeout=timeout
        )
    return time.perf_counter() - began


@dataclass
class Deliveries:
    """Per booking, ms from just before the POST to each counter of the office."""

    event: list[float] = field(default_factory=list)
    visible: list[float] = field(default_factory=list)
    last_visible: list[float] = field(default_factory=list)
    answered: list[float] = field(default_factory=list)
    stray_events: int = 0
    pulls: int = 0
    all_pulls: int = 0
    missed: int = 0
    refused: list[str] = field(default_factory=list)


async def deliver(
    groups: dict[str, list[SimCounter]],
    post: Any,
    bookings: int,
) -> Deliveries:
    """``bookings`` times: ``post(group, name)`` (an awaitable giving (ok, detail)) for
    the next group, then wait until every counter of that group pulled ``name``."""
    got = Deliveries()
    names = list(groups)
    for i in range(bookings):
        group = names[i % len(names)]
        mine = groups[group]
        others = [c for g, cs in groups.items() if g != group for c in cs]
        name = f"Bench Bürgerin P9-{i:03d}"
        events_before = sum(len(c.events) for c in others)
        pulls_before = sum(len(c.pulls) for c in mine)
        all_before = sum(len(c.pulls) for cs in groups.values() for c in cs)
        for counter in mine:
            counter.watching = name
            counter.arrived.clear()
        began = time.perf_counter()
        ok, detail = await post(group, name)
        answered = time.perf_counter()
        if not ok:
            got.refused.append(detail)
            continue
        got.answered.append((answered - began) * 1000)
        with contextlib.suppress(TimeoutError):  # the missing ones are counted below
            await asyncio.wait_for(
                asyncio.gather(*(c.arrived.wait() for c in mine)), timeout=REACH_TIMEOUT
            )
        reached = []
        for counter in mine:
            at = counter.pulled.get(name)
            if at is None:
                got.missed += 1
                continue
            reached.append((at - began) * 1000)
            woken = [e for e in counter.events if e >= began]
            if woken:
                got.event.append((woken[0] - began) * 1000)
        got.visible += reached
        if reached:
            got.last_visible.append(max(reached))
        await asyncio.sleep(QUIET)
        got.stray_events += sum(len(c.events) for c in others) - events_before
        got.pulls += sum(len(c.pulls) for c in mine) - pulls_before
        got.all_pulls += sum(len(c.pulls) for cs in groups.values() for c in cs) - all_before
    return got


# ------------------------------------------------------------------ the service


def add_offices(url: str) -> None:
    db = open_database(url)
    try:
        for office in OFFICES:
            add_office(
                db,
                office,
                counters=5,
                services={SERVICE: ("Abholung", 5)} if office == OFFICES[0] else {},
                weekdays=range(7),
                opens=clock(7),
                closes=clock(19),
                slot_minutes=5,
                policy=rolling_policy(portal_share_percent=100),
            )
    finally:
        db.dispose()


def offer_service_everywhere(url: str) -> None:
    """``add_office`` adds the service with the first office; the others offer it too."""
    db = open_database(url)
    try:
        with UnitOfWork(db.engine) as uow:
            s = uow.session
            for office in OFFICES[1:]:
                s.add(OfficeService(office_id=office, service_id=SERVICE))
                for template in s.scalars(
                    select(OpeningTemplate).where(OpeningTemplate.office_id == office)
                ):
                    s.add(OpeningTemplateService(template_id=template.id, service_id=SERVICE))
            uow.commit()
    finally:
        db.dispose()


async def portal_starts(
    service: Process, tls: Tls, portals: dict[str, Device]
) -> dict[str, list[str]]:
    """Per office, the starts the portal offers from an hour ahead."""
    soon = now_local() + timedelta(hours=1)
    found = {}
    async with httpx.AsyncClient(base_url=service.url, verify=tls.verify, timeout=60) as http:
        for office, portal in portals.items():
            response = await http.get(
                "/v1/portal/slots", params={"service": SERVICE}, headers=portal.headers
            )
            response.raise_for_status()
            found[office] = [
                s["start"] for s in response.json() if datetime.fromisoformat(s["start"]) > soon
            ]
    return found


async def through_service(
    service: Process,
    tls: Tls,
    counters: list[Device],
    portals: dict[str, Device],
    bookings: int,
    ignore: frozenset[str],
) -> tuple[float, Deliveries, list[SimCounter], dict[str, Any], CpuShare]:
    """Connect the 500, book, measure; (connect seconds, deliveries, counters, /health
    answer at the end, CPU during the bookings)."""
    starts = await portal_starts(service, tls, portals)
    groups: dict[str, list[SimCounter]] = {office: [] for office in OFFICES}
    for device in counters:
        http = sim_client(service.url, tls, device.headers)
        paths = Paths("/v1/events", "/v1/changes")
        groups[device.office_id].append(SimCounter(device.office_id, http, paths, ignore=ignore))
    portal_http = {
        office: sim_client(service.url, tls, portal.headers) for office, portal in portals.items()
    }
    used: dict[str, int] = {office: 0 for office in OFFICES}

    async def post(office: str, name: str) -> tuple[bool, str]:
        start = starts[office][used[office]]
        used[office] += 1
        response = await portal_http[office].post(
            "/v1/portal/bookings", json={"service": SERVICE, "start": start, "name": name}
        )
        return response.status_code == 200, f"{response.status_code} {response.text[:100]}"

    everyone = [c for cs in groups.values() for c in cs]
    try:
        connected = await connect_all(groups)
        await asyncio.sleep(1.0)
        with CpuShare(service.pid) as cpu:
            got = await deliver(groups, post, bookings)
        async with httpx.AsyncClient(base_url=service.url, verify=tls.verify) as http:
            health = (await http.get("/health")).json()
    finally:
        await asyncio.gather(*(c.stop() for c in everyone))
        for http in portal_http.values():
            await http.aclose()
    return connected, got, everyone, health, cpu


async def health_floor(service: Process, tls: Tls, runs: int) -> list[float]:
    """The service's bare ``GET /health`` round trip on a kept-alive connection."""
    times = []
    async with httpx.AsyncClient(base_url=service.url, verify=tls.verify, timeout=30) as http:
        for _ in range(5):
            await http.get("/health")
        for _ in range(runs):
            began = time.perf_counter()
            (await http.get("/health")).raise_for_status()
            times.append((time.perf_counter() - began) * 1000)
    return times


# ------------------------------------------------------------------ the floor app


def floor_app() -> Any:
    """A bare sse-starlette broadcast: ``GET /events?group=`` (``hello``, then a
    coalesced ``change`` per publish), ``POST /publish?group=&name=`` wakes one group
    (``all``: everyone), ``GET /pull?group=`` answers the last name published there
    without a database (a plain ``def`` endpoint, as the service's pull is)."""
    streams: dict[str, set[asyncio.Queue[str]]] = {}
    last: dict[str, str] = {}
    app = FastAPI()

    @app.get("/ready")
    def ready() -> dict[str, bool]:
        return {"ok": True}

    @app.get("/events")
    async def events(request: Request, group: str) -> EventSourceResponse:
        queue: asyncio.Queue[str] = asyncio.Queue(maxsize=1)
        streams.setdefault(group, set()).add(queue)

        async def stream() -> AsyncIterator[ServerSentEvent]:
            try:
                yield ServerSentEvent(event="hello", data=group)
                while True:
                    what = await queue.get()
                    if await request.is_disconnected():
                        break
                    yield ServerSentEvent(event="change", data=what)
            finally:
                streams[group].discard(queue)

        return EventSourceResponse(stream(), ping=15)

    @app.post("/publish")
    async def publish(group: str, name: str) -> dict[str, int]:
        targets = [g for g in streams if group in ("all", g)]
        woken = 0
        for g in targets:
            last[g] = name
            for queue in streams[g]:
                if queue.empty():
                    queue.put_nowait("appointment")
                woken += 1
        return {"woken": woken}

    @app.get("/pull")
    def pull(group: str, cursor: str | None = None) -> dict[str, Any]:
        name = last.get(group)
        rows = [{"citizen_name": name}] if name else []
        return {"snapshot": str(time.monotonic_ns()), "activity": {"appointment": rows}}

    return app


async def through_floor(app: Process, tls: Tls, bookings: int) -> tuple[Deliveries, list[float]]:
    """The same 500 clients against the bare app; (wake + pull per group, events of a
    broadcast to all 500)."""
    groups: dict[str, list[SimCounter]] = {
        office: [
            SimCounter(
                office, sim_client(app.url, tls, {}), Paths("/events", "/pull", {"group": office})
            )
            for _ in range(PER_OFFICE)
        ]
        for office in OFFICES
    }
    everyone = [c for cs in groups.values() for c in cs]
    publisher = sim_client(app.url, tls, {})

    async def post(group: str, name: str) -> tuple[bool, str]:
        response = await publisher.post("/publish", params={"group": group, "name": name})
        return response.status_code == 200, response.text[:100]

    try:
        await connect_all(groups)
        await asyncio.sleep(1.0)
        got = await deliver(groups, post, bookings)
        broadcast: list[float] = []
        for counter in everyone:
            counter.pulling = False
        for round_ in range(5):
            began = time.perf_counter()
            await post("all", f"alle-{round_}")
            deadline = time.perf_counter() + REACH_TIMEOUT
            while time.perf_counter() < deadline:
                if all(any(e >= began for e in c.events) for c in everyone):
                    break
                await asyncio.sleep(0.005)
            broadcast += [
                (min(e for e in c.events if e >= began) - began) * 1000
                for c in everyone
                if any(e >= began for e in c.events)
            ]
            await asyncio.sleep(QUIET)
    finally:
        await asyncio.gather(*(c.stop() for c in everyone))
        await publisher.aclose()
    return got, broadcast


# ------------------------------------------------------------------ report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pg-admin", default=PG_ADMIN_URL, metavar="URL")
    parser.add_argument("--bookings", type=int, default=20, help="bookings through the service")
    parser.add_argument("--plain", action="store_true", help="http instead of TLS")
    parser.add_argument("--no-floor-app", action="store_true", help="skip the sse-starlette floor")
    parser.add_argument(
        "--what-if",
        action="store_true",
        help="counters ignore the 'appointment_event' wake-ups (sent to every office)",
    )
    parser.add_argument("--serve-floor", nargs=3, metavar=("PORT", "CERT", "KEY"))
    args = parser.parse_args(argv)
    if args.serve_floor:  # the floor app's own process (see floor_process)
        port, cert, key = args.serve_floor
        run_floor_app(floor_app(), int(port), cert, key)
        return 0

    ignore = frozenset({"appointment_event"} if args.what_if else ())
    began = time.perf_counter()
    print(
        f"P9 (service): {len(OFFICES)} offices × {PER_OFFICE} counters on one service by"
        f" Server-Sent Events, {args.bookings} bookings; {load()}"
    )
    if args.what_if:
        print(
            "  WHAT-IF: the simulated counters pull on no 'appointment_event' wake-up"
            " (the NOTIFY on bd_all that every booking sends): not the service's behaviour"
        )
    with tls_files(args.plain) as tls, scratch_database(args.pg_admin, "bd_bench_") as url:
        dbname = str(make_url(url).database)
        add_offices(url)
        offer_service_everywhere(url)
        with served(url, tls) as service:
            with Sampler(service.pid, conninfo(url), dbname, every=0.1) as sampler:
                set_up = time.perf_counter()
                db = open_database(url)
                try:
                    wanted = [(o, "counter") for o in OFFICES for _ in range(PER_OFFICE)]
                    wanted += [(o, "portal") for o in OFFICES]
                    devices = enroll_many(db, service, tls, wanted)
                finally:
                    db.dispose()
                enrolled = time.perf_counter() - set_up
                counters = [d for d in devices if d.kind == "counter"]
                portals = {d.office_id: d for d in devices if d.kind == "portal"}
                rss_before = memory_kb(service.pid).get("VmRSS", 0)
                connected, got, sims, health, cpu = asyncio.run(
                    through_service(service, tls, counters, portals, args.bookings, ignore)
                )
                floor_health = asyncio.run(health_floor(service, tls, 50))
            hwm = memory_kb(service.pid).get("VmHWM", 0)
            service_cpu = cpu_seconds(service.pid)
            logged = [x for x in service.tail(8).splitlines() if "Zentraler Dienst" not in x]
        floor: Deliveries | None = None
        broadcast: list[float] = []
        if not args.no_floor_app:
            with floor_process(Path(__file__), tls) as app:
                floor, broadcast = asyncio.run(through_floor(app, tls, args.bookings))
    took = time.perf_counter() - began

    errors = [e for s in sims for e in s.errors]
    stream_errors = [e for e in errors if not e.startswith("pull")]
    how = "plain http" if args.plain else "TLS"
    print(f"  database {dbname} (dropped), service with {how} on 127.0.0.1, real clock")
    print(
        f"  set-up: {len(devices)} devices registered and enrolled in {enrolled:.1f} s;"
        f" {len(sims)} counters connected and caught up (first copy) in {connected:.1f} s,"
        f" /health afterwards: {health}"
    )
    print(line("floor: GET /health round trip", floor_health))
    if floor is not None:
        print(line("floor: bare SSE, publish → event (50)", floor.event))
        print(line("floor: bare SSE, publish → event + pull", floor.visible))
        print(line("floor: … the last of 50, per publish", floor.last_visible))
        print(line("floor: bare SSE broadcast → all 500 events", broadcast))
    print(line("POST /v1/portal/bookings answered", got.answered))
    print(line("POST → event at a counter of the office", got.event))
    print(line("POST → counter holds the booking", got.visible))
    print(line("… the last of the 50, per booking", got.last_visible))
    pulls = [p * 1000 for s in sims for p in s.pulls[1:]]
    print(line("GET /v1/changes round trip (after the first)", pulls))
    p95 = pct(got.visible, 0.95)
    ratios = [("GET /health", floor_health)]
    if floor is not None:
        ratios.insert(0, ("bare SSE + pull", floor.visible))
        ratios.insert(0, ("bare SSE event", floor.event))
    for label, values in ratios:
        print(
            f"  ratio to floor {label:<16} p50 {pct(got.visible, 0.5) / pct(values, 0.5):6.1f}×"
            f"  p95 {p95 / pct(values, 0.95):6.1f}×"
        )
    expected = len(got.answered) * PER_OFFICE
    print(
        f"  deliveries: {len(got.visible)} of {expected}, missed {got.missed};"
        f" pulls per counter and booking {got.pulls / max(1, expected):.2f};"
        f" events at counters of other offices {got.stray_events};"
        f" refused bookings {len(got.refused)}; failed pulls (retried)"
        f" {len(errors) - len(stream_errors)}, failed streams {len(stream_errors)}"
    )
    if got.refused:
        print(f"  first refusal: {got.refused[0]}")
    if errors:
        print(f"  first error: {errors[0]}")
        if len(errors) > 1:
            print(f"  last error: {errors[-1]}")
    carried = sum(s.carried for s in sims)
    print(
        f"  pulls in the bookings phase: {got.all_pulls} by all 500 counters"
        f" ({got.all_pulls / max(1, len(got.answered)):.0f} per booking);"
        f" batches carried in the event and taken: {carried}"
    )
    print(f"  bookings phase {cpu.text(max(1, len(got.answered)), 'booking')}")
    print(f"  service: {sampler.text()}")
    print(
        f"  service memory: RSS {rss_before / 1024:.0f} MB before the counters connected,"
        f" peak (VmHWM) {hwm / 1024:.0f} MB; its CPU over the run {service_cpu:.1f} s"
    )
    pool = sampler.at_peak.get("buergerdesk", 0)
    listeners = sum(n for name, n in sampler.at_peak.items() if name != "buergerdesk")
    conn_ok = pool <= POOL_LIMIT and listeners <= 1
    print(
        f"  target ≤ {POOL_LIMIT} pool connections + 1 listener: {pool} + {listeners}"
        f" → {verdict(conn_ok)}"
    )
    if logged:
        print(f"  service log (end): {' | '.join(logged)[:400]}")
    ok = bool(got.visible) and not got.missed and not got.refused and not stream_errors
    met = verdict(ok and p95 <= TARGET_P95_MS)
    print(f"  target p95 ≤ {TARGET_P95_MS:.0f} ms: {p95:.1f} ms → {met}")
    print(f"  ran {took:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
