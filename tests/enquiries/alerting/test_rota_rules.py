"""Who is on call: the pure rota rules, across the clock changes of 2026 and 2027.

UK clocks go forward at 01:00 UTC on the last Sunday of March (29 Mar 2026, 28 Mar 2027) and back
at 01:00 UTC on the last Sunday of October (25 Oct 2026, 31 Oct 2027).
"""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enquiries.rules.rota import (
    Override,
    Rota,
    Window,
    gaps,
    handoff,
    on_call,
    shifts,
    to_instant,
)

LONDON = ZoneInfo("Europe/London")


def london(*args, fold=0):
    return datetime(*args, tzinfo=LONDON, fold=fold)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


WEEKLY = Rota(
    members=("priya", "tom", "aisha"),
    first_handoff=datetime(2026, 1, 5, 8, 0),  # Monday 08:00
    shift=timedelta(days=7),
)

# Out of hours only: weeknights 18:00 to 08:00 and the weekend from Friday 18:00 to Monday 08:00.
OUT_OF_HOURS = Rota(
    members=("priya", "tom"),
    first_handoff=datetime(2026, 1, 5, 8, 0),
    shift=timedelta(days=7),
    windows=(
        Window(0, time(18), 1, time(8)),
        Window(1, time(18), 2, time(8)),
        Window(2, time(18), 3, time(8)),
        Window(3, time(18), 4, time(8)),
        Window(4, time(18), 0, time(8)),
    ),
)

WEEKEND = Rota(
    members=("gareth", "mei"),
    first_handoff=datetime(2026, 1, 3, 18, 0),  # a Saturday
    shift=timedelta(days=7),
    windows=(Window(5, time(18), 0, time(8)),),  # Saturday 18:00 to Monday 08:00
)


class TestWallClock:
    def test_a_time_that_happens_once_is_that_instant(self):
        assert to_instant(datetime(2026, 7, 1, 8, 0)) == utc(2026, 7, 1, 7, 0)
        assert to_instant(datetime(2026, 12, 1, 8, 0)) == utc(2026, 12, 1, 8, 0)

    @pytest.mark.parametrize(
        "wall, expected",
        [
            (datetime(2026, 3, 29, 1, 30), utc(2026, 3, 29, 1, 0)),
            (datetime(2026, 3, 29, 1, 0), utc(2026, 3, 29, 1, 0)),
            (datetime(2027, 3, 28, 1, 59), utc(2027, 3, 28, 1, 0)),
        ],
    )
    def test_a_time_skipped_in_spring_happens_when_the_clocks_jump(self, wall, expected):
        assert to_instant(wall) == expected
        assert expected.astimezone(LONDON).hour == 2

    @pytest.mark.parametrize(
        "wall, expected",
        [
            (datetime(2026, 10, 25, 1, 30), utc(2026, 10, 25, 0, 30)),
            (datetime(2027, 10, 31, 1, 0), utc(2027, 10, 31, 0, 0)),
        ],
    )
    def test_a_time_repeated_in_autumn_happens_the_first_time(self, wall, expected):
        assert to_instant(wall) == expected
        assert expected.astimezone(LONDON).tzname() == "BST"

    def test_naive_instants_are_refused(self):
        with pytest.raises(ValueError):
            on_call(WEEKLY, datetime(2026, 3, 1, 12, 0))


class TestWeeklyRotation:
    def test_members_take_turns_from_the_first_handoff(self):
        assert on_call(WEEKLY, london(2026, 1, 5, 8, 0)) == "priya"
        assert on_call(WEEKLY, london(2026, 1, 12, 7, 59)) == "priya"
        assert on_call(WEEKLY, london(2026, 1, 12, 8, 0)) == "tom"
        assert on_call(WEEKLY, london(2026, 1, 19, 8, 0)) == "aisha"
        assert on_call(WEEKLY, london(2026, 1, 26, 8, 0)) == "priya"

    def test_nobody_before_the_rota_starts(self):
        assert on_call(WEEKLY, london(2026, 1, 5, 7, 59)) is None

    @pytest.mark.parametrize(
        "monday",
        [
            datetime(2026, 3, 30),  # first Monday in BST, 2026
            datetime(2026, 10, 26),  # first Monday back in GMT, 2026
            datetime(2027, 3, 29),
            datetime(2027, 11, 1),
        ],
    )
    def test_handoff_stays_at_0800_on_the_wall_clock_after_a_clock_change(self, monday):
        handover = london(monday.year, monday.month, monday.day, 8, 0)
        before = on_call(WEEKLY, handover - timedelta(minutes=1))
        after = on_call(WEEKLY, handover)
        assert before != after
        assert on_call(WEEKLY, handover + timedelta(minutes=1)) == after

    def test_a_week_across_the_spring_change_is_167_real_hours(self):
        k = next(k for k in range(60) if handoff(WEEKLY, k) > utc(2026, 3, 24))
        assert handoff(WEEKLY, k) - handoff(WEEKLY, k - 1) == timedelta(hours=167)

    def test_a_week_across_the_autumn_change_is_169_real_hours(self):
        k = next(k for k in range(60) if handoff(WEEKLY, k) > utc(2026, 10, 25))
        assert handoff(WEEKLY, k) - handoff(WEEKLY, k - 1) == timedelta(hours=169)


