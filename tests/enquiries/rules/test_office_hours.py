"""Office hours across the whole of 2025-2030, every quarter hour, against an independent oracle.

The oracle is built from the rules as a press officer would state them, without the code under
test, zoneinfo or the ``holidays`` package: UK clocks are GMT except from 01:00 UTC on the last
Sunday of March to 01:00 UTC on the last Sunday of October (BST, UTC+1); the office is open
Monday to Friday 08:00-18:00 on the wall clock, except on the bank holidays of England and Wales
(typed in below from the published lists) and the Christmas shutdown.
"""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enquiries.rules.office_hours import (
    DEFAULT_WEEKLY,
    OfficeHours,
    closed_dates,
    describe_opening,
)

ENGLAND_AND_WALES_BANK_HOLIDAYS = {
    # 2025
    date(2025, 1, 1), date(2025, 4, 18), date(2025, 4, 21), date(2025, 5, 5),
    date(2025, 5, 26), date(2025, 8, 25), date(2025, 12, 25), date(2025, 12, 26),
    # 2026: Boxing Day is a Saturday, substitute Monday 28 December
    date(2026, 1, 1), date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 4),
    date(2026, 5, 25), date(2026, 8, 31), date(2026, 12, 25), date(2026, 12, 28),
    # 2027: Easter in March; Christmas on a weekend, substitutes 27 and 28 December
    date(2027, 1, 1), date(2027, 3, 26), date(2027, 3, 29), date(2027, 5, 3),
    date(2027, 5, 31), date(2027, 8, 30), date(2027, 12, 27), date(2027, 12, 28),
    # 2028: New Year's Day is a Saturday, substitute Monday 3 January
    date(2028, 1, 3), date(2028, 4, 14), date(2028, 4, 17), date(2028, 5, 1),
    date(2028, 5, 29), date(2028, 8, 28), date(2028, 12, 25), date(2028, 12, 26),
    # 2029
    date(2029, 1, 1), date(2029, 3, 30), date(2029, 4, 2), date(2029, 5, 7),
    date(2029, 5, 28), date(2029, 8, 27), date(2029, 12, 25), date(2029, 12, 26),
    # 2030
    date(2030, 1, 1), date(2030, 4, 19), date(2030, 4, 22), date(2030, 5, 6),
    date(2030, 5, 27), date(2030, 8, 26), date(2030, 12, 25), date(2030, 12, 26),
}  # fmt: skip

SHUTDOWN = (date(2026, 12, 24), date(2027, 1, 1), "Christmas shutdown")

STEP = timedelta(minutes=15)
FIRST = datetime(2025, 1, 1, tzinfo=UTC)
LAST = datetime(2031, 1, 1, tzinfo=UTC)


def last_sunday(year, month):
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() - 6) % 7)


def uk_offset(instant_utc):
    """BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October."""
    year = instant_utc.year
    summer_starts = datetime.combine(last_sunday(year, 3), time(1), tzinfo=UTC)
    summer_ends = datetime.combine(last_sunday(year, 10), time(1), tzinfo=UTC)
    return timedelta(hours=1) if summer_starts <= instant_utc < summer_ends else timedelta(0)


def oracle_is_open(instant_utc, shutdown=SHUTDOWN):
    wall = (instant_utc + uk_offset(instant_utc)).replace(tzinfo=None)
    day = wall.date()
    if wall.weekday() >= 5 or day in ENGLAND_AND_WALES_BANK_HOLIDAYS:
        return False
    if shutdown and shutdown[0] <= day <= shutdown[1]:
        return False
    return time(8) <= wall.time() < time(18)


def every_quarter_hour():
    instant = FIRST
    while instant < LAST:
        yield instant
        instant += STEP


@pytest.fixture(scope="module")
def hours():
    return OfficeHours(weekly=DEFAULT_WEEKLY, closed_on=closed_dates("ENG", [SHUTDOWN]))


@pytest.fixture(scope="module")
def timeline():
    """Every quarter hour of 2025-2030 in UTC with the oracle's answer."""
    return [(instant, oracle_is_open(instant)) for instant in every_quarter_hour()]


def test_the_oracle_knows_the_clock_changes():
    assert last_sunday(2026, 3) == date(2026, 3, 29)
    assert last_sunday(2026, 10) == date(2026, 10, 25)
    assert last_sunday(2030, 3) == date(2030, 3, 31)
    assert len(ENGLAND_AND_WALES_BANK_HOLIDAYS) == 6 * 8


