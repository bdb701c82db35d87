"""When the press office is open: a weekly table in UK wall-clock time, minus closed days.

Pure Python (no Django), so it can be tested over every quarter hour of several years.

The one rule everything follows: **the office is open at an instant when the wall clock in
London, at that instant, reads a time inside one of that weekday's periods (start inclusive,
end exclusive) and the day is not closed.** What that means at the clock changes:

* Spring forward (01:00 GMT becomes 02:00 BST): a period starting at a time that does not exist
  that night (01:30) opens when the clocks jump, at 02:00 BST; a period ending in the gap closes
  at the jump too.
* Fall back (02:00 BST becomes 01:00 GMT): the hour 01:00-02:00 happens twice, and a period
  covering part of it is open both times. Office hours in the small hours are unusual; the rule
  is simply "the office clock on the wall".

Elapsed time is always UTC arithmetic; wall-clock questions ("next 08:00") are answered by
building the local time on a date and converting it, never by adding hours to a local time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")

WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Monday (0) to Friday (4), 08:00 to 18:00.
DEFAULT_WEEKLY: Mapping[int, Sequence[tuple[time, time]]] = {
    day: ([(time(8, 0), time(18, 0))] if day < 5 else []) for day in range(7)
}

# A closure can be long, but a year and more without one opening is a configuration error.
SEARCH_LIMIT_DAYS = 3 * 366


def _never_closed(_day: date) -> str | None:
    return None


@lru_cache(maxsize=8)
def bank_holidays(region: str):
    """One ``holidays`` table per region for the life of the process: building one costs a
    millisecond or more, and bank holidays do not change while we run."""
    return holidays.country_holidays("GB", subdiv=region)


def closed_dates(
    region: str = "ENG", closures: Iterable[tuple[date, date, str]] = ()
) -> Callable[[date], str | None]:
    """A lookup of why the office is shut on a date: a bank holiday's name or a closure's reason.

    ``holidays.country_holidays("GB", subdiv=region)`` already lists substitute days ("Boxing Day
    (observed)") as their own dates; without a subdivision it would miss Easter Monday and the
    August bank holiday in England, hence the explicit region.
    """
    region_holidays = bank_holidays(region)
    closures = [(start, end, reason) for start, end, reason in closures]

    def closed_on(day: date) -> str | None:
        for start, end, reason in closures:
            if start <= day <= end:
                return reason
        name = region_holidays.get(day)
        return f"bank holiday: {name}" if name else None

    return closed_on


@dataclass(frozen=True)
class OfficeHours:
    """A weekly table of opening periods (weekday 0 = Monday) and a closed-days lookup."""

    weekly: Mapping[int, Sequence[tuple[time, time]]] = field(
        default_factory=lambda: DEFAULT_WEEKLY
    )
    closed_on: Callable[[date], str | None] = _never_closed
    tz: ZoneInfo = LONDON

    def __post_init__(self):
        for day, periods in self.weekly.items():
            for start, end in periods:
                if not start < end:
                    raise ValueError(f"{WEEKDAY_NAMES[day]}: a period must close after it opens")
        if not any(self.weekly.get(day) for day in range(7)):
            raise ValueError("the office must open on at least one weekday")

    def local(self, at: datetime) -> datetime:
        if at.tzinfo is None or at.utcoffset() is None:
            raise ValueError("office hours need an aware datetime")
        return at.astimezone(self.tz)

    def is_open(self, at: datetime) -> bool:
        return self.closed_reason(at) is None

    def closed_reason(self, at: datetime) -> str | None:
        """Why the office is shut at ``at`` in words ("weekend", "bank holiday: Good Friday"),
        or None when it is open."""
        local = self.local(at)
        day = local.date()
        periods = self.weekly.get(local.weekday(), ())
        if not periods:
            weekday = local.weekday()
            return "weekend" if weekday >= 5 else f"closed on {WEEKDAY_NAMES[weekday]}s"
        reason = self.closed_on(day)
        if reason:
            return reason
        clock = local.time().replace(tzinfo=None)
        if any(start <= clock < end for start, end in periods):
            return None
        if clock < min(start for start, _ in periods):
            return "before opening"
        if clock >= max(end for _, end in periods):
            return "after closing"
        return "outside office hours"

    def next_opening(self, at: datetime) -> datetime:
        """The earliest instant at or after ``at`` when the office is open, in UTC.

        ``at`` itself when open. Otherwise the office opens either when the wall clock reaches a
        period's start (both times, in the repeated autumn hour) or when the clocks change
        (jumping over a start in spring); those are the only candidates, checked in order.
        """
        at_utc = self.local(at).astimezone(UTC)
        if self.is_open(at_utc):
            return at_utc
        day = self.local(at_utc).date()
        for offset in range(SEARCH_LIMIT_DAYS):
            current = day + timedelta(days=offset)
            periods = self.weekly.get(current.weekday(), ())
            if not periods or self.closed_on(current):
                continue
            candidates = set(self._clock_changes(current))
            for start, _end in periods:
                candidates.update(self._instants_of(current, start))
            for candidate in sorted(candidates):
                if candidate >= at_utc and self.is_open(candidate):
                    return candidate
        raise ValueError(f"the office does not open within {SEARCH_LIMIT_DAYS} days of {at}")

    def _instants_of(self, day: date, clock: time) -> set[datetime]:
        """Every UTC instant the wall clock reads ``clock`` on ``day`` (two in the autumn hour,
        none in the spring gap)."""
        found = set()
        for fold in (0, 1):
            instant = datetime.combine(day, clock, tzinfo=self.tz).replace(fold=fold)
            instant_utc = instant.astimezone(UTC)
            back = instant_utc.astimezone(self.tz)
            if back.date() == day and back.time() == clock:
                found.add(instant_utc)
        return found

    def _clock_changes(self, day: date) -> list[datetime]:
        """The UTC instants on ``day`` when the offset from UTC changes (zero or one in the UK)."""
        start = datetime.combine(day, time(0), tzinfo=self.tz).astimezone(UTC)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=self.tz).astimezone(UTC)
        if start.astimezone(self.tz).utcoffset() == end.astimezone(self.tz).utcoffset():
            return []
        low, high = int(start.timestamp()), int(end.timestamp())
        before = start.astimezone(self.tz).utcoffset()
        while high - low > 1:
            middle = (low + high) // 2
            if datetime.fromtimestamp(middle, self.tz).utcoffset() == before:
                low = middle
            else:
                high = middle
        return [datetime.fromtimestamp(high, UTC)]


def describe_opening(at: datetime, tz: ZoneInfo = LONDON) -> str:
    """'08:00 on Monday 2 March', in the office's own time, for journalists."""
    local = at.astimezone(tz)
    return f"{local:%H:%M} on {WEEKDAY_NAMES[local.weekday()]} {local.day} {local:%B}"