class TestHandoffInTheMissingAndRepeatedHour:
    DAILY_0130 = Rota(
        members=("priya", "tom"),
        first_handoff=datetime(2026, 3, 1, 1, 30),
        shift=timedelta(days=1),
    )

    def test_spring_handoff_at_0130_happens_at_0200_bst(self):
        # 29 March 2026 has no 01:30; the hand-off happens as the clocks jump (01:00 UTC).
        before = on_call(self.DAILY_0130, utc(2026, 3, 29, 0, 59))
        after = on_call(self.DAILY_0130, utc(2026, 3, 29, 1, 0))
        assert before != after

    def test_autumn_handoff_at_0130_happens_at_the_first_0130(self):
        first_0130 = london(2026, 10, 25, 1, 30, fold=0)
        second_0130 = london(2026, 10, 25, 1, 30, fold=1)
        assert first_0130.astimezone(UTC) == utc(2026, 10, 25, 0, 30)
        before = on_call(self.DAILY_0130, first_0130 - timedelta(seconds=1))
        after = on_call(self.DAILY_0130, first_0130)
        assert before != after
        # The second 01:30 is not a second hand-off.
        assert on_call(self.DAILY_0130, second_0130) == after


class TestTwelveHourShifts:
    DAY_NIGHT = Rota(
        members=("day", "night"),
        first_handoff=datetime(2026, 1, 5, 8, 0),
        shift=timedelta(hours=12),
    )

    @pytest.mark.parametrize("day", [(2026, 3, 29), (2026, 10, 25), (2027, 3, 28)])
    def test_shifts_hand_over_at_0800_and_2000_wall_clock_even_on_clock_change_days(self, day):
        assert on_call(self.DAY_NIGHT, london(*day, 7, 59)) == "night"
        assert on_call(self.DAY_NIGHT, london(*day, 8, 0)) == "day"
        assert on_call(self.DAY_NIGHT, london(*day, 19, 59)) == "day"
        assert on_call(self.DAY_NIGHT, london(*day, 20, 0)) == "night"


class TestCoverageWindows:
    @pytest.mark.parametrize(
        "saturday, monday",
        [
            ((2026, 3, 28), (2026, 3, 30)),
            ((2026, 10, 24), (2026, 10, 26)),
            ((2027, 3, 27), (2027, 3, 29)),
            ((2027, 10, 30), (2027, 11, 1)),
        ],
    )
    def test_saturday_1800_to_monday_0800_is_that_on_the_wall_clock(self, saturday, monday):
        start, end = london(*saturday, 18, 0), london(*monday, 8, 0)
        assert on_call(WEEKEND, start - timedelta(seconds=1)) is None
        assert on_call(WEEKEND, start) is not None
        assert on_call(WEEKEND, end - timedelta(seconds=1)) is not None
        assert on_call(WEEKEND, end) is None
        weekend = [s for s in shifts(WEEKEND, start - timedelta(hours=1), end) if s.person]
        assert [(s.start, s.end) for s in weekend] == [(start.astimezone(UTC), end.astimezone(UTC))]

    def test_the_spring_weekend_is_one_hour_shorter_in_real_time(self):
        spring = london(2026, 3, 30, 8, 0) - london(2026, 3, 28, 18, 0)
        shift = next(
            s for s in shifts(WEEKEND, utc(2026, 3, 28), utc(2026, 3, 31)) if s.person is not None
        )
        assert shift.end - shift.start == timedelta(hours=37)
        assert spring == timedelta(hours=38)  # aware arithmetic in one zone is wall-clock: a trap

    def test_out_of_hours_rota_has_gaps_in_office_hours(self):
        assert on_call(OUT_OF_HOURS, london(2026, 3, 4, 12, 0)) is None
        assert on_call(OUT_OF_HOURS, london(2026, 3, 4, 23, 0)) is not None
        found = gaps(OUT_OF_HOURS, london(2026, 3, 2, 0, 0), london(2026, 3, 9, 0, 0))
        assert [
            (a.astimezone(LONDON).strftime("%a %H:%M"), b.astimezone(LONDON).strftime("%a %H:%M"))
            for a, b in found
        ] == [
            ("Mon 08:00", "Mon 18:00"),
            ("Tue 08:00", "Tue 18:00"),
            ("Wed 08:00", "Wed 18:00"),
            ("Thu 08:00", "Thu 18:00"),
            ("Fri 08:00", "Fri 18:00"),
        ]


