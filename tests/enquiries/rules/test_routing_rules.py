"""The routing rule on its own: urgency x open / closed, with the reason a press officer reads."""

from datetime import UTC, date, datetime

import pytest

from enquiries.rules.office_hours import OfficeHours, closed_dates
from enquiries.rules.routing import IN_HOURS, QUEUED_FOR_OPENING, URGENT_OUT_OF_HOURS, route

HOURS = OfficeHours(
    closed_on=closed_dates("ENG", [(date(2026, 12, 24), date(2027, 1, 1), "Christmas shutdown")])
)


@pytest.mark.parametrize(
    ("received_utc", "urgent", "expected_route", "reason", "reopens"),
    [
        (datetime(2026, 3, 3, 10, 0), True, IN_HOURS, "Tuesday 10:00, office open; urgent", None),
        (
            datetime(2026, 3, 3, 10, 0),
            False,
            IN_HOURS,
            "Tuesday 10:00, office open; not urgent",
            None,
        ),
        (
            datetime(2026, 2, 28, 23, 4),
            True,
            URGENT_OUT_OF_HOURS,
            "Saturday 23:04, office closed (weekend); urgent",
            datetime(2026, 3, 2, 8, 0),
        ),
        (
            datetime(2026, 6, 3, 17, 30),  # 18:30 BST
            False,
            QUEUED_FOR_OPENING,
            "Wednesday 18:30, office closed (after closing); not urgent",
            datetime(2026, 6, 4, 7, 0),  # 08:00 BST
        ),
        (
            datetime(2026, 5, 25, 9, 0),  # Spring bank holiday, 10:00 BST
            True,
            URGENT_OUT_OF_HOURS,
            "Monday 10:00, office closed (bank holiday: Spring Bank Holiday); urgent",
            datetime(2026, 5, 26, 7, 0),
        ),
        (
            datetime(2026, 12, 29, 11, 0),
            False,
            QUEUED_FOR_OPENING,
            "Tuesday 11:00, office closed (Christmas shutdown); not urgent",
            datetime(2027, 1, 4, 8, 0),
        ),
    ],
)
def test_route_by_urgency_and_office_hours(received_utc, urgent, expected_route, reason, reopens):
    decision = route(urgent, received_utc.replace(tzinfo=UTC), HOURS)
    assert decision.route == expected_route
    assert decision.reason == f"Received {reason}"
    assert decision.next_opening == (reopens.replace(tzinfo=UTC) if reopens else None)
