"""Life-cycle states and channels of DESIGN.md §2 as string enums."""

from enum import StrEnum


class AppointmentStatus(StrEnum):
    """Termin life cycle: booked → checked in → called → in service → done."""

    BOOKED = "booked"
    CHECKED_IN = "checked_in"
    CALLED = "called"
    IN_SERVICE = "in_service"
    DONE = "done"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


#: States in which an appointment holds its slot.
HOLDING_STATES = frozenset(s for s in AppointmentStatus if s is not AppointmentStatus.CANCELLED)


class TicketStatus(StrEnum):
    """Wartenummer life cycle: waiting → called → in service → done (or parked, no-show)."""

    WAITING = "waiting"
    CALLED = "called"
    IN_SERVICE = "in_service"
    DONE = "done"
    NO_SHOW = "no_show"
    PARKED = "parked"


class Channel(StrEnum):
    """How an appointment was booked."""

    PORTAL = "portal"
    PHONE = "phone"
    COUNTER = "counter"


class Role(StrEnum):
    """User roles (DESIGN.md §6)."""

    CLERK = "clerk"
    TEAM_LEAD = "team_lead"


class OfficeKind(StrEnum):
    """What kind of office: Bürgerbüro with walk-in hour, appointment-only, walk-in-only."""

    BUERGERBUERO = "buergerbuero"
    APPOINTMENT_ONLY = "appointment_only"
    WALK_IN_ONLY = "walk_in_only"


class PolicyKind(StrEnum):
    """Kinds of online booking policy (Buchungsfenster)."""

    ROLLING = "rolling"
    WEEKLY_RELEASE = "weekly_release"
    TIERED = "tiered"


class TicketReason(StrEnum):
    """Reason categories of a walk-in ticket; LOST_OR_STOLEN is served first."""

    LOST_OR_STOLEN = "verlust_diebstahl"
    URGENT_DOCUMENT = "dringendes_dokument"
    REGISTRATION = "anmeldung"
    OTHER = "sonstiges"


STATUS_LABELS_DE: dict[str, str] = {
    AppointmentStatus.BOOKED: "gebucht",
    AppointmentStatus.CHECKED_IN: "angemeldet",
    AppointmentStatus.CALLED: "aufgerufen",
    AppointmentStatus.IN_SERVICE: "in Bearbeitung",
    AppointmentStatus.DONE: "erledigt",
    AppointmentStatus.CANCELLED: "storniert",
    AppointmentStatus.NO_SHOW: "nicht erschienen",
}

CHANNEL_LABELS_DE: dict[str, str] = {
    Channel.PORTAL: "online",
    Channel.PHONE: "Telefon",
    Channel.COUNTER: "Schalter",
}

ROLE_LABELS_DE: dict[str, str] = {
    Role.CLERK: "Sachbearbeitung",
    Role.TEAM_LEAD: "Teamleitung",
}


class DeviceKind(StrEnum):
    """What a registered PC is (DESIGN.md §3): what it may read and do centrally."""

    COUNTER = "counter"
    RECEPTION = "reception"
    DISPLAY = "display"
    PORTAL = "portal"