def test_open_or_closed_every_quarter_hour_of_2025_to_2030(hours, timeline):
    assert len(timeline) > 210_000
    wrong = [instant for instant, expected in timeline if hours.is_open(instant) != expected]
    assert wrong == []


def test_next_opening_every_quarter_hour_of_2025_to_2030(hours, timeline):
    """Openings fall on quarter hours, so the oracle's next open quarter hour is the answer."""
    expected_next = [None] * len(timeline)
    upcoming = None
    for index in range(len(timeline) - 1, -1, -1):
        instant, is_open = timeline[index]
        if is_open:
            upcoming = instant
        expected_next[index] = upcoming
    # The last days of 2030 run into 2031, beyond the oracle; stop at the final opening.
    wrong = [
        instant
        for (instant, _), expected in zip(timeline, expected_next, strict=True)
        if expected is not None and hours.next_opening(instant) != expected
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("in_words", "utc_instant"),
    [
        # Spring forward: the first Monday of BST opens at 08:00 BST = 07:00 UTC.
        ("08:00 on Monday 30 March", datetime(2026, 3, 30, 7, 0, tzinfo=UTC)),
        # Fall back: the first Monday of GMT opens at 08:00 GMT = 08:00 UTC.
        ("08:00 on Monday 26 October", datetime(2026, 10, 26, 8, 0, tzinfo=UTC)),
    ],
)
def test_office_opens_at_eight_on_the_wall_clock_either_side_of_a_clock_change(
    hours, in_words, utc_instant
):
    friday_evening = utc_instant - timedelta(days=2, hours=13)
    assert not hours.is_open(friday_evening)
    assert hours.next_opening(friday_evening) == utc_instant
    assert describe_opening(utc_instant) == in_words


def test_a_weekend_across_the_spring_clock_change_is_one_hour_shorter_in_real_time(hours):
    """18:00 Friday to 08:00 Monday is 62 hours on the wall clock but 61 real hours in March."""
    closes = datetime(2026, 3, 27, 18, 0, tzinfo=UTC)  # 18:00 GMT
    assert hours.is_open(closes - timedelta(seconds=1))
    assert not hours.is_open(closes)
    assert hours.next_opening(closes) - closes == timedelta(hours=61)


def test_substitute_bank_holidays_and_easter_are_closed(hours):
    for day in [date(2027, 12, 27), date(2027, 12, 28), date(2028, 1, 3)]:
        noon = datetime.combine(day, time(12), tzinfo=UTC)
        assert not hours.is_open(noon)
        assert hours.closed_reason(noon).startswith("bank holiday")
    good_friday_2027 = datetime(2027, 3, 26, 10, 0, tzinfo=UTC)
    assert hours.closed_reason(good_friday_2027) == "bank holiday: Good Friday"
    # Thursday before Easter 2027 at 17:59 GMT, then closed until Tuesday 08:00 BST.
    assert hours.is_open(datetime(2027, 3, 25, 17, 59, tzinfo=UTC))
    assert hours.next_opening(good_friday_2027) == datetime(2027, 3, 30, 7, 0, tzinfo=UTC)


def test_a_christmas_shutdown_gives_its_reason_and_opens_after_it(hours):
    christmas_eve = datetime(2026, 12, 24, 10, 0, tzinfo=UTC)
    assert hours.closed_reason(christmas_eve) == "Christmas shutdown"
    assert hours.next_opening(christmas_eve) == datetime(2027, 1, 4, 8, 0, tzinfo=UTC)
    assert describe_opening(hours.next_opening(christmas_eve)) == "08:00 on Monday 4 January"


def test_boxing_day_2026_is_a_bank_holiday_on_monday_28_december_without_a_shutdown():
    hours = OfficeHours(closed_on=closed_dates("ENG"))
    monday = datetime(2026, 12, 28, 12, 0, tzinfo=UTC)
    assert hours.closed_reason(monday) == "bank holiday: Boxing Day (observed)"
    assert hours.next_opening(monday) == datetime(2026, 12, 29, 8, 0, tzinfo=UTC)


