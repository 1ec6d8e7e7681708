"""Shared code of the central-service benchmarks (bench_service_p2/p8/p9.py); not a
benchmark itself (run alone it only says so).

- one ``httpx.AsyncClient`` per client connection (``one_connection``): httpcore's pool
  scans all its connections (a poll() each) for every request, so one shared client of
  25 connections spends ~3 ms of CPU per request on a 2-core machine that the service
  needs too; per connection a client of its own costs ~1 ms;
- a TLS certificate for 127.0.0.1 from a CA of our own (trustme), as the service tests use;
- ``buergerdesk serve`` over a scratch database as a real process (``served``), and any
  other ASGI floor app as a process (``floor_process``), both waited for until they answer;
- devices registered as the admin does (``add_device``) and enrolled as a PC does
  (``POST /v1/enroll``), one by one or many at once;
- the serve process's resident memory (``/proc/PID/status``) and the PostgreSQL
  connections to a database (``pg_stat_activity``), sampled in a thread;
- report lines: p50/p95/max, ratios to a floor, PASS/MISS.
"""

from __future__ import annotations

import asyncio
import os
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

import psycopg
import trustme

if "sniffio" not in sys.modules:
    try:
        import sniffio  # noqa: F401
    except ImportError:
        # Not installed in this venv (anyio 4.16 no longer needs it), and httpcore then
        # tries `import sniffio` again on every async request (a failed import searches
        # sys.path: ~0.1 ms each, a third of the client's CPU in a storm). Marked as
        # missing, the import fails at once and httpcore takes its fallback (asyncio),
        # the same answer. Clients of the bench only; the service does not use it.
        sys.modules["sniffio"] = None  # type: ignore[assignment]

import httpx

from desk.services.admin.devices import add_device
from desk.services.database import DeskDatabase

BENCH = Path(__file__).resolve().parent
SERVE = Path(sys.executable).with_name("buergerdesk")
#: Our own connections to a bench database carry this name (left out of the counts).
BENCH_APP_NAME = "bd-bench"
CPUS = os.cpu_count() or 1


# ------------------------------------------------------------------ TLS and ports


@dataclass(frozen=True)
class Tls:
    """A CA of our own and the server's certificate for 127.0.0.1 and localhost."""

    ca: Path
    cert: Path
    key: Path
    plain: bool = False  # --plain: no TLS at all (http on 127.0.0.1, as the service allows)

    @property
    def scheme(self) -> str:
        return "http" if self.plain else "https"

    def context(self) -> ssl.SSLContext:
        """The client side: trust only our CA."""
        return ssl.create_default_context(cafile=str(self.ca))

    @cached_property
    def verify(self) -> ssl.SSLContext:
        """What httpx clients verify with (one context, shared by all clients)."""
        return self.context()

    def server_args(self) -> list[str]:
        """``serve``'s TLS options (none when plain)."""
        return [] if self.plain else ["--tls-cert", str(self.cert), "--tls-key", str(self.key)]


@contextmanager
def tls_files(plain: bool = False) -> Iterator[Tls]:
    """Made in memory by trustme, written to a temporary folder removed afterwards
    (made even when ``plain``: the clients' code stays the same)."""
    with tempfile.TemporaryDirectory(prefix="bd-bench-tls-") as folder:
        authority = trustme.CA()
        server = authority.issue_cert("127.0.0.1", "localhost")
        made = Tls(
            Path(folder) / "ca.pem", Path(folder) / "server.pem", Path(folder) / "key.pem", plain
        )
        authority.cert_pem.write_to_path(str(made.ca))
        server.private_key_pem.write_to_path(str(made.key))
        for blob in server.cert_chain_pems:  # the chain, leaf first
            blob.write_to_path(str(made.cert), append=True)
        yield made


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ------------------------------------------------------------------ processes


