"""The escalation plan: levels in order, repeated, then the fallback, then the end."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enquiries.rules.escalation import (
    END,
    FALLBACK,
    Level,
    Plan,
    Step,
    deadline,
    first_step,
    next_reachable,
    plan_from_snapshot,
    step_after,
)

PLAN = Plan(
    levels=(
        Level(targets=(("rota", 1),), timeout_minutes=5),
        Level(targets=(("person", 7),), timeout_minutes=10),
    ),
    repeat=1,
    fallback=(("person", 99),),
)


def test_the_plan_walks_levels_then_repeats_then_falls_back_then_ends():
    walk = [first_step(PLAN)]
    while walk[-1] is not END:
        step = walk[-1]
        walk.append(step_after(PLAN, step.level, step.round))
    assert walk == [Step(0, 0), Step(1, 0), Step(0, 1), Step(1, 1), FALLBACK, END]


def test_a_plan_without_levels_goes_straight_to_the_fallback():
    assert first_step(Plan(levels=(), fallback=(("person", 1),))) == FALLBACK


def test_a_step_outside_the_plan_is_an_error():
    with pytest.raises(ValueError):
        step_after(PLAN, 2, 0)
    with pytest.raises(ValueError):
        step_after(PLAN, 0, 2)


def test_a_level_that_resolves_to_nobody_is_skipped_and_listed():
    on_call = {("rota", 1): (), ("person", 7): (7,), ("person", 99): (99,)}
    reached = next_reachable(PLAN, first_step(PLAN), lambda t: sum((on_call[x] for x in t), ()))
    assert reached.step == Step(1, 0)
    assert reached.people == (7,)
    assert reached.skipped == (Step(0, 0),)


def test_nobody_anywhere_reaches_the_fallback_at_once():
    reached = next_reachable(
        PLAN, first_step(PLAN), lambda t: (99,) if t == (("person", 99),) else ()
    )
    assert reached.step == FALLBACK
    assert reached.people == (99,)
    assert reached.skipped == (Step(0, 0), Step(1, 0), Step(0, 1), Step(1, 1))


def test_nobody_at_all_ends_with_every_step_skipped():
    reached = next_reachable(PLAN, first_step(PLAN), lambda t: ())
    assert reached.step is END
    assert reached.skipped[-1] == FALLBACK


def test_a_person_named_twice_in_a_level_is_alerted_once():
    reached = next_reachable(PLAN, Step(1, 0), lambda t: (7, 7))
    assert reached.people == (7,)


def test_deadlines_are_elapsed_time_across_the_clock_change():
    # 00:50 GMT on 29 March 2026; 30 minutes later it is 02:20 BST, not 01:20.
    opened = datetime(2026, 3, 29, 0, 50, tzinfo=ZoneInfo("Europe/London"))
    due = deadline(opened, Plan(levels=(Level((), 30),)), Step(0, 0))
    assert due == datetime(2026, 3, 29, 1, 20, tzinfo=UTC)
    assert due - opened == timedelta(minutes=30)
    assert due.astimezone(ZoneInfo("Europe/London")).strftime("%H:%M") == "02:20"


def test_the_fallback_has_its_own_timeout():
    now = datetime(2026, 11, 28, 23, 0, tzinfo=UTC)
    assert deadline(now, PLAN, FALLBACK) == now + timedelta(minutes=15)


def test_a_frozen_snapshot_becomes_the_same_plan():
    snapshot = {
        "levels": [
            {"timeout_minutes": 5, "people": [], "rotas": [1]},
            {"timeout_minutes": 10, "people": [7], "rotas": []},
        ],
        "repeat": 1,
        "fallback": [99],
        "fallback_timeout_minutes": 15,
    }
    assert plan_from_snapshot(snapshot) == PLAN


@given(
    levels=st.integers(min_value=1, max_value=6),
    repeat=st.integers(min_value=0, max_value=4),
)
def test_every_level_of_every_round_is_visited_once_in_order(levels, repeat):
    plan = Plan(levels=tuple(Level((("person", i),), 1) for i in range(levels)), repeat=repeat)
    walk, step = [], first_step(plan)
    while step is not END:
        walk.append(step)
        step = step_after(plan, step.level, step.round)
    expected = [Step(level, rnd) for rnd in range(repeat + 1) for level in range(levels)]
    assert walk == [*expected, FALLBACK]
