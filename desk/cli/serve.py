"""``buergerdesk serve``: the central service, the only holder of database credentials."""

from __future__ import annotations

import argparse
import ipaddress
import sys
from pathlib import Path

from desk.cli.numbers import whole
from desk.cli.parser import Commands, add_url
from desk.domain.errors import RequestRefused

#: The service's database connections: a pool of 25 kept open (no overflow that would be
#: opened and closed again in every burst), and one more for LISTEN.
POOL = (25, 0)
#: Seconds an idle kept-alive connection stays open: longer than a client keeps one
#: (httpx: 5 s), so the client always closes first and never sends into a closing one.
KEEP_ALIVE = 65
LOOPBACK = ("localhost", "127.0.0.1", "::1")


def register(commands: Commands) -> None:
    """Add the ``serve`` command."""
    serve = commands.add_parser(
        "serve",
        help="den zentralen Dienst starten (HTTPS für Schalter, Empfang, Anzeige, Portal)",
        description="Der zentrale Dienst zwischen den PCs und der zentralen Datenbank: "
        "prüft Gerät, Benutzer, Standort und Rolle, stempelt mit seiner eigenen Uhr und "
        "schreibt das Protokoll. Ohne TLS nur auf 127.0.0.1/localhost.",
    )
    add_url(serve)
    serve.add_argument(
        "--listen", required=True, metavar="HOST:PORT", help="Adresse, z. B. 0.0.0.0:8443"
    )
    serve.add_argument("--tls-cert", metavar="DATEI", help="Zertifikat (PEM, mit Kette)")
    serve.add_argument("--tls-key", metavar="DATEI", help="privater Schlüssel (PEM)")
    serve.add_argument(
        "--retention-days",
        type=whole(0, 3650),
        default=30,
        metavar="TAGE",
        help="persönliche Daten nach so vielen Tagen anonymisieren (nachts, Serveruhr; "
        "Standard 30)",
    )
    serve.add_argument(
        "--training",
        action="store_true",
        help="Schulung/Tests: die Uhrzeit der Clients (--now) gilt; nie im Betrieb",
    )
    serve.set_defaults(func=run)


def parse_listen(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (IPv6 in brackets) → (host, port), refused in one line."""
    host, sep, port = text.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise RequestRefused(f"--listen {text!r}: erwartet HOST:PORT, z. B. 127.0.0.1:8443")
    return host, int(port)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine only."""
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    """Open the central database and serve until interrupted."""
    host, port = parse_listen(args.listen)
    if not 0 <= args.retention_days <= 3650:
        raise RequestRefused("--retention-days: zwischen 0 und 3650 Tagen")
    if bool(args.tls_cert) != bool(args.tls_key):
        raise RequestRefused("--tls-cert und --tls-key gehören zusammen")
    for option in (args.tls_cert, args.tls_key):
        if option and not Path(option).is_file():
            raise RequestRefused(f"Datei {option} gibt es nicht")
    if not args.tls_cert and not is_loopback(host):
        raise RequestRefused(
            f"Ohne TLS nur auf 127.0.0.1/localhost, nicht auf {host}: "
            "--tls-cert und --tls-key angeben"
        )
    import uvicorn

    from desk.server.app import create_app
    from desk.services.database import open_database

    central = open_database(args.url, pool=POOL)
    if central.is_sqlite:
        raise RequestRefused("Der zentrale Dienst braucht PostgreSQL (postgresql+psycopg://…)")
    app = create_app(central, training=args.training, retention_days=args.retention_days)
    scheme = "https" if args.tls_cert else "http"
    mode = " (Schulung: Client-Uhrzeit gilt)" if args.training else ""
    print(f"Zentraler Dienst auf {scheme}://{args.listen}{mode}", file=sys.stderr, flush=True)
    try:
        uvicorn.run(
            app,
            host=host,
            port=port,
            ssl_certfile=args.tls_cert,
            ssl_keyfile=args.tls_key,
            log_level="warning",
            access_log=False,
            lifespan="on",
            timeout_graceful_shutdown=3,
            timeout_keep_alive=KEEP_ALIVE,
        )
    finally:
        central.dispose()
    return 0