@dataclass
class Process:
    """A server process on 127.0.0.1 (the service or a floor app) and its log."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def tail(self, lines: int = 20) -> str:
        """The end of its log (for errors)."""
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


@contextmanager
def _running(args: Sequence[str], url: str, ready_path: str, tls: Tls) -> Iterator[Process]:
    """Start ``args``, wait until ``GET url+ready_path`` answers 200 (30 s), yield, then
    SIGTERM (SIGKILL after 10 s)."""
    with tempfile.TemporaryDirectory(prefix="bd-bench-serve-") as folder:
        log = Path(folder) / "serve.log"
        env = dict(os.environ, BUERGERDESK_DATA_DIR=str(Path(folder) / "data"))
        with log.open("wb") as out:
            process = subprocess.Popen(list(args), stdout=out, stderr=subprocess.STDOUT, env=env)
        running = Process(url, process, log)
        try:
            deadline = time.monotonic() + 30
            with httpx.Client(base_url=url, verify=tls.context(), timeout=5) as http:
                while True:
                    if process.poll() is not None:
                        raise RuntimeError(f"{args[1]} ended at once:\n{running.tail()}")
                    try:
                        if http.get(ready_path).status_code == 200:
                            break
                    except httpx.TransportError:
                        pass
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"{args[1]} did not answer:\n{running.tail()}")
                    time.sleep(0.1)
            yield running
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


@contextmanager
def served(url: str, tls: Tls, *, training: bool = False) -> Iterator[Process]:
    """``buergerdesk serve`` over the central database at ``url`` with TLS (unless
    ``tls.plain``) on a free port."""
    port = free_port()
    args = [str(SERVE), "serve", "--url", url, "--listen", f"127.0.0.1:{port}"]
    args += tls.server_args()
    if training:
        args.append("--training")
    with _running(args, f"{tls.scheme}://127.0.0.1:{port}", "/health", tls) as process:
        yield process


@contextmanager
def floor_process(script: Path, tls: Tls, *extra: str) -> Iterator[Process]:
    """A bench script's own floor app: ``python SCRIPT --serve-floor PORT CERT KEY EXTRA…``
    (CERT and KEY ``-`` when plain; the script runs it with ``run_floor_app``, as
    ``serve`` runs the service), ready at /ready."""
    port = free_port()
    cert, key = ("-", "-") if tls.plain else (str(tls.cert), str(tls.key))
    args = [sys.executable, str(script), "--serve-floor", str(port), cert, key, *extra]
    with _running(args, f"{tls.scheme}://127.0.0.1:{port}", "/ready", tls) as process:
        yield process


def run_floor_app(app: object, port: int, cert: str, key: str) -> None:
    """Serve a floor app as ``buergerdesk serve`` serves the service (uvicorn.run, one
    worker, TLS, warnings only, no access log)."""
    import uvicorn

    uvicorn.run(
        app,  # type: ignore[arg-type]
        host="127.0.0.1",
        port=port,
        ssl_certfile=None if cert == "-" else cert,
        ssl_keyfile=None if key == "-" else key,
        log_level="warning",
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=3,
    )


def one_connection(url: str, tls: Tls, timeout: float = 120.0) -> httpx.AsyncClient:
    """An async client with one kept-alive connection (see the module's docstring)."""
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    return httpx.AsyncClient(base_url=url, verify=tls.verify, limits=limits, timeout=timeout)


# ------------------------------------------------------------------ devices


@dataclass(frozen=True)
class Device:
    """An enrolled device and the header every request of it carries."""

    id: uuid.UUID
    token: str
    office_id: str
    kind: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def enroll(db: DeskDatabase, service: Process, tls: Tls, office_id: str, kind: str) -> Device:
    """Register a device of ``office_id`` (as the admin, in process) and enrol it (as
    the PC, through the service)."""
    return enroll_many(db, service, tls, [(office_id, kind)])[0]


def enroll_many(
    db: DeskDatabase,
    service: Process,
    tls: Tls,
    wanted: Sequence[tuple[str, str]],
    concurrency: int = 10,
) -> list[Device]:
    """Register every (office, kind) in ``wanted`` and enrol them, ``concurrency`` at a
    time; in the order given."""
    codes = [
        (office, kind, add_device(db, office, kind, datetime.now(UTC)).code)
        for office, kind in wanted
    ]

    async def enrol_all() -> list[Device]:
        limits = httpx.Limits(max_connections=concurrency)
        async with httpx.AsyncClient(
            base_url=service.url, verify=tls.context(), limits=limits, timeout=60
        ) as http:
            gate = asyncio.Semaphore(concurrency)

            async def one(office: str, kind: str, code: str) -> Device:
                async with gate:
                    response = await http.post("/v1/enroll", json={"code": code})
                if response.status_code != 200:
                    raise RuntimeError(f"enrol refused: {response.status_code} {response.text}")
                data = response.json()
                return Device(uuid.UUID(data["device_id"]), data["token"], office, kind)

            return list(await asyncio.gather(*(one(*c) for c in codes)))

    return asyncio.run(enrol_all())


# ------------------------------------------------------------------ measuring


def memory_kb(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (the peak resident set) of a process, in kB (empty once it ended)."""
    found: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    found[key] = int(value.split()[0])
    except OSError:
        pass
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process (all its threads) has used so far."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_cpu_seconds() -> float:
    """Busy CPU time of the whole machine so far (all CPUs, /proc/stat)."""
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


@dataclass
class CpuShare:
    """CPU seconds used while a block ran: by the service, by this process, by the
    whole machine (the rest is PostgreSQL and whoever else runs)."""

    pid: int
    service: float = 0.0
    client: float = 0.0
    machine: float = 0.0
    wall: float = 0.0

    def __enter__(self) -> CpuShare:
        self._at = (
            cpu_seconds(self.pid),
            time.process_time(),
            machine_cpu_seconds(),
            time.perf_counter(),
        )
        return self

    def __exit__(self, *_exc: object) -> None:
        service, client, machine, wall = self._at
        self.service = cpu_seconds(self.pid) - service
        self.client = time.process_time() - client
        self.machine = machine_cpu_seconds() - machine
        self.wall = time.perf_counter() - wall

    def text(self, per: int, what: str) -> str:
        """``CPU: service …`` with ms per ``what``."""
        rest = max(0.0, self.machine - self.service - self.client)
        return (
            f"CPU over {self.wall:.1f} s ({CPUS} CPUs = {CPUS * self.wall:.1f} CPU-s): service"
            f" {self.service:.1f} s ({self.service / per * 1000:.1f} ms per {what}), bench"
            f" client {self.client:.1f} s, PostgreSQL and the rest {rest:.1f} s"
        )


def bench_conninfo(conninfo: str) -> str:
    """``conninfo`` with our own application name (so the counts can leave us out)."""
    return psycopg.conninfo.make_conninfo(conninfo, application_name=BENCH_APP_NAME)


@dataclass(frozen=True)
class Backend:
    """One PostgreSQL backend of a bench database (not the bench's own)."""

    pid: int
    name: str  # application name: the service's pool says ``buergerdesk``, LISTEN nothing
    state: str  # active, idle, idle in transaction, …
    waiting_for_lock: bool


def pg_backends(conn: psycopg.Connection[Any], dbname: str) -> list[Backend]:
    """The backends connected to ``dbname`` other than the bench's own."""
    rows = conn.execute(
        "SELECT pid, coalesce(nullif(application_name, ''), '(none)'), coalesce(state, ''),"
        " coalesce(wait_event_type = 'Lock', false) FROM pg_stat_activity"
        " WHERE datname = %s AND application_name <> %s",
        (dbname, BENCH_APP_NAME),
    ).fetchall()
    return [Backend(int(p), str(n), str(s), bool(w)) for p, n, s, w in rows]


def by_name(backends: list[Backend]) -> dict[str, int]:
    """How many backends per application name."""
    counts: dict[str, int] = {}
    for backend in backends:
        counts[backend.name] = counts.get(backend.name, 0) + 1
    return counts


@dataclass
class Sampler:
    """Samples a process's memory and a database's backends every ``every`` seconds in a
    thread: the peaks, every backend pid seen (a pool that opens and closes connections
    shows more pids than connections at once), the backends' CPU time (from /proc, as
    root may read it) and, on average, how many were waiting for a lock or sat idle in a
    transaction (held open by the client while it computes)."""

    pid: int
    conninfo: str
    dbname: str
    every: float = 0.05
    peak_rss_kb: int = 0
    peak_connections: int = 0
    at_peak: dict[str, int] = field(default_factory=dict)
    seen: dict[int, str] = field(default_factory=dict)
    samples: int = 0
    lock_waits: int = 0
    sessions: int = 0  # new sessions to the database while sampling (ours left out)
    idle_in_transaction: int = 0
    active: int = 0
    _cpu: dict[int, tuple[float, float]] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> Sampler:
        self._thread = threading.Thread(target=self._run, name="sampler", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)

    def _run(self) -> None:
        with psycopg.connect(bench_conninfo(self.conninfo), autocommit=True) as conn:
            self.sessions = -self._sessions(conn)
            while not self._stop.is_set():
                self.sample(conn)
                self._stop.wait(self.every)
            self.sessions += self._sessions(conn) - 1  # less our own

    def _sessions(self, conn: psycopg.Connection[Any]) -> int:
        """Sessions ever opened to the database (pg_stat_database, PostgreSQL ≥ 14)."""
        conn.execute("SELECT pg_stat_clear_snapshot()")
        row = conn.execute(
            "SELECT sessions FROM pg_stat_database WHERE datname = %s", (self.dbname,)
        ).fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def sample(self, conn: psycopg.Connection[Any]) -> None:
        rss = memory_kb(self.pid).get("VmRSS", 0)
        self.peak_rss_kb = max(self.peak_rss_kb, rss)
        backends = pg_backends(conn, self.dbname)
        for backend in backends:
            self.seen[backend.pid] = backend.name
            used = cpu_seconds(backend.pid)
            first, _ = self._cpu.get(backend.pid, (used, used))
            self._cpu[backend.pid] = (first, used)
        if len(backends) > self.peak_connections:
            self.peak_connections, self.at_peak = len(backends), by_name(backends)
        self.lock_waits += sum(b.waiting_for_lock for b in backends)
        self.idle_in_transaction += sum(b.state == "idle in transaction" for b in backends)
        self.active += sum(b.state == "active" for b in backends)
        self.samples += 1

    @property
    def backend_cpu(self) -> float:
        """CPU seconds the sampled backends used while sampled."""
        return sum(last - first for first, last in self._cpu.values())

    def text(self) -> str:
        """Peak connections, pool churn, backend states and CPU, peak RSS."""
        n = max(1, self.samples)
        pool = sum(1 for name in self.seen.values() if name == "buergerdesk")
        return (
            f"peak {self.peak_connections} PostgreSQL connections {self.at_peak};"
            f" {pool} distinct pool backends seen, {self.sessions} sessions opened to the"
            f" database meanwhile (pg_stat_database); on average {self.active / n:.1f} active,"
            f" {self.idle_in_transaction / n:.1f} idle in transaction,"
            f" {self.lock_waits / n:.1f} waiting for a lock; their CPU {self.backend_cpu:.1f} s;"
            f" peak RSS {self.peak_rss_kb / 1024:.0f} MB ({self.samples} samples)"
        )


# ------------------------------------------------------------------ reporting


def pct(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile of bench/support/stats.py (0 for no values)."""
    from support.stats import percentile

    return percentile(list(values), share) if values else 0.0


def line(label: str, values: Sequence[float], unit: str = "ms", width: int = 48) -> str:
    """``label  p50 …  p95 …  p99 …  max …  (n)``."""
    if not values:
        return f"  {label:<{width}} (none)"
    p50, p95, p99 = (pct(values, s) for s in (0.50, 0.95, 0.99))
    return (
        f"  {label:<{width}} p50 {p50:8.1f}  p95 {p95:8.1f}  p99 {p99:8.1f}"
        f"  max {max(values):8.1f} {unit}  ({len(values)})"
    )


def verdict(met: bool) -> str:
    """PASS or MISS against an absolute target."""
    return "PASS" if met else "MISS"


def load() -> str:
    """The machine's CPUs and its load average (others share these cores)."""
    one, five, _ = os.getloadavg()
    return f"{CPUS} CPUs, load {one:.2f}/{five:.2f} (1/5 min)"
