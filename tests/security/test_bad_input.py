"""Bad input on the command line and at the service: each is refused with exit 2 and one
line on stderr (the service: 4xx with the reason), and nothing is written. The commands
run in-process through ``desk.cli.main.main`` (the console script's guard); where bytes
and pipes matter, as the real console script."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from desk.cli.main import main
from desk.config import DATA_DIR_ENV
from desk.domain.localtime import parse_now
from desk.services.database import open_database
from desk.store.models import Appointment
from tests.cli.conftest import SCRIPT
from tests.service_fixtures import Service
from tests.sync.conftest import NOW, SERVICE, Central, count

DEMO_NOW = ["--now", "2024-03-20T10:30"]
BOOK = ["portal", "book", "--office", "bb-mitte", "--service", "anmeldung"]
FREE_START = ["--start", "2024-03-20T11:00"]  # offered online at DEMO_NOW
USER_ADD = ["user", "add", "--username", "neu.user", "--role", "clerk", "--stdin"]
PASSWORD = "Rathaus-Schalter 7 am Markt\n"
#: Names that read otherwise than they are stored, or show nothing at all.
TRICKY_NAMES = {
    "rtl-override": "\u202eanroH ardnA",
    "embedding": "Anna \u202bHorn\u202c",
    "isolate": "Anna \u2067Horn\u2069",
    "rlm-mark": "Anna\u200f Horn",
    "zero-width-only": "\u200b\u200c\u200d",
    "word-joiner-and-bom": "\u2060\ufeff",
    "hangul-filler": "\u3164\u3164",
    "blank-braille": "\u2800",
    "no-break-spaces": "\u00a0\u2007\u202f",
}


@pytest.fixture
def demo_copy(demo_sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A private copy of the demo city; in-process commands keep their logs in tmp_path."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    target = tmp_path / "demo-copy.sqlite"
    source = demo_sqlite_url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return f"sqlite:///{target}"


def rows(url: str) -> dict[str, int]:
    """Rows per table of a SQLite database: what 'nothing written' is checked against."""
    with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as conn:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def run(argv: list[str], capsys: pytest.CaptureFixture[str], stdin: str = "") -> tuple[int, str]:
    """``buergerdesk ARGV`` in-process: the exit code (argparse's too) and stderr."""
    capsys.readouterr()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO(stdin))
        try:
            code = main(argv)
        except SystemExit as done:
            code = int(done.code or 0)
    return code, capsys.readouterr().err


def refused(code: int, err: str, *words: str) -> str:
    """Exit 2 and one line on stderr (holding ``words``); the line."""
    assert code == 2, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert all(word in lines[0] for word in words), lines[0]
    return lines[0]


# ------------------------------------------------------------------ invalid UTF-8


@pytest.mark.parametrize("where", ["portal-book-name", "user-display-name"])
def test_invalid_utf8_name_is_refused_with_exit_2(where, demo_copy, capsys):
    not_utf8 = "Anna \udcff Horn"  # how Python hands over the byte 0xff of argv
    argv = {
        "portal-book-name": [*BOOK, *FREE_START, "--name", not_utf8, *DEMO_NOW],
        "user-display-name": [*USER_ADD, "--display-name", not_utf8, *DEMO_NOW],
    }[where]
    before = rows(demo_copy)

    code, err = run([*argv, "--url", demo_copy], capsys, stdin=PASSWORD)

    refused(code, err, "UTF-8")
    assert rows(demo_copy) == before


def test_invalid_utf8_bytes_from_a_shell_are_refused_with_exit_2(demo_copy, tmp_path):
    before = rows(demo_copy)
    env = dict(os.environ, BUERGERDESK_DATA_DIR=str(tmp_path / "data"))

    done = subprocess.run(
        [str(SCRIPT), *BOOK, *FREE_START, "--name", b"Anna \xff", "--url", demo_copy,
         *DEMO_NOW],
        capture_output=True, env=env, timeout=60, check=False,
    )  # fmt: skip

    refused(done.returncode, done.stderr.decode("utf-8"), "UTF-8")
    assert done.stdout == b""
    assert rows(demo_copy) == before


@pytest.mark.parametrize("errors", ["strict", "surrogateescape"])
def test_invalid_utf8_password_on_stdin_is_refused_with_exit_2(
    errors, demo_copy, capsys, monkeypatch
):
    raw = io.BytesIO(b"Rathaus-\xff-Schalter 7 am Markt\n")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(raw, encoding="utf-8", errors=errors))
    before = rows(demo_copy)
    capsys.readouterr()

    code = main([*USER_ADD, "--display-name", "Neu", "--url", demo_copy, *DEMO_NOW])

    refused(code, capsys.readouterr().err, "Passwort", "UTF-8")
    assert rows(demo_copy) == before


# ------------------------------------------------------------------ numbers out of range


