"""The escalation plan: which step comes after which, and when. Pure rules, no Django.

A plan is levels in order, run ``repeat`` more times after the first round, then the fallback,
then the end. A position is ``(level_index, round)``; the fallback is ``FALLBACK``; after it
comes ``END``. Deadlines are elapsed time, so they are computed in UTC: a 30-minute timeout is 30
real minutes even when the clocks change in between.
"""

from dataclasses import dataclass, field
from datetime import UTC, timedelta

FALLBACK_LEVEL = -1
# The fallback alerted because a level hit a rota gap (nobody on call), keyed by the round of
# the gap: a key of its own, so the same person can still be paged as the plan's real fallback.
GAP_LEVEL = -2


@dataclass(frozen=True)
class Level:
    targets: tuple  # opaque target descriptions; the caller resolves them to people
    timeout_minutes: int


@dataclass(frozen=True)
class Plan:
    levels: tuple
    repeat: int = 0  # extra rounds after the first
    fallback: tuple = ()
    fallback_timeout_minutes: int = 15


@dataclass(frozen=True)
class Step:
    """A position in the plan: a level in a round, or the fallback (level FALLBACK_LEVEL)."""

    level: int
    round: int = 0

    @property
    def is_fallback(self):
        return self.level == FALLBACK_LEVEL


FALLBACK = Step(FALLBACK_LEVEL, 0)
END = None  # nothing left to do


def first_step(plan):
    return Step(0, 0) if plan.levels else FALLBACK


def step_after(plan, level_index, round_):
    """The step that follows level ``level_index`` of round ``round_``: a Step, FALLBACK or END."""
    if level_index == FALLBACK_LEVEL:
        return END
    if not 0 <= level_index < len(plan.levels) or not 0 <= round_ <= plan.repeat:
        raise ValueError(f"no level {level_index} in round {round_} of this plan")
    if level_index + 1 < len(plan.levels):
        return Step(level_index + 1, round_)
    if round_ < plan.repeat:
        return Step(0, round_ + 1)
    return FALLBACK


def targets_of(plan, step):
    return plan.fallback if step.is_fallback else plan.levels[step.level].targets


def timeout_of(plan, step):
    if step.is_fallback:
        return plan.fallback_timeout_minutes
    return plan.levels[step.level].timeout_minutes


@dataclass(frozen=True)
class Reached:
    """Where the plan lands: the step with people to notify (or END), and the steps skipped."""

    step: Step | None
    people: tuple = ()
    skipped: tuple = field(default_factory=tuple)  # steps that resolved to nobody


def next_reachable(plan, step, resolve):
    """From ``step`` onwards, the first step whose targets resolve to somebody.

    ``resolve(targets) -> tuple of people`` (the caller's rota look-ups and contact checks). A
    step that resolves to nobody is skipped and listed, so the caller can record it; if the
    fallback resolves to nobody too the result is END with everything skipped.
    """
    skipped = []
    while step is not END:
        people = tuple(dict.fromkeys(resolve(targets_of(plan, step))))
        if people:
            return Reached(step, people, tuple(skipped))
        skipped.append(step)
        step = step_after(plan, step.level, step.round)
    return Reached(END, (), tuple(skipped))


def rounds_with_gaps(plan, skipped, empty_rotas):
    """The rounds in which a skipped level resolved to nobody because a rota of it was empty.

    A gap is an alert in itself: the caller alerts the fallback once for each of these rounds.
    ``empty_rotas`` are the rotas with nobody on call now; levels skipped only because their
    people have no working contact method are not gaps, nor is the fallback itself.
    """
    rounds = []
    for step in skipped:
        if step.is_fallback:
            continue
        if any(kind == "rota" and ident in empty_rotas for kind, ident in targets_of(plan, step)):
            rounds.append(step.round)
    return tuple(dict.fromkeys(rounds))


def deadline(now, plan, step):
    """When ``step`` times out: ``now`` plus its timeout in elapsed (UTC) time."""
    if now.tzinfo is None:
        raise ValueError("deadlines need an aware datetime")
    return now.astimezone(UTC) + timedelta(minutes=timeout_of(plan, step))


def plan_from_snapshot(snapshot):
    """A plan from the JSON frozen on an alert (see EscalationPolicy.snapshot)."""
    return Plan(
        levels=tuple(
            Level(
                targets=tuple(("person", p) for p in level.get("people", ()))
                + tuple(("rota", r) for r in level.get("rotas", ())),
                timeout_minutes=int(level["timeout_minutes"]),
            )
            for level in snapshot.get("levels", ())
        ),
        repeat=int(snapshot.get("repeat", 0)),
        fallback=tuple(("person", p) for p in snapshot.get("fallback", ())),
        fallback_timeout_minutes=int(snapshot.get("fallback_timeout_minutes", 15)),
    )
