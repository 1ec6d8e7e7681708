"""A PC holds no database credential (DESIGN.md §6): ``sync --central`` takes the central
service, never a database URL; config.toml's old database keys and a plain-http service
are reported in one line each; ``config show`` names this PC's enrolment but never its
device token."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.device_credential import DeviceCredential
from tests.cli.config_support import DeskCommand

CREDENTIAL = DeviceCredential(
    central="https://zentrale.saalfurt.example:8443",
    device_id="3f2a9c1e-0000-4000-8000-000000000001",
    office_id="bb-mitte",
    kind="counter",
    counter_number=3,
    token="geheimes-token-0123456789abcdefghijklmnopqrstuv",
    ca="/etc/buergerdesk/ca.pem",
)
ENROL = "'buergerdesk enroll --central https://HOST:PORT --code CODE'"
OLD_CENTRAL = (
    '[central]\nhost = "db.example"\nport = 6432\ndatabase = "buergerdesk"\nuser = "schalter"\n'
)


@pytest.fixture
def desk(tmp_path: Path) -> DeskCommand:
    return DeskCommand(tmp_path)


def sync(desk: DeskCommand, *options: str, **env: object):
    local = f"sqlite:///{desk.data.parent / 'schalter.sqlite'}"
    return desk("sync", "--url", local, *options, "--once", "--now", "2024-03-20T10:30", **env)


@pytest.mark.parametrize(
    "central",
    [
        "postgresql+psycopg://schalter@db.example:6432/buergerdesk",  # with a password:
        # refused before, as any URL with one (tests/security/test_bad_input.py)
        "postgresql://schalter@db.example/buergerdesk",
        "postgres://db.example/buergerdesk",
    ],
)
def test_sync_refuses_a_database_url_in_one_line_and_says_to_enrol(desk, central):
    done = sync(desk, "--central", central)

    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "buergerdesk: Ein Schalter verbindet sich nicht mehr mit der Datenbank, sondern mit "
        f"dem zentralen Dienst: den PC mit {ENROL} anmelden"
    ]
    assert done.stdout == ""
    assert "Zentral-Geheim" not in done.stdout + done.stderr
    assert not (desk.data.parent / "schalter.sqlite").exists()  # refused before anything


def test_sync_refuses_plain_http_to_another_machine_in_one_line(desk):
    done = sync(desk, "--central", "http://10.0.0.1:8443")

    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert line.startswith("buergerdesk: Unverschlüsselt (http) nur zu 127.0.0.1/localhost")
    assert "10.0.0.1" in line
    assert "Traceback" not in done.stdout + done.stderr


def test_the_old_database_keys_do_not_make_sync_reach_a_database(desk):
    desk.config(OLD_CENTRAL)

    done = sync(desk)

    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "buergerdesk: Dieser PC ist beim zentralen Dienst nicht angemeldet: zuerst "
        "'buergerdesk enroll --central https://HOST:PORT --code CODE' ausführen"
    ]


def test_the_old_database_keys_are_one_problem_each_saying_to_enrol(desk):
    path = desk.config(f'office = "bb-nord"\n{OLD_CENTRAL}')

    shown = desk("config", "show")

    assert shown.returncode == 2
    lines = shown.stderr.splitlines()
    keys = ("host", "port", "database", "user")
    assert len(lines) == len(keys)  # one problem per old key, nothing else
    for number, (line, key) in enumerate(zip(lines, keys, strict=True), start=3):
        assert line.startswith(
            f"buergerdesk: {path}, Zeile {number}: central.{key}: ein PC verbindet sich nicht "
            "mehr mit der Datenbank, sondern mit dem zentralen Dienst: "
        )
        assert ENROL in line
        assert line.endswith("bis dahin startet die App und arbeitet lokal, ohne Abgleich")
    out = shown.stdout.splitlines()
    assert {'office = "bb-nord"', "[central]", "# url = (nicht gesetzt)"} < set(out)
    assert not [line for line in out if "db.example" in line or "schalter" in line]


def test_a_plain_http_service_url_in_the_file_is_a_problem_and_ignored(desk):
    path = desk.config('office = "bb-nord"\n[central]\nurl = "http://10.0.0.1:8443"\n')

    shown = desk("config", "show")

    assert shown.returncode == 2
    assert shown.stderr.splitlines() == [
        f"buergerdesk: {path}, Zeile 3: central.url: erwartet https://HOST:PORT "
        "(unverschlüsselt http nur zu 127.0.0.1, localhost, ::1, nicht zu 10.0.0.1), "
        'nicht "http://10.0.0.1:8443" – es gilt der Standardwert (keiner)'
    ]
    assert "# url = (nicht gesetzt)" in shown.stdout.splitlines()


@pytest.mark.parametrize("keyring", [True, False], ids=["keyring", "no keyring"])
def test_show_names_the_enrolment_but_never_the_device_token(desk, keyring):
    desk.enrol(CREDENTIAL, keyring=keyring)
    entry = {f"buergerdesk device:{CREDENTIAL.device_id}": CREDENTIAL.token}
    assert desk.stored() == (entry if keyring else {})
    desk.config('[central]\nurl = "https://zentrale.saalfurt.example:8443"\n')

    shown = desk("config", "show", keyring=keyring)

    assert shown.returncode == 0, shown.stderr
    assert shown.stderr == ""
    kept = "im Schlüsselbund keyrings FileKeyring" if keyring else "in der Datei device.json"
    assert shown.stdout.splitlines()[-1] == (
        "# Geräteanmeldung: angemeldet als Gerät 3f2a9c1e (Schalter-PC, Schalter 3) in "
        "bb-mitte beim Dienst https://zentrale.saalfurt.example:8443, CA "
        f"/etc/buergerdesk/ca.pem; Kennung {kept}"
    )
    assert CREDENTIAL.token not in shown.stdout + shown.stderr
    assert CREDENTIAL.token[:12] not in shown.stdout + shown.stderr
    assert CREDENTIAL.device_id not in shown.stdout  # only its first 8 characters


def test_a_token_gone_from_the_keyring_means_not_enrolled(desk):
    desk.enrol(CREDENTIAL)
    desk.keyring_file.write_text("{}")

    shown = desk("config", "show")

    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines()[-1] == (
        f"# Geräteanmeldung: nicht angemeldet – {ENROL} meldet diesen PC beim zentralen Dienst an"
    )


def test_a_damaged_enrolment_is_a_problem_of_show_in_one_line(desk):
    (desk.data / "device.json").write_text("{kaputt", encoding="utf-8")

    shown = desk("config", "show")

    assert shown.returncode == 2
    assert shown.stdout.splitlines()[-1] == "# Geräteanmeldung: nicht lesbar (siehe stderr)"
    [line] = shown.stderr.splitlines()
    assert line.startswith(f"buergerdesk: Die Geräteanmeldung {desk.data / 'device.json'} ")
    assert "'buergerdesk enroll'" in line
