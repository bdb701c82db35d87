"""An enquiry's way in: stored, matched to its contact, routed by office hours, announced.

The glue between the models and the pure rules. The enquiry, its contact, its route and its
timeline commit in one transaction; the emails are only enqueued once it has committed, so a
rolled-back enquiry sends nothing and a slow SMTP server never loses one.

Whatever listens to ``enquiry_routed`` (the on-call alerting opens its alert there) runs in a
savepoint inside that transaction: if it fails, only its own rows roll back, the journalist's
enquiry is still stored and routed, and the failure goes to the log and the enquiry's timeline.
The alerting sweep opens the missing alert within one sweep interval (``alerting.sweep``).
"""

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from enquiries import tasks
from enquiries.models import Enquiry, EnquiryEvent, MediaContact
from enquiries.models.enquiry import normalise_phone
from enquiries.office_hours_cache import current_office_hours
from enquiries.rules import routing as routing_rules
from enquiries.rules.office_hours import OfficeHours, describe_opening
from enquiries.signals import enquiry_routed

logger = logging.getLogger(__name__)


def office_hours(request=None) -> OfficeHours:
    """The office hours as configured in the admin: kept per process (see office_hours_cache)
    and looked up once per request."""
    cached = getattr(request, "_enquiries_office_hours", None)
    if cached is not None:
        return cached
    hours = current_office_hours()
    if request is not None:
        request._enquiries_office_hours = hours
    return hours


def receive_enquiry(
    *,
    journalist_name,
    subject,
    question,
    outlet="",
    email="",
    phone="",
    deadline=None,
    urgent=False,
    statement=None,
    topics=(),
    channel=Enquiry.Channel.WEB,
    received_at=None,
    actor=None,
    hours=None,
) -> Enquiry:
    """Store a new enquiry from a journalist and route it; returns it committed or raises.

    Its topics are those given (by the officer logging a call) and those of the statement it
    names, so an enquiry about a published statement is in the queue's topic filter at once.
    """
    phone = normalise_phone(phone)
    with transaction.atomic():
        contact = MediaContact.found_again(
            name=journalist_name, outlet=outlet, email=email, phone=phone
        )
        enquiry = Enquiry(
            channel=channel,
            contact=contact,
            journalist_name=journalist_name,
            outlet=outlet,
            email=email,
            phone=phone,
            subject=subject,
            question=question,
            deadline=deadline,
            urgent=urgent,
            statement=statement,
            received_at=received_at or timezone.now(),
        )
        decision = _decide(enquiry, hours)
        enquiry.save()
        received = {"channel": channel}
        topics = {*topics, *(statement.topics.all() if statement is not None else ())}
        if topics:
            enquiry.topics.add(*topics)
            received["topics"] = sorted(topic.name for topic in topics)
        enquiry.record(
            EnquiryEvent.Kind.RECEIVED,
            f"Received by {enquiry.get_channel_display().lower()}",
            actor=actor,
            data=received,
        )
        _announce(enquiry, decision)
    return enquiry


def route_enquiry(enquiry, *, hours=None) -> routing_rules.RouteDecision:
    """Decide and record where a stored ``enquiry`` goes, tell the alerting, queue the emails."""
    with transaction.atomic():
        decision = _decide(enquiry, hours)
        enquiry.save(update_fields=["route", "route_reason"])
        _announce(enquiry, decision)
    return decision


def _decide(enquiry, hours):
    decision = routing_rules.route(enquiry.urgent, enquiry.received_at, hours or office_hours())
    enquiry.route = decision.route
    enquiry.route_reason = decision.reason
    return decision


def _announce(enquiry, decision):
    """The timeline entry, the signal the alerting listens to, and the emails after commit."""
    enquiry.record(
        EnquiryEvent.Kind.ROUTED,
        f"{enquiry.get_route_display()}. {decision.reason}",
        data={
            "route": decision.route,
            "next_opening": decision.next_opening.isoformat() if decision.next_opening else None,
        },
    )
    _tell_listeners(enquiry)
    pk = enquiry.pk
    if enquiry.email:
        transaction.on_commit(lambda: tasks.send_acknowledgement.enqueue(pk))
    if decision.route == Enquiry.Route.IN_HOURS:
        transaction.on_commit(lambda: tasks.notify_team.enqueue(pk))


def _tell_listeners(enquiry):
    """Send ``enquiry_routed`` in a savepoint, so a failing listener never loses the enquiry."""
    try:
        with transaction.atomic():
            enquiry_routed.send(sender=Enquiry, enquiry=enquiry, route=enquiry.route)
    except Exception as exc:  # whatever failed, the journalist's enquiry must still be kept
        logger.exception("Routing %s: a listener of enquiry_routed failed", enquiry.reference)
        urgent = enquiry.route == Enquiry.Route.URGENT_OUT_OF_HOURS
        enquiry.record(
            EnquiryEvent.Kind.ALERT if urgent else EnquiryEvent.Kind.NOTE,
            (
                "The on-call alert could not be opened when the enquiry arrived "
                f"({type(exc).__name__}); the alert sweep will open it within a minute."
                if urgent
                else f"A follow-up of the routing failed ({type(exc).__name__}); see the log."
            ),
            data={"routing_listener_failed": f"{type(exc).__name__}: {exc}"[:500]},
        )


def next_opening(enquiry) -> datetime | None:
    """When the office reopens after this enquiry arrived, as decided when it was routed."""
    event = enquiry.events.filter(kind=EnquiryEvent.Kind.ROUTED).order_by("-at", "-pk").first()
    stamp = event.data.get("next_opening") if event else None
    if stamp:
        return datetime.fromisoformat(stamp)
    return office_hours().next_opening(enquiry.received_at) if enquiry.route else None


def what_happens_next(enquiry) -> str:
    """The promise to the journalist, on the thank-you page and in the acknowledgement email."""
    if enquiry.route == Enquiry.Route.URGENT_OUT_OF_HOURS:
        return (
            "The press office is closed, so the on-call press officer has been alerted "
            "and will contact you as soon as possible."
        )
    if enquiry.route == Enquiry.Route.QUEUED_FOR_OPENING:
        return (
            "The press office is closed. We will respond after we reopen at "
            f"{describe_opening(next_opening(enquiry))}."
        )
    return "A press officer will respond to your enquiry, before your deadline where we can."
