"""iCal feeds of on-call shifts: one per person (their own shifts) and one per rota.

Calendar apps fetch a feed without logging in, so the URL itself is the secret. A person's
token is an HMAC of their id and password hash: nobody can guess it, and changing the password
revokes every copy of the old link (as Django's password-reset tokens do). A rota's token is an
HMAC of its id. Both are compared in constant time.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.views.decorators.cache import never_cache

import icalendar

from .models import OnCallRota

FEED_PAST = timedelta(weeks=4)
FEED_AHEAD = timedelta(weeks=26)


def person_feed_token(user):
    digest = salted_hmac("enquiries.oncall.person_feed", f"{user.pk}:{user.password}")
    return f"{user.pk}-{digest.hexdigest()[:32]}"


def rota_feed_token(rota):
    return salted_hmac("enquiries.oncall.rota_feed", str(rota.pk)).hexdigest()[:32]


def _name(user):
    return user.get_full_name() or user.get_username()


def _calendar(name):
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Press Office//On-call shifts//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    return calendar


def _event(uid, summary, start, end, description=""):
    """One shift; times are written in UTC, which every calendar app converts correctly, so a
    shift over a clock change keeps its real length."""
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary)
    if description:
        event.add("description", description)
    return event


def _response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _window():
    now = timezone.now()
    return now - FEED_PAST, now + FEED_AHEAD


@never_cache
def person_feed(request, token):
    pk, _, _ = token.partition("-")
    if not pk.isdigit():
        raise Http404
    user = get_user_model().objects.filter(pk=int(pk), is_active=True).first()
    if user is None or not constant_time_compare(token, person_feed_token(user)):
        raise Http404
    start, end = _window()
    calendar = _calendar(f"On call: {_name(user)}")
    for rota in OnCallRota.objects.all():
        for shift in rota.shifts(start, end):
            if shift.person == user.pk:
                calendar.add_component(
                    _event(
                        f"oncall-{rota.pk}-{user.pk}-{shift.start:%Y%m%dT%H%M%SZ}@pressoffice",
                        f"On call: {rota.name}",
                        shift.start,
                        shift.end,
                        "Cover" if shift.source == "override" else "",
                    )
                )
    return _response(calendar, "my-on-call-shifts.ics")


@never_cache
def rota_feed(request, pk, token):
    rota = get_object_or_404(OnCallRota, pk=pk)
    if not constant_time_compare(token, rota_feed_token(rota)):
        raise Http404
    start, end = _window()
    users = get_user_model().objects.in_bulk(
        {s.person for s in rota.shifts(start, end) if s.person is not None}
    )
    calendar = _calendar(f"On call: {rota.name}")
    for shift in rota.shifts(start, end):
        who = _name(users[shift.person]) if shift.person in users else "NOBODY ON CALL"
        calendar.add_component(
            _event(
                f"oncall-{rota.pk}-{shift.start:%Y%m%dT%H%M%SZ}@pressoffice",
                f"{rota.name}: {who}",
                shift.start,
                shift.end,
                "A gap: alerts go to the fallback." if shift.person is None else "",
            )
        )
    return _response(calendar, f"rota-{rota.pk}.ics")


urlpatterns = [
    path("person/<str:token>.ics", person_feed, name="oncall_feed_person"),
    path("rota/<int:pk>/<str:token>.ics", rota_feed, name="oncall_feed_rota"),
]
