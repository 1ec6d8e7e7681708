"""``buergerdesk device add|list|revoke`` through the real console script: the code is
printed once, refusals are one line and exit 2, a revoked device shows as gesperrt."""

from __future__ import annotations

import json
import re

import pytest

from desk.cli.main import main
from desk.services.database import open_database, upgrade_database
from tests.builders import add_office

NOW = ["--now", "2024-03-20T10:30"]
CODE = re.compile(r"^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$")


def migrated_with_office(url: str) -> str:
    """``url`` migrated, with the office bb-mitte (counters 1 and 2)."""
    upgrade_database(url)
    db = open_database(url)
    try:
        add_office(db, "bb-mitte", counters=2)
    finally:
        db.dispose()
    return url


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite database shared by this module's tests (each adds its own devices)."""
    return migrated_with_office(f"sqlite:///{tmp_path_factory.mktemp('devices') / 'd.sqlite'}")


def refused_in_one_line(done) -> str:
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("buergerdesk")
    return str(done.stderr)


def added(cli, url: str, *options: str) -> dict[str, object]:
    done = cli("device", "add", "--url", url, "--office", "bb-mitte", *options, *NOW, "--json")
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    return dict(json.loads(done.stdout))


def test_add_json_is_one_document_with_the_code_and_its_expiry(cli, url):
    document = added(cli, url, "--kind", "counter", "--counter", "2")

    assert set(document) == {"code", "device_id", "office_id", "kind", "counter", "expires_at"}
    assert CODE.match(str(document["code"]))
    assert (document["office_id"], document["kind"], document["counter"]) == (
        "bb-mitte", "counter", 2,
    )  # fmt: skip
    assert document["expires_at"] == "2024-03-21T10:30:00+01:00"


def test_add_prints_the_code_and_how_long_it_holds(cli, url):
    done = cli("device", "add", "--url", url, "--office", "bb-mitte", "--kind", "display", *NOW)

    assert (done.returncode, done.stderr) == (0, "")
    first, second = done.stdout.splitlines()
    code = first.rsplit(": ", 1)[1]
    assert CODE.match(code)
    assert first.startswith("Anmeldecode für Aufrufanzeige ")
    assert second.startswith("Gültig bis 21.03.2024 10:30 Uhr")
    assert second.endswith(f"--code {code}")


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        (["--office", "bb-ost", "--kind", "counter"], "Unbekannter Standort 'bb-ost'"),
        (["--office", "bb-mitte", "--kind", "counter", "--counter", "9"], "keinen Schalter 9"),
        (["--office", "bb-mitte", "--kind", "kiosk"], "Unbekannte Geräteart 'kiosk'"),
        (["--office", "bb-mitte", "--kind", "display", "--counter", "1"], "nur ein Schalter-PC"),
        (["--office", "bb-mitte", "--kind", "counter", "--counter", "zwei"], "--counter"),
    ],
    ids=["unknown office", "unknown counter", "unknown kind", "counter of a display", "not int"],
)
def test_a_bad_device_is_refused_in_one_line(cli, url, options, reason):
    done = cli("device", "add", "--url", url, *options, *NOW, "--json")

    assert reason in refused_in_one_line(done)


def test_list_shows_the_device_and_after_revoke_it_is_gesperrt(cli, url):
    device_id = str(added(cli, url, "--kind", "reception", "--name", "Empfang EG")["device_id"])
    short = device_id.replace("-", "")[:8]

    listed = cli("device", "list", "--url", url, "--office", "bb-mitte", *NOW)
    assert (listed.returncode, listed.stderr) == (0, "")
    header, *lines = listed.stdout.splitlines()
    assert header == "ID\tStandort\tArt\tSchalter\tStatus\tZuletzt gesehen\tBezeichnung"
    line = next(line for line in lines if line.startswith(short))
    assert line == f"{short}\tbb-mitte\treception\t–\twartet auf Anmeldung\t–\tEmpfang EG"

    revoked = cli("device", "revoke", "--url", url, short, *NOW)
    assert (revoked.returncode, revoked.stderr) == (0, "")
    assert revoked.stdout == f"Empfangs-PC {short} (bb-mitte) gesperrt.\n"

    again = cli("device", "list", "--url", url, "--json", *NOW)
    rows = {row["device_id"]: row for row in json.loads(again.stdout)}
    assert rows[device_id]["state"] == "gesperrt"
    assert rows[device_id]["revoked_at"] == "2024-03-20T10:30:00+01:00"
    assert "gesperrt" in refused_in_one_line(cli("device", "revoke", "--url", url, device_id))


def test_revoking_an_unknown_device_is_refused_in_one_line(cli, url):
    assert "Unbekanntes Gerät" in refused_in_one_line(
        cli("device", "revoke", "--url", url, "ffffffff")
    )


def test_the_commands_work_on_postgresql(cli, pg_url):
    url = migrated_with_office(pg_url)
    device_id = str(added(cli, url, "--kind", "counter")["device_id"])

    assert cli("device", "revoke", "--url", url, device_id, *NOW).returncode == 0
    listed = cli("device", "list", "--url", url, *NOW)
    assert f"{device_id[:8]}\tbb-mitte\tcounter\t–\tgesperrt\t–\t–" in listed.stdout.splitlines()


@pytest.mark.parametrize("words", [[], ["add"], ["list"], ["revoke"]])
def test_each_device_command_has_help(words, capsys):
    with pytest.raises(SystemExit) as done:
        main(["device", *words, "--help"])

    assert done.value.code == 0
    assert capsys.readouterr().out.startswith(f"Aufruf: buergerdesk device {' '.join(words)}")
