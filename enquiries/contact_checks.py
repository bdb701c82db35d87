"""Test messages that prove a contact method reaches its person.

An alert is only as good as the number or address it is sent to. Anyone who keeps a contact
method can send it a test message through the same channel an alert would use; the message
carries a signed link, and opening it (then pressing the button, so a link scanner cannot do it)
marks the method verified. The link names the method *and* its address, so it stops working if
the address is changed, and it expires like an acknowledgement link.
"""

import hashlib

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .channels import AlertMessage, DeliveryResult, get_channel

CHECK_SALT = "enquiries.oncall.contact-check"


def _fingerprint(method):
    return hashlib.sha256(f"{method.kind}:{method.address}".encode()).hexdigest()[:16]


def check_token(method):
    return signing.TimestampSigner(salt=CHECK_SALT).sign_object(
        {"m": method.pk, "f": _fingerprint(method)}
    )


def read_check_token(token):
    """(method id, fingerprint) from a token; raises SignatureExpired or BadSignature."""
    data = signing.TimestampSigner(salt=CHECK_SALT).unsign_object(
        token, max_age=settings.ONCALL_ACK_MAX_AGE
    )
    if not isinstance(data, dict) or not {"m", "f"} <= data.keys():
        raise signing.BadSignature("token does not name a contact method")
    return int(data["m"]), str(data["f"])


def still_names(method, fingerprint):
    """Whether a check link was made for the method's current kind and address."""
    return fingerprint == _fingerprint(method)


def check_url(method):
    path = reverse("oncall:contact_check", args=[check_token(method)])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_test_message(method) -> DeliveryResult:
    """Send one test through the method's channel, now, and answer what the provider said."""
    url = check_url(method)
    text = (
        "Test from the press office on-call system. This is how you will be alerted to an "
        f"urgent enquiry out of hours. Confirm you received it: {url}"
    )
    message = AlertMessage(subject="Test alert from the press office", text=text, ack_url=url)
    return get_channel(method.kind).send(method.address, message)
