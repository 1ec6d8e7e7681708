"""The statistics as CSV: one row per day and a last row ``gesamt`` for the period.

Shared by ``buergerdesk stats`` and the statistics page's export, so both write the
same file. Comma-separated (RFC 4180), UTF-8, decimal point, empty cell for "no
value" (no quota, nothing measured); durations in minutes, the horizon in days,
shares in percent — each with one decimal.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import TextIO

from desk.services.reports.statistics import Figures, OfficeStatistics

TOTAL_LABEL = "gesamt"


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}"


#: (column, value of a row); the README's team lead's guide documents each column.
COLUMNS: tuple[tuple[str, Callable[[Figures], object]], ...] = (
    ("datum", lambda f: f.day.isoformat() if f.day else TOTAL_LABEL),
    ("termine_online", lambda f: f.booked_online),
    ("termine_intern", lambda f: f.booked_internal),
    ("termine_erledigt", lambda f: f.served),
    ("termine_storniert", lambda f: f.cancelled),
    ("termine_nicht_erschienen", lambda f: f.no_show),
    ("nicht_erschienen_prozent", lambda f: _percent(f.no_show_rate)),
    ("wartenummern_ausgegeben", lambda f: f.tickets_issued),
    ("wartenummern_kontingent", lambda f: "" if f.tickets_quota is None else f.tickets_quota),
    ("kontingent_genutzt_prozent", lambda f: _percent(f.quota_used)),
    ("wartenummern_erledigt", lambda f: f.tickets_served),
    ("wartenummern_nicht_erschienen", lambda f: f.tickets_no_show),
    ("wartezeit_wartenummer_mittel_min", lambda f: _number(f.ticket_wait.mean)),
    ("wartezeit_wartenummer_p90_min", lambda f: _number(f.ticket_wait.p90)),
    ("bearbeitung_wartenummer_mittel_min", lambda f: _number(f.ticket_service.mean)),
    ("bearbeitung_wartenummer_p90_min", lambda f: _number(f.ticket_service.p90)),
    ("wartezeit_termin_mittel_min", lambda f: _number(f.appointment_wait.mean)),
    ("wartezeit_termin_p90_min", lambda f: _number(f.appointment_wait.p90)),
    ("bearbeitung_termin_mittel_min", lambda f: _number(f.appointment_service.mean)),
    ("bearbeitung_termin_p90_min", lambda f: _number(f.appointment_service.p90)),
    ("vorlauf_online_mittel_tage", lambda f: _number(f.horizon.mean)),
    ("vorlauf_online_p90_tage", lambda f: _number(f.horizon.p90)),
)


def write_csv(stats: OfficeStatistics, out: TextIO) -> None:
    """Write the header, one row per day of the period and the ``gesamt`` row."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(name for name, _ in COLUMNS)
    for figures in (*stats.days, stats.total):
        writer.writerow(value(figures) for _, value in COLUMNS)


def statistics_csv(stats: OfficeStatistics) -> str:
    """The CSV as text."""
    out = io.StringIO()
    write_csv(stats, out)
    return out.getvalue()