def test_without_a_region_the_english_bank_holidays_still_apply():
    hours = OfficeHours(closed_on=closed_dates())
    easter_monday = datetime(2026, 4, 6, 10, 0, tzinfo=UTC)
    late_august = datetime(2026, 8, 31, 10, 0, tzinfo=UTC)
    assert not hours.is_open(easter_monday)
    assert not hours.is_open(late_august)


def test_scotland_works_on_easter_monday_and_closes_on_2_january():
    hours = OfficeHours(closed_on=closed_dates("SCT"))
    assert hours.is_open(datetime(2026, 4, 6, 10, 0, tzinfo=UTC))
    assert not hours.is_open(datetime(2026, 1, 2, 10, 0, tzinfo=UTC))


def small_hours(periods):
    """An office open only on Sundays in the given periods: to probe the clock changes."""
    return OfficeHours(weekly={day: (periods if day == 6 else []) for day in range(7)})


def test_an_opening_time_that_does_not_exist_opens_when_the_clocks_jump():
    """01:30 on 29 March 2026 never happens: the office opens at 02:00 BST (01:00 UTC)."""
    hours = small_hours([(time(1, 30), time(3, 0))])
    saturday = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    assert hours.next_opening(saturday) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert not hours.is_open(datetime(2026, 3, 29, 0, 59, tzinfo=UTC))  # 00:59 GMT


def test_a_period_in_the_repeated_autumn_hour_is_open_both_times():
    """On 25 October 2026 the wall clock shows 01:00-01:30 twice: open both times."""
    hours = small_hours([(time(1, 0), time(1, 30))])
    first = datetime(2026, 10, 25, 0, 0, tzinfo=UTC)  # 01:00 BST
    between = datetime(2026, 10, 25, 0, 45, tzinfo=UTC)  # 01:45 BST: closed
    second = datetime(2026, 10, 25, 1, 0, tzinfo=UTC)  # 01:00 GMT: open again
    assert hours.next_opening(first - timedelta(hours=1)) == first
    assert not hours.is_open(between)
    assert hours.next_opening(between) == second
    assert hours.is_open(second + timedelta(minutes=29))
    assert not hours.is_open(second + timedelta(minutes=30))


def test_a_period_ending_in_the_repeated_hour_reopens_when_the_clocks_go_back():
    hours = small_hours([(time(0, 30), time(1, 30))])
    after_first_close = datetime(2026, 10, 25, 0, 31, tzinfo=UTC)  # 01:31 BST
    assert not hours.is_open(after_first_close)
    assert hours.next_opening(after_first_close) == datetime(2026, 10, 25, 1, 0, tzinfo=UTC)


def test_naive_datetimes_are_refused(hours):
    with pytest.raises(ValueError, match="aware"):
        hours.is_open(datetime(2026, 3, 2, 9, 0))


def test_a_table_that_never_opens_is_refused():
    with pytest.raises(ValueError, match="at least one weekday"):
        OfficeHours(weekly={day: [] for day in range(7)})
    with pytest.raises(ValueError, match="close after it opens"):
        OfficeHours(weekly={0: [(time(18), time(8))]})


instants = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2032, 12, 31), timezones=st.just(UTC)
)
weekly_tables = st.dictionaries(
    st.integers(0, 6),
    st.lists(
        st.tuples(st.times(), st.times()).filter(lambda p: p[0] < p[1]).map(tuple),
        min_size=1,
        max_size=3,
    ),
    min_size=1,
)


@settings(max_examples=300, deadline=None)
@given(at=instants)
def test_next_opening_is_open_not_earlier_and_nothing_open_before_it(hours, at):
    opening = hours.next_opening(at)
    assert opening >= at
    assert hours.is_open(opening)
    probe = at
    while probe < opening:
        assert not hours.is_open(probe)
        probe += timedelta(minutes=5)
    # The office really was closed just before it opened (unless it was open at `at`).
    if opening > at:
        assert not hours.is_open(max(at, opening - timedelta(seconds=1)))


@settings(max_examples=200, deadline=None)
@given(at=instants, weekly=weekly_tables)
def test_next_opening_holds_for_any_weekly_table_including_the_small_hours(at, weekly):
    hours = OfficeHours(weekly=weekly)
    opening = hours.next_opening(at)
    assert opening >= at
    assert hours.is_open(opening)
    if opening > at:
        assert not hours.is_open(opening - timedelta(microseconds=1))
        probe = at
        while probe < opening:
            assert not hours.is_open(probe)
            probe += timedelta(minutes=7)
