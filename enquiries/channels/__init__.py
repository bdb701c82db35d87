"""Alert channels: one module per way of reaching a person, behind one small interface.

``get_channel(kind)`` answers the channel for a contact method's kind. SMS has pluggable
backends chosen by the ALERT_SMS_BACKEND setting ("notify", "twilio" or "console"), so a
deployment changes provider without touching the delivery code.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .base import AlertMessage, Channel, DeliveryResult

__all__ = ["AlertMessage", "Channel", "DeliveryResult", "get_channel"]

SMS_BACKENDS = ("notify", "twilio", "console")


def get_channel(kind: str) -> Channel:
    if kind == "email":
        from .email import EmailChannel

        return EmailChannel()
    if kind == "webhook":
        from .webhook import WebhookChannel

        return WebhookChannel()
    if kind == "sms":
        backend = settings.ALERT_SMS_BACKEND
        if backend == "notify":
            from .notify import NotifySMSChannel

            return NotifySMSChannel()
        if backend == "twilio":
            from .twilio import TwilioSMSChannel

            return TwilioSMSChannel()
        if backend == "console":
            from .console import ConsoleChannel

            return ConsoleChannel("sms")
        raise ImproperlyConfigured(
            f"ALERT_SMS_BACKEND is {backend!r}; choose one of {', '.join(SMS_BACKENDS)}"
        )
    raise ValueError(f"no alert channel for contact method kind {kind!r}")
