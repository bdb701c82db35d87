"""Who is on call at an instant: pure rules, no Django.

A rota is a rotation of members handing over on the London wall clock, optionally limited to
weekly coverage windows, with explicit overrides on top. People are opaque values (user ids).

Wall clock versus elapsed time: hand-offs and windows are wall-clock times in Europe/London, so
"Monday 08:00" is 08:00 in GMT and in BST, and a weekly shift over a clock change lasts 167 or 169
real hours. Everything is computed as naive local wall-clock times first and only then turned
into instants with :func:`to_instant`, which says what happens at the clock changes:

* a wall-clock time that does not exist (01:30 on the spring-forward Sunday) happens at the
  moment the clocks jump, 02:00 BST (01:00 UTC): the hand-off is not skipped, it comes at the
  first instant the wall clock has reached that time;
* a wall-clock time that happens twice (01:30 on the autumn Sunday) happens the first time
  (01:30 BST), the one a person looking at the clock would see first.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Override:
    """``person`` is on call from ``start`` to ``end`` (aware), whatever the rotation says."""

    person: object
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Window:
    """A weekly covered period on the London wall clock; wraps over the week's end if need be."""

    start_weekday: int  # Monday = 0
    start_time: time
    end_weekday: int
    end_time: time


@dataclass(frozen=True)
class Rota:
    members: tuple
    first_handoff: datetime  # naive London wall-clock time of the first hand-off (members[0])
    shift: timedelta  # shift length on the wall clock
    overrides: tuple = ()  # later overrides win over earlier ones where they overlap
    windows: tuple = ()  # empty: the rotation covers all the time


@dataclass(frozen=True)
class Shift:
    person: object  # None for a gap
    start: datetime  # aware, UTC
    end: datetime
    source: str  # "rotation", "override" or "gap"


def to_instant(wall, tz=LONDON):
    """The UTC instant at which the London wall clock first shows ``wall`` (naive)."""
    first = wall.replace(tzinfo=tz, fold=0)
    if _wall(first.astimezone(UTC), tz) == wall:
        return first.astimezone(UTC)
    # The wall time falls in a spring-forward gap: the answer is the end of the gap, the first
    # instant whose wall time is not before ``wall``. Binary search to the second between the two
    # readings of the time (fold=1 uses the offset after the change, so it lies before the gap).
    low = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)
    high = first.astimezone(UTC)
    if low > high:
        low, high = high, low
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if _wall(middle, tz) >= wall:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0)


def _wall(instant, tz=LONDON):
    return instant.astimezone(tz).replace(tzinfo=None)


def _require_aware(at):
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("on-call rules need aware datetimes")
    return at.astimezone(UTC)


def handoff(rota, k):
    """The instant the k-th shift of the rotation starts (k may be negative)."""
    return to_instant(rota.first_handoff + k * rota.shift)


def _shift_index(rota, at):
    """k such that handoff(k) <= at < handoff(k + 1)."""
    guess = (_wall(at) - rota.first_handoff) // rota.shift
    k = int(guess)
    while handoff(rota, k) > at:
        k -= 1
    while handoff(rota, k + 1) <= at:
        k += 1
    return k


def _rotation_person(rota, at):
    if not rota.members:
        return None
    k = _shift_index(rota, at)
    if k < 0:
        return None  # before the rota started
    return rota.members[k % len(rota.members)]


def window_intervals(rota, start, end):
    """The covered periods of ``rota.windows`` that touch [start, end), as UTC instants."""
    intervals = []
    first_monday = (_wall(start) - timedelta(days=_wall(start).weekday() + 7)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    monday = first_monday
    while to_instant(monday) < end + WEEK:
        for window in rota.windows:
            opens = monday + timedelta(days=window.start_weekday)
            opens = datetime.combine(opens.date(), window.start_time)
            closes = datetime.combine(
                (monday + timedelta(days=window.end_weekday)).date(), window.end_time
            )
            if closes <= opens:
                closes += WEEK
            a, b = to_instant(opens), to_instant(closes)
            if a < end and b > start and a < b:
                intervals.append((a, b))
        monday += WEEK
    return sorted(intervals)


def _covered(rota, at):
    if not rota.windows:
        return True
    return any(a <= at < b for a, b in window_intervals(rota, at, at + timedelta(seconds=1)))


def _override_at(rota, at):
    for override in reversed(rota.overrides):
        if _require_aware(override.start) <= at < _require_aware(override.end):
            return override
    return None


def on_call(rota, at):
    """The person on call at instant ``at``, or None if nobody is (a gap)."""
    at = _require_aware(at)
    override = _override_at(rota, at)
    if override is not None:
        return override.person
    if not _covered(rota, at):
        return None
    return _rotation_person(rota, at)


def _source(rota, at):
    if _override_at(rota, at) is not None:
        return "override"
    person = on_call(rota, at)
    return "gap" if person is None else "rotation"


def _boundaries(rota, start, end):
    points = {start, end}
    if rota.members:
        k = _shift_index(rota, start)
        while True:
            k += 1
            moment = handoff(rota, k)
            if moment >= end:
                break
            points.add(moment)
    for a, b in window_intervals(rota, start, end):
        points.update(p for p in (a, b) if start < p < end)
    for override in rota.overrides:
        for p in (_require_aware(override.start), _require_aware(override.end)):
            if start < p < end:
                points.add(p)
    return sorted(points)


def shifts(rota, start, end):
    """Who is on call over [start, end): consecutive periods, gaps included, merged when equal."""
    start, end = _require_aware(start), _require_aware(end)
    if end <= start:
        return []
    result = []
    points = _boundaries(rota, start, end)
    for a, b in zip(points, points[1:], strict=False):
        person, source = on_call(rota, a), _source(rota, a)
        if result and result[-1].person == person and result[-1].source == source:
            result[-1] = Shift(person, result[-1].start, b, source)
        else:
            result.append(Shift(person, a, b, source))
    return result


def gaps(rota, start, end):
    """The periods within [start, end) when nobody is on call, as (start, end) UTC instants."""
    return [(s.start, s.end) for s in shifts(rota, start, end) if s.person is None]