WALKIN_HOUR = ["--now", "2024-03-20T08:30"]


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["walkin", "call", "--office", "bb-mitte", "--counter", "9223372036854775808",
          *WALKIN_HOUR], "--counter"),
        (["walkin", "call", "--office", "bb-mitte", "--counter", "-1", *WALKIN_HOUR],
         "--counter"),
        (["retention", "run", "--days", "1000000000000", *DEMO_NOW], "--days"),
        (["device", "add", "--office", "bb-mitte", "--kind", "counter", "--counter",
          "1e9", *DEMO_NOW], "--counter"),
        (["backup", "--keep", "99999999999999999999"], "--keep"),
        (["sync", "--central", "https://127.0.0.1:1", "--once", "--interval", "1e400"],
         "--interval"),
        (["serve", "--listen", "127.0.0.1:1", "--retention-days", "1000000000000"],
         "--retention-days"),
    ],
    ids=["walkin-counter", "walkin-counter-negative", "retention-days", "device-counter",
         "backup-keep", "sync-interval", "serve-retention-days"],
)  # fmt: skip
def test_numbers_out_of_range_are_refused_with_exit_2(argv, option, demo_copy, capsys):
    before = rows(demo_copy)

    code, err = run([*argv, "--url", demo_copy], capsys)

    refused(code, err, f"Option {option}", "erwartet")
    assert rows(demo_copy) == before


# ------------------------------------------------------------------ a closed pipe


def test_a_closed_pipe_ends_user_list_and_stats_quietly(demo_copy, tmp_path):
    env = dict(os.environ, BUERGERDESK_DATA_DIR=str(tmp_path / "data"))
    commands = [
        ["user", "list", "--url", demo_copy],
        ["stats", "--url", demo_copy, "--office", "bb-mitte", "--from", "2024-01-01",
         "--to", "2024-03-20"],
    ]  # fmt: skip
    pipe = subprocess.PIPE
    started = [
        subprocess.Popen([str(SCRIPT), *argv], stdout=pipe, stderr=pipe, env=env)
        for argv in commands
    ]
    for process in started:  # the reader is gone before the first line (… | head -0)
        assert process.stdout is not None
        process.stdout.close()

    ended = [(process.wait(60), process.stderr.read()) for process in started if process.stderr]

    for (code, err), process in zip(ended, started, strict=True):
        assert process.stderr is not None
        process.stderr.close()
        assert err == b"", err.decode()
        assert code == 141  # as a Unix tool the SIGPIPE ended


# ------------------------------------------------------------------ tricky names


@pytest.mark.parametrize("name", list(TRICKY_NAMES.values()), ids=list(TRICKY_NAMES))
def test_bidi_or_invisible_citizen_name_is_refused_with_exit_2(name, demo_copy, capsys):
    before = rows(demo_copy)

    code, err = run([*BOOK, *FREE_START, "--name", name, "--url", demo_copy, *DEMO_NOW], capsys)

    line = refused(code, err)
    assert "Name" in line
    assert rows(demo_copy) == before


@pytest.mark.parametrize("name", list(TRICKY_NAMES.values()), ids=list(TRICKY_NAMES))
def test_bidi_or_invisible_user_name_is_refused_with_exit_2(name, demo_copy, capsys):
    before = rows(demo_copy)

    argv = [*USER_ADD, "--display-name", name, "--url", demo_copy, *DEMO_NOW]
    code, err = run(argv, capsys, stdin=PASSWORD)

    line = refused(code, err)
    assert "Name" in line
    assert rows(demo_copy) == before


@pytest.fixture(scope="module")
def portal_service(central_factory: Callable[..., Central], service_factory) -> Service:
    return service_factory(central_factory({"bb-namen": 1}))


def test_the_service_refuses_tricky_and_invalid_names_with_4xx(portal_service: Service):
    portal = portal_service.enroll("bb-namen", "portal")
    http = portal_service.http(portal)
    http.headers["X-Buergerdesk-Now"] = NOW.isoformat()  # a training service
    with http:
        offered = http.get("/v1/portal/slots", params={"service": SERVICE})
        assert offered.status_code == 200, offered.text
        start = offered.json()[0]["start"]
        answers = {
            label: http.post(
                "/v1/portal/bookings", json={"service": SERVICE, "start": start, "name": name}
            )
            for label, name in TRICKY_NAMES.items()
        }
        answers["lone-surrogate"] = http.post(
            "/v1/portal/bookings",
            content=b'{"service": "%s", "start": "%s", "name": "Anna \\udcff"}'
            % (SERVICE.encode(), start.encode()),
            headers={"Content-Type": "application/json"},
        )

    assert {label: a.status_code // 100 for label, a in answers.items()} == dict.fromkeys(
        answers, 4
    ), {label: a.text for label, a in answers.items()}
    assert "Schreibrichtung" in answers["rtl-override"].text
    assert "unsichtbar" in answers["zero-width-only"].text
    assert count(portal_service.db, Appointment) == 0


# ------------------------------------------------------------------ --now and the clocks