class TestOverrides:
    def test_an_override_wins_over_the_rotation(self):
        rota = Rota(
            members=WEEKLY.members,
            first_handoff=WEEKLY.first_handoff,
            shift=WEEKLY.shift,
            overrides=(Override("olu", london(2026, 3, 28, 18, 0), london(2026, 3, 30, 8, 0)),),
        )
        assert on_call(rota, london(2026, 3, 28, 17, 59)) == on_call(WEEKLY, london(2026, 3, 28))
        assert on_call(rota, london(2026, 3, 29, 3, 0)) == "olu"
        assert on_call(rota, london(2026, 3, 30, 8, 0)) == on_call(WEEKLY, london(2026, 3, 30, 8))

    def test_the_later_override_wins_where_two_overlap(self):
        rota = Rota(
            members=("priya",),
            first_handoff=datetime(2026, 1, 5, 8, 0),
            shift=timedelta(days=7),
            overrides=(
                Override("tom", utc(2026, 5, 1), utc(2026, 5, 10)),
                Override("aisha", utc(2026, 5, 3), utc(2026, 5, 4)),
            ),
        )
        assert on_call(rota, utc(2026, 5, 2)) == "tom"
        assert on_call(rota, utc(2026, 5, 3, 12)) == "aisha"
        assert on_call(rota, utc(2026, 5, 5)) == "tom"

    def test_an_override_fills_a_gap_outside_the_coverage_windows(self):
        rota = Rota(
            members=OUT_OF_HOURS.members,
            first_handoff=OUT_OF_HOURS.first_handoff,
            shift=OUT_OF_HOURS.shift,
            windows=OUT_OF_HOURS.windows,
            overrides=(Override("olu", london(2026, 3, 4, 8, 0), london(2026, 3, 4, 18, 0)),),
        )
        found = gaps(rota, london(2026, 3, 4, 0, 0), london(2026, 3, 5, 0, 0))
        assert found == []
        assert [s.source for s in shifts(rota, london(2026, 3, 4), london(2026, 3, 5))] == [
            "rotation",
            "override",
            "rotation",
        ]

    def test_a_rota_with_no_members_is_one_long_gap_unless_overridden(self):
        empty = Rota(members=(), first_handoff=datetime(2026, 1, 5, 8), shift=timedelta(days=7))
        assert gaps(empty, utc(2026, 2, 1), utc(2026, 2, 8)) == [(utc(2026, 2, 1), utc(2026, 2, 8))]


class TestEightWeekView:
    def test_shifts_cover_the_period_without_holes_or_overlaps(self):
        start, end = london(2026, 3, 2), london(2026, 4, 27)
        found = shifts(WEEKLY, start, end)
        assert found[0].start == start.astimezone(UTC)
        assert found[-1].end == end.astimezone(UTC)
        for a, b in zip(found, found[1:], strict=False):
            assert a.end == b.start
            assert a.person != b.person
        assert len(found) == 9  # a partial first week, seven whole weeks, a partial last one


instants = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2028, 1, 1), timezones=st.just(UTC)
)


@settings(max_examples=300, deadline=None)
@given(at=instants)
def test_on_call_agrees_with_the_shift_list_at_any_instant(at):
    for rota in (WEEKLY, OUT_OF_HOURS, WEEKEND, TestTwelveHourShifts.DAY_NIGHT):
        listed = shifts(rota, at - timedelta(days=3), at + timedelta(days=3))
        (containing,) = [s for s in listed if s.start <= at < s.end]
        assert containing.person == on_call(rota, at)


@settings(max_examples=200, deadline=None)
@given(at=instants)
def test_weekly_handoffs_are_always_monday_0800_london(at):
    k = next(k for k in range(200) if handoff(WEEKLY, k) > at)
    local = handoff(WEEKLY, k).astimezone(LONDON)
    assert (local.weekday(), local.hour, local.minute) == (0, 8, 0)


@settings(max_examples=200, deadline=None)
@given(
    at=instants,
    start=instants,
    hours=st.integers(min_value=1, max_value=200),
)
def test_an_override_covering_an_instant_always_wins(at, start, hours):
    end = start + timedelta(hours=hours)
    rota = Rota(
        members=OUT_OF_HOURS.members,
        first_handoff=OUT_OF_HOURS.first_handoff,
        shift=OUT_OF_HOURS.shift,
        windows=OUT_OF_HOURS.windows,
        overrides=(Override("cover", start, end),),
    )
    if start <= at < end:
        assert on_call(rota, at) == "cover"
    else:
        assert on_call(rota, at) == on_call(OUT_OF_HOURS, at)
