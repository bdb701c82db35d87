"""People subscribe to their shifts, and to a whole rota, from their calendar app."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine

from enquiries.models import RotaCoverageWindow
from enquiries.oncall_feeds import person_feed_token, rota_feed_token

from .factories import OfficerFactory, cover, rota_of

LONDON = ZoneInfo("Europe/London")
pytestmark = pytest.mark.django_db


def events_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return sorted(
        (
            (
                event.decoded("dtstart").astimezone(LONDON),
                event.decoded("dtend").astimezone(LONDON),
                str(event["summary"]),
            )
            for event in calendar.walk("VEVENT")
        ),
        key=lambda e: e[0],
    )


def local(*args):
    return datetime(*args, tzinfo=LONDON)


@time_machine.travel(datetime(2026, 3, 10, 12, 0, tzinfo=UTC), tick=False)
def test_my_weekly_shift_hands_over_at_monday_0800_on_both_sides_of_the_spring_clock_change(
    client,
):
    priya, tom = OfficerFactory(first_name="Priya"), OfficerFactory(first_name="Tom")
    rota_of(priya, tom, name="Press office on call")  # Priya from Monday 5 January 2026

    events = events_of(client.get(f"/oncall/feeds/person/{person_feed_token(priya)}.ics"))

    # Priya's shifts: the weeks starting 16 March, 30 March (the clocks went forward on 29th)...
    starts = [start for start, _, _ in events]
    assert local(2026, 3, 16, 8) in starts
    assert local(2026, 3, 30, 8) in starts
    assert all(start.hour == 8 and start.weekday() == 0 for start in starts)
    # ...and Tom's week over the clock change lasts 167 real hours, not 168: it is Tom's, not hers.
    assert all(end - start == timedelta(days=7) for start, end, _ in events)
    assert local(2026, 3, 23, 8) not in starts
    assert {summary for _, _, summary in events} == {"On call: Press office on call"}


@time_machine.travel(datetime(2026, 10, 1, 12, 0, tzinfo=UTC), tick=False)
def test_a_weekend_shift_is_saturday_1800_to_monday_0800_on_the_wall_clock_in_october(client):
    gareth = OfficerFactory(first_name="Gareth", last_name="Evans")
    rota = rota_of(gareth, name="Weekend desk")
    RotaCoverageWindow.objects.create(
        rota=rota,
        start_weekday=5,
        start_time=datetime(2000, 1, 1, 18).time(),
        end_weekday=0,
        end_time=datetime(2000, 1, 1, 8).time(),
    )

    events = events_of(client.get(f"/oncall/feeds/rota/{rota.pk}/{rota_feed_token(rota)}.ics"))

    clock_change = [e for e in events if e[0].date() == local(2026, 10, 24).date()]
    ((start, end, summary),) = clock_change
    assert (start.hour, end.hour) == (18, 8)
    assert end.date() == local(2026, 10, 26).date()
    # 18:00 BST Saturday to 08:00 GMT Monday is 39 real hours: the clocks went back in between.
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=39)
    assert summary == "Weekend desk: Gareth Evans"
    # Between weekends nobody is on call, and the rota feed says so.
    gaps = [e for e in events if e[2] == "Weekend desk: NOBODY ON CALL"]
    assert (local(2026, 10, 26, 8), local(2026, 10, 31, 18)) in [(s, e) for s, e, _ in gaps]


@time_machine.travel(datetime(2026, 6, 1, 12, 0, tzinfo=UTC), tick=False)
def test_cover_moves_the_shift_into_the_coverers_feed(client):
    aisha, mei = OfficerFactory(first_name="Aisha"), OfficerFactory(first_name="Mei")
    rota = rota_of(aisha, name="Press office on call")
    cover(rota, mei, local(2026, 6, 13, 18), local(2026, 6, 14, 18), reason="Aisha at a wedding")

    mine = events_of(client.get(f"/oncall/feeds/person/{person_feed_token(mei)}.ics"))
    hers = events_of(client.get(f"/oncall/feeds/person/{person_feed_token(aisha)}.ics"))

    assert [(s, e) for s, e, _ in mine] == [(local(2026, 6, 13, 18), local(2026, 6, 14, 18))]
    # Aisha is the only member, so her weeks run on into each other, broken only by Mei's cover.
    assert local(2026, 6, 13, 18) in [e for _, e, _ in hers]
    assert local(2026, 6, 14, 18) in [s for s, _, _ in hers]
    assert not any(s < local(2026, 6, 14, 12) < e for s, e, _ in hers)


def test_a_guessed_or_old_feed_link_shows_nothing(client):
    olu = OfficerFactory(first_name="Olu")
    rota = rota_of(olu)
    token = person_feed_token(olu)

    assert client.get(f"/oncall/feeds/person/{olu.pk}-{'0' * 32}.ics").status_code == 404
    assert client.get(f"/oncall/feeds/rota/{rota.pk}/{'0' * 32}.ics").status_code == 404
    assert client.get("/oncall/feeds/person/nonsense.ics").status_code == 404

    olu.set_password("a new password after a lost phone")
    olu.save()
    assert client.get(f"/oncall/feeds/person/{token}.ics").status_code == 404
    assert client.get(f"/oncall/feeds/person/{person_feed_token(olu)}.ics").status_code == 200
