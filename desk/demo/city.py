"""The demo city's reference data: offices, counters, services, hours, policies, users.

Ids are the contract of DESIGN.md §5. Row ids that are UUIDs are derived with
uuid5 from a stable key, so seeding twice finds the rows it wrote before.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, time

from desk.domain.status import OfficeKind, PolicyKind, Role

NAMESPACE = uuid.UUID("5b1f0a52-3c1e-4f0e-9a57-6f2d7c1b8e01")
CITY = "Saalfurt"
DEMO_PASSWORD = "demo"


def demo_id(*parts: object) -> uuid.UUID:
    """A stable UUID for a demo row, from its key parts."""
    return uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts))


@dataclass(frozen=True)
class ServiceSpec:
    id: str
    name: str
    minutes: int
    leika: str | None
    online: bool = True


@dataclass(frozen=True)
class HoursSpec:
    weekdays: tuple[int, ...]
    opens: time
    closes: time


@dataclass(frozen=True)
class PolicySpec:
    kind: PolicyKind
    valid_from: date
    valid_until: date | None = None
    horizon_days: int | None = None
    release_weekday: int | None = None
    release_time: time | None = None
    free_months: int | None = None
    fee_months: int | None = None
    fee_cents: int | None = None
    portal_share_percent: int = 100
    service_id: str | None = None


@dataclass(frozen=True)
class OfficeSpec:
    id: str
    name: str
    kind: OfficeKind
    street: str
    postcode: str
    counters: int
    slot_minutes: int
    services: tuple[str, ...]
    hours: tuple[HoursSpec, ...]
    policies: tuple[PolicySpec, ...] = ()
    walk_in_quota: int | None = None
    counter_label: str = "Schalter"


SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec("anmeldung", "Anmeldung einer Wohnung", 15, "99115005070000"),
    ServiceSpec("personalausweis", "Personalausweis beantragen", 20, "99102002001000"),
    ServiceSpec("reisepass", "Reisepass beantragen", 20, "99102007001000"),
    ServiceSpec("abholung", "Abholung Ausweis/Pass", 5, None),
    ServiceSpec("fuehrungszeugnis", "Führungszeugnis beantragen", 10, "99012014001000"),
    ServiceSpec("verlust", "Verlustanzeige Ausweisdokument", 15, None),
    ServiceSpec("trauung", "Eheschließung (Trauung)", 45, "99070003001000"),
)

BB_SERVICES = (
    "anmeldung",
    "personalausweis",
    "reisepass",
    "abholung",
    "fuehrungszeugnis",
    "verlust",
)

#: Mo/Di/Do 8–18, Mi/Fr 8–12; appointments from 9:00 because 8–9 is the walk-in hour.
BB_HOURS = (
    HoursSpec((0, 1, 3), time(9), time(18)),
    HoursSpec((2, 4), time(9), time(12)),
)

#: The seed city's history: six weeks ahead, then a weekly Thursday-evening
#: release during the transition, then a rolling 14 days from 2024-03-18.
BB_POLICIES = (
    PolicySpec(
        PolicyKind.ROLLING,
        date(2020, 1, 1),
        date(2024, 1, 31),
        horizon_days=42,
        portal_share_percent=60,
    ),
    PolicySpec(
        PolicyKind.WEEKLY_RELEASE,
        date(2024, 2, 1),
        date(2024, 3, 17),
        release_weekday=3,
        release_time=time(18),
        portal_share_percent=60,
    ),
    PolicySpec(PolicyKind.ROLLING, date(2024, 3, 18), horizon_days=14, portal_share_percent=60),
)


def _buergerbuero(
    oid: str, name: str, street: str, postcode: str, counters: int, slot: int
) -> OfficeSpec:
    return OfficeSpec(
        oid,
        name,
        OfficeKind.BUERGERBUERO,
        street,
        postcode,
        counters,
        slot,
        BB_SERVICES,
        BB_HOURS,
        BB_POLICIES,
        walk_in_quota=20,
    )


OFFICES: tuple[OfficeSpec, ...] = (
    _buergerbuero("bb-mitte", "Bürgerbüro Mitte", "Marktplatz 1", "06108", 6, 15),
    _buergerbuero("bb-nord", "Bürgerbüro Nord", "Nordstraße 42", "06122", 5, 15),
    _buergerbuero("bb-sued", "Bürgerbüro Süd", "Südpromenade 7", "06128", 4, 10),
    _buergerbuero("bb-west", "Bürgerbüro West", "Weststraße 15a", "06126", 4, 15),
    OfficeSpec(
        "standesamt",
        "Standesamt",
        OfficeKind.APPOINTMENT_ONLY,
        "Rathausstraße 3",
        "06108",
        2,
        45,
        ("trauung",),
        (HoursSpec((1, 2, 3, 4), time(9), time(15)),),
        (
            PolicySpec(
                PolicyKind.TIERED, date(2020, 1, 1), free_months=6, fee_months=12, fee_cents=6000
            ),
        ),
        counter_label="Trauzimmer",
    ),
    OfficeSpec(
        "gesundheitsamt",
        "Gesundheitsamt",
        OfficeKind.WALK_IN_ONLY,
        "Am Klinikum 9",
        "06110",
        3,
        15,
        (),
        (HoursSpec((0, 1, 3), time(8), time(15)), HoursSpec((2, 4), time(8), time(12))),
    ),
)


@dataclass(frozen=True)
class UserSpec:
    username: str
    display_name: str
    role: Role
    office_id: str | None


USERS: tuple[UserSpec, ...] = (
    UserSpec("teamleitung", "Teamleitung Bürgerservice", Role.TEAM_LEAD, None),
    UserSpec("sb.mitte1", "Sachbearbeitung Mitte 1", Role.CLERK, "bb-mitte"),
    UserSpec("sb.mitte2", "Sachbearbeitung Mitte 2", Role.CLERK, "bb-mitte"),
    UserSpec("sb.nord", "Sachbearbeitung Nord", Role.CLERK, "bb-nord"),
    UserSpec("sb.sued", "Sachbearbeitung Süd", Role.CLERK, "bb-sued"),
    UserSpec("sb.west", "Sachbearbeitung West", Role.CLERK, "bb-west"),
    UserSpec("empfang.mitte", "Empfang Mitte", Role.CLERK, "bb-mitte"),
)
