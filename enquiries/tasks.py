"""Background tasks of the enquiry intake: the emails that follow a routed enquiry.

Each task takes the enquiry's primary key, re-reads and locks the row, and checks the timeline:
an email already recorded as sent is not sent again, so a task run twice (enqueued twice, or a
worker restarted) does not write to the journalist twice.

The alerting's tasks are only prompt wake-ups: its own tables are the truth, and the sweep
(enquiries.jobs.sweep_alerts) stands in for any task that is lost.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from django_tasks import task

from enquiries import alerting
from enquiries.models import Enquiry, EnquiryEvent

ACKNOWLEDGEMENT = "acknowledgement"
TEAM_NOTIFICATION = "team_notification"


def _already_sent(enquiry, email_kind):
    return enquiry.events.filter(kind=EnquiryEvent.Kind.EMAIL, data__email=email_kind).exists()


def _send(enquiry, email_kind, to, template, context, reply_to=()):
    context = {"enquiry": enquiry, "office": press_office(), **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}.txt", context)
    EmailMessage(subject, body, to=to, reply_to=list(reply_to)).send()
    enquiry.record(
        EnquiryEvent.Kind.EMAIL,
        f"Email sent: {subject}",
        data={"email": email_kind, "to": to},
    )


def press_office():
    """The default site's press office settings (a task has no request to find its site)."""
    from home.models import PressOfficeSettings

    return PressOfficeSettings.for_default_site()


def team_address():
    """The team's address from the press office settings, else from the deployment settings."""
    office = press_office()
    return (office.team_notification_email if office else "") or settings.PRESS_OFFICE_TEAM_EMAIL


def admin_link(enquiry):
    """The enquiry's own page in the admin, as an absolute link for an email."""
    path = reverse("enquiry:inspect", args=[enquiry.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@task()
def send_acknowledgement(enquiry_pk):
    """Tell the journalist their reference and what happens next."""
    from enquiries.routing import what_happens_next

    with transaction.atomic():
        enquiry = Enquiry.objects.select_for_update().filter(pk=enquiry_pk).first()
        if (
            enquiry is None
            or not enquiry.email
            or enquiry.anonymised_at
            or _already_sent(enquiry, ACKNOWLEDGEMENT)
        ):
            return False
        _send(
            enquiry,
            ACKNOWLEDGEMENT,
            [enquiry.email],
            "enquiries/email/acknowledgement",
            {"what_happens_next": what_happens_next(enquiry)},
        )
    return True


@task()
def notify_team(enquiry_pk):
    """Announce a new in-hours enquiry to the press office team's address."""
    with transaction.atomic():
        enquiry = Enquiry.objects.select_for_update().filter(pk=enquiry_pk).first()
        address = team_address()
        if (
            enquiry is None
            or not address
            or enquiry.route != Enquiry.Route.IN_HOURS
            or _already_sent(enquiry, TEAM_NOTIFICATION)
        ):
            return False
        _send(
            enquiry,
            TEAM_NOTIFICATION,
            [address],
            "enquiries/email/team_notification",
            {"admin_url": admin_link(enquiry)},
            reply_to=[enquiry.email] if enquiry.email else (),
        )
    return True


@task()
def advance_alert(alert_id):
    """Escalate an alert whose deadline has come (enqueued with run_after = the deadline), and
    hand the new step's messages to their providers straight away, one task for the lot."""
    for delivery_id in alerting.advance(alert_id, prompt_sends=False) or ():
        alerting.send(delivery_id)


@task()
def send_delivery(delivery_id):
    """Hand one alert message to its provider, at most once."""
    alerting.send(delivery_id)


@task()
def tell_journalist_alert_acknowledged(alert_id):
    """Email the journalist that an on-call press officer has their enquiry."""
    alerting.tell_journalist(alert_id)
