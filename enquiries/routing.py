"""An enquiry's way in: stored, matched to its contact, routed by office hours, announced.

The glue between the models and the pure rules. Everything that must not be lost (the enquiry,
its contact, its route, the timeline and whatever the on-call alerting opens on
``enquiry_routed``) commits in one transaction; the emails are only enqueued once it has
committed, so a rolled-back enquiry sends nothing and a slow SMTP server never loses one.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from enquiries import tasks
from enquiries.models import Enquiry, EnquiryEvent, MediaContact, OfficeHoursSettings
from enquiries.models.enquiry import normalise_phone
from enquiries.rules import routing as routing_rules
from enquiries.rules.office_hours import OfficeHours, describe_opening
from enquiries.signals import enquiry_routed


def office_hours(request=None) -> OfficeHours:
    """The office hours as configured in the admin, built once per request."""
    cached = getattr(request, "_enquiries_office_hours", None)
    if cached is not None:
        return cached
    hours = OfficeHoursSettings.load(request).rules()
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
    channel=Enquiry.Channel.WEB,
    received_at=None,
    actor=None,
    hours=None,
) -> Enquiry:
    """Store a new enquiry from a journalist and route it; returns it committed or raises."""
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
        enquiry.record(
            EnquiryEvent.Kind.RECEIVED,
            f"Received by {enquiry.get_channel_display().lower()}",
            actor=actor,
            data={"channel": channel},
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
    enquiry_routed.send(sender=Enquiry, enquiry=enquiry, route=enquiry.route)
    pk = enquiry.pk
    if enquiry.email:
        transaction.on_commit(lambda: tasks.send_acknowledgement.enqueue(pk))
    if decision.route == Enquiry.Route.IN_HOURS:
        transaction.on_commit(lambda: tasks.notify_team.enqueue(pk))


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
