"""The acknowledgement page an on-call officer opens from the alert on their phone.

The signed link is the credential (no admin login at 2 a.m.): it names one alert and one person
and expires. GET only shows; POST acknowledges or resolves, then redirects back to the page.
A bad link gets a clear page and changes nothing.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .alerting import phone_for_display, read_ack_token
from .models import Alert, EnquiryEvent
from .models.enquiry import normalise_phone


def refuse_link(request, status, heading, explanation):
    """A signed link that cannot be used: a clear page on the phone, and nothing changed."""
    return render(
        request,
        "enquiries/oncall/ack_refused.html",
        {"heading": heading, "explanation": explanation},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def acknowledge(request, token):
    try:
        alert_id, user_id = read_ack_token(token)
    except signing.SignatureExpired:
        return refuse_link(
            request,
            403,
            "This link has expired",
            "Acknowledgement links work for a limited time. Open the admin or call the "
            "press office to take the enquiry.",
        )
    except signing.BadSignature:
        return refuse_link(
            request,
            400,
            "This link is not valid",
            "The link may have been cut short or altered. Open it again from the alert message.",
        )
    alert = Alert.objects.select_related("enquiry", "acknowledged_by").filter(pk=alert_id).first()
    person = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if alert is None or person is None:
        return refuse_link(
            request,
            403,
            "This link is no longer valid",
            "The alert or the person it was sent to no longer exists.",
        )

    if request.method == "POST":
        action = request.POST.get("action")
        if action == "acknowledge":
            if alert.acknowledge(person):
                messages.success(request, "Acknowledged. The enquiry is yours.")
            else:
                messages.info(request, "This alert had already been acknowledged.")
        elif action == "resolve" and alert.acknowledged_by_id == person.pk:
            try:
                alert.resolve(person)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, "Resolved.")
        else:
            return refuse_link(request, 400, "Nothing was done", "That action is not available.")
        return redirect(request.path)

    if alert.acknowledged_by_id and alert.acknowledged_by_id != person.pk:
        alert.enquiry.record(
            EnquiryEvent.Kind.ACKNOWLEDGED,
            f"{person.get_full_name() or person.get_username()} opened their alert link after "
            "it had been acknowledged.",
            actor=person,
            data={"alert": alert.pk, "link_reused": True},
        )
    return render(
        request,
        "enquiries/oncall/ack.html",
        {
            "alert": alert,
            "enquiry": alert.enquiry,
            "phone": phone_for_display(alert.enquiry.phone),
            "phone_link": normalise_phone(alert.enquiry.phone),
            "person": person,
            "can_acknowledge": alert.status in (Alert.Status.OPEN, Alert.Status.EXHAUSTED),
            "can_resolve": alert.status == Alert.Status.ACKNOWLEDGED
            and alert.acknowledged_by_id == person.pk,
        },
    )
