"""Where an enquiry goes, decided from when it arrived and whether the journalist said it is urgent.

Pure Python: the route names are the values of ``Enquiry.Route`` so the model can store them as
they come, but nothing here imports Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .office_hours import WEEKDAY_NAMES, OfficeHours

IN_HOURS = "in_hours"
URGENT_OUT_OF_HOURS = "urgent_out_of_hours"
QUEUED_FOR_OPENING = "queued_for_opening"


@dataclass(frozen=True)
class RouteDecision:
    route: str
    reason: str
    next_opening: datetime | None  # None when the office is open now


def route(urgent: bool, received_at: datetime, hours: OfficeHours) -> RouteDecision:
    """In hours: the office queue. Out of hours: on-call now if urgent, else the next opening.

    The reason reads like the press office would write it on the enquiry:
    "Received Saturday 23:04, office closed (weekend); urgent".
    """
    local = hours.local(received_at)
    received = f"Received {WEEKDAY_NAMES[local.weekday()]} {local:%H:%M}"
    urgency = "urgent" if urgent else "not urgent"
    closed = hours.closed_reason(received_at)
    if closed is None:
        return RouteDecision(IN_HOURS, f"{received}, office open; {urgency}", None)
    reason = f"{received}, office closed ({closed}); {urgency}"
    opening = hours.next_opening(received_at)
    return RouteDecision(URGENT_OUT_OF_HOURS if urgent else QUEUED_FOR_OPENING, reason, opening)
