"""``buergerdesk enroll``: register this PC with the central service (once, by the admin
with the one-time code from ``device add``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from desk.cli.parser import Commands
from desk.cli.url_password import without_password
from desk.domain.errors import DatabaseUnavailable, RequestRefused


def register(commands: Commands) -> None:
    """Add the ``enroll`` command."""
    enroll = commands.add_parser(
        "enroll",
        help="diesen PC beim zentralen Dienst anmelden (einmalig, mit dem Anmeldecode)",
        description="Tauscht den einmaligen Anmeldecode aus 'buergerdesk device add' gegen "
        "die Gerätekennung dieses PCs; sie liegt im Schlüsselbund des Betriebssystems, sonst "
        "in einer nur für diesen Benutzer lesbaren Datei im Datenordner.",
    )
    enroll.add_argument(
        "--central",
        required=True,
        metavar="URL",
        type=without_password,
        help="der zentrale Dienst, https://HOST:PORT",
    )
    enroll.add_argument("--code", required=True, help="Anmeldecode, z. B. ABCD-EFGH-JKLM")
    enroll.add_argument(
        "--ca", metavar="DATEI", help="CA-Zertifikat des Dienstes (PEM), sonst die des Systems"
    )
    enroll.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Enrol and keep the credential."""
    import httpx  # here, not at import: every command's start would pay for it

    from desk.device_credential import DeviceCredential, save_credential
    from desk.services.admin.devices import KIND_LABELS_DE
    from desk.sync.remote import answer, check_central_url, client

    central = check_central_url(args.central)
    ca = None
    if args.ca:
        path = Path(args.ca)
        if not path.is_file():
            raise RequestRefused(f"CA-Datei {args.ca} gibt es nicht")
        ca = str(path.resolve())
    try:
        with client(central, ca=ca) as http:
            data = answer(http.post("/v1/enroll", json={"code": args.code}))
    except httpx.TransportError as err:
        raise DatabaseUnavailable(
            f"Zentraler Dienst {central} nicht erreichbar: {type(err).__name__}"
        ) from None
    cred = DeviceCredential(
        central=central,
        device_id=data["device_id"],
        office_id=data["office_id"],
        kind=data["kind"],
        counter_number=data["counter"],
        token=data["token"],
        ca=ca,
    )
    save_credential(cred)
    where = f", Schalter {cred.counter_number}" if cred.counter_number else ""
    label = KIND_LABELS_DE.get(cred.kind, cred.kind)
    device = cred.device_id[:8]
    print(f"Dieser PC ist angemeldet: {label} in {cred.office_id}{where} (Gerät {device}).")
    return 0