def test_now_in_the_spring_forward_gap_is_refused_with_exit_2(demo_copy, capsys):
    before = rows(demo_copy)

    argv = [*USER_ADD, "--display-name", "Neu", "--url", demo_copy, "--now", "2024-03-31T02:30"]
    code, err = run(argv, capsys, stdin=PASSWORD)

    refused(code, err, "2024-03-31T02:30", "gibt es in Ortszeit nicht")
    assert rows(demo_copy) == before


def test_now_in_the_autumn_fold_is_its_first_occurrence_unless_an_offset_says_otherwise():
    first = parse_now("2024-10-27T02:30")
    second = parse_now("2024-10-27T02:30+01:00")
    assert first.utcoffset() == timedelta(hours=2)
    assert second.astimezone(UTC) - first.astimezone(UTC) == timedelta(hours=1)


# ------------------------------------------------------------------ read-only SQLite


@pytest.mark.parametrize(
    ("command", "query"),
    [
        (["db", "upgrade"], "mode=ro&uri=true"),
        (["demo", *DEMO_NOW], "mode=ro&uri=true"),
        (["walkin", "issue", "--office", "bb-mitte", "--now", "2024-03-20T08:30"], "mode=ro"),
    ],
    ids=["db-upgrade", "demo", "walkin-issue"],
)
def test_a_read_only_sqlite_url_is_refused_with_exit_2(command, query, demo_copy, capsys):
    path = Path(demo_copy.removeprefix("sqlite:///"))
    before = path.read_bytes()
    prefix = "file:" if "uri=true" in query else ""

    code, err = run([*command, "--url", f"sqlite:///{prefix}{path}?{query}"], capsys)

    refused(code, err, "mode")
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name)) == [
        path.name
    ]  # not even WAL's side files


# ------------------------------------------------------------------ passwords in URLs


def test_config_show_masks_a_password_in_any_url(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    (tmp_path / "config.toml").write_text(
        'local_database = "postgresql+psycopg://desk:Geheim-1@db.example/city"\n'
        '[central]\nurl = "https://pc:Geheim-2@zentrale.example:8443"\n',
        encoding="utf-8",
    )
    capsys.readouterr()

    main(["config", "show"])

    shown = capsys.readouterr()
    assert "Geheim" not in shown.out + shown.err
    assert "postgresql+psycopg://desk:***@db.example/city" in shown.out


@pytest.mark.parametrize(
    "argv",
    [
        ["user", "list", "--url", "postgresql+psycopg://desk:Geheim-1@127.0.0.1:1/city"],
        ["stats", "--office", "bb-mitte", "--from", "2024-03-01", "--to", "2024-03-02",
         "--url", "postgresql://desk@127.0.0.1:1/city?password=Geheim-1"],
        ["sync", "--url", "sqlite:///local.sqlite", "--once",
         "--central", "https://pc:Geheim-1@zentrale.example:8443"],
        ["sync", "--url", "sqlite:///local.sqlite", "--once",
         "--central", "postgresql+psycopg://schalter:Geheim-1@db.example/city"],
        ["enroll", "--central", "https://pc:Geheim-1@zentrale.example:8443", "--code", "X"],
    ],
    ids=["user-list-url", "stats-url-parameter", "sync-central", "sync-central-database",
         "enroll-central"],
)  # fmt: skip
def test_a_password_in_url_or_central_is_refused_with_exit_2(argv, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))

    code, err = run(argv, capsys)

    refused(code, err, "kein Passwort in der URL", ".pgpass")
    assert "Geheim" not in err
    assert not (tmp_path / "local.sqlite").exists()


def test_a_password_in_the_url_never_reaches_postgresql(pg_url, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    with_password = make_url(pg_url).set(password="Geheim-1").render_as_string(False)

    code, err = run(["db", "upgrade", "--url", with_password], capsys)

    refused(code, err, "kein Passwort in der URL")
    db = open_database(pg_url, ready=False)
    try:
        assert inspect(db.pool).get_table_names() == []  # trust auth would have let it in
    finally:
        db.dispose()


# ------------------------------------------------------------------ argparse in German


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["device", "add", "--url", "sqlite:///x.sqlite", "--office", "bb-mitte", "--kind",
          "counter", "--counter", "abc"], ["Option --counter", "ganze Zahl", "'abc'"]),
        (["walkin", "issue", "--office", "bb-mitte"], ["fehlende Angaben", "--url"]),
        (["user", "add", "--url", "sqlite:///x.sqlite", "--username", "abc", "--display-name",
          "A", "--role", "chef"], ["Option --role", "ungültige Auswahl", "'chef'"]),
        (["walkin", "call", "--url", "sqlite:///x.sqlite", "--office", "bb-mitte",
          "--counter", "1", "--fast"], ["unbekannte Angabe", "--fast"]),
    ],
    ids=["invalid-int", "missing-option", "invalid-choice", "unknown-option"],
)  # fmt: skip
def test_argparse_errors_are_one_german_line_with_exit_2(argv, words, capsys):
    code, err = run(argv, capsys)

    line = refused(code, err, *words)
    assert not any(english in line for english in ("argument", "invalid", "required"))
