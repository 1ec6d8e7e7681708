"""``buergerdesk stats``: the statistics as CSV through the real command line, on the demo
city (SQLite and PostgreSQL); refused requests exit 2 with one line."""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from desk.services.database import open_database
from desk.services.reports.csv_export import COLUMNS, statistics_csv
from desk.services.reports.statistics import office_statistics

Cli = Callable[..., subprocess.CompletedProcess[str]]
HEADER = [
    "datum",
    "termine_online",
    "termine_intern",
    "termine_erledigt",
    "termine_storniert",
    "termine_nicht_erschienen",
    "nicht_erschienen_prozent",
    "wartenummern_ausgegeben",
    "wartenummern_kontingent",
    "kontingent_genutzt_prozent",
    "wartenummern_erledigt",
    "wartenummern_nicht_erschienen",
    "wartezeit_wartenummer_mittel_min",
    "wartezeit_wartenummer_p90_min",
    "bearbeitung_wartenummer_mittel_min",
    "bearbeitung_wartenummer_p90_min",
    "wartezeit_termin_mittel_min",
    "wartezeit_termin_p90_min",
    "bearbeitung_termin_mittel_min",
    "bearbeitung_termin_p90_min",
    "vorlauf_online_mittel_tage",
    "vorlauf_online_p90_tage",
]
ADDITIVE = [
    "termine_online",
    "termine_intern",
    "termine_erledigt",
    "termine_storniert",
    "termine_nicht_erschienen",
    "wartenummern_ausgegeben",
    "wartenummern_kontingent",
    "wartenummern_erledigt",
    "wartenummern_nicht_erschienen",
]


def stats_args(url: str, office: str, first: str, last: str) -> list[str]:
    return ["stats", "--url", url, "--office", office, "--from", first, "--to", last]


def test_stats_prints_one_csv_row_per_day_and_the_total(cli: Cli, demo_url: str):
    result = cli(*stats_args(demo_url, "bb-mitte", "2024-03-15", "2024-03-19"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == HEADER == [name for name, _ in COLUMNS]
    assert [r["datum"] for r in rows] == [
        "2024-03-15",
        "2024-03-16",
        "2024-03-17",
        "2024-03-18",
        "2024-03-19",
        "gesamt",
    ]
    weekend = rows[1:3]
    assert all(r["termine_online"] == "0" and r["wartenummern_kontingent"] == "0" for r in weekend)
    assert all(r["wartezeit_wartenummer_mittel_min"] == "" for r in weekend)
    friday = rows[0]
    assert friday["wartenummern_kontingent"] == "20"
    assert int(friday["termine_erledigt"]) > 0 and int(friday["wartenummern_ausgegeben"]) > 0
    for column in ADDITIVE:
        assert int(rows[-1][column]) == sum(int(r[column]) for r in rows[:-1]), column
    db = open_database(demo_url)
    try:
        expected = statistics_csv(
            office_statistics(db, "bb-mitte", date(2024, 3, 15), date(2024, 3, 19))
        )
    finally:
        db.dispose()
    assert result.stdout == expected


def test_refused_requests_exit_2_with_one_line(cli: Cli, demo_sqlite_url: str):
    url = demo_sqlite_url
    calls = {
        "Unbekannter Standort 'bb-zentrum'": stats_args(
            url, "bb-zentrum", "2024-03-01", "2024-03-31"
        ),
        "nach seinem Ende": stats_args(url, "bb-mitte", "2024-03-31", "2024-03-01"),
        "Ungültiges Datum '2024-02-30'": stats_args(url, "bb-mitte", "2024-02-30", "2024-03-31"),
        "--to": ["stats", "--url", url, "--office", "bb-mitte", "--from", "2024-03-01"],
    }
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        results = dict(zip(calls, pool.map(lambda args: cli(*args), calls.values()), strict=True))
    for words, result in results.items():
        assert result.returncode == 2, (words, result.stdout, result.stderr)
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("buergerdesk"), result.stderr
        assert words in lines[0]
        assert "Traceback" not in result.stderr


def test_stats_has_help(cli: Cli):
    result = cli("stats", "--help")
    assert result.returncode == 0
    for option in ("--url", "--office", "--from", "--to"):
        assert option in result.stdout
