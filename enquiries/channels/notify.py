"""SMS through GOV.UK Notify.

Notify sends only from templates: create an SMS template whose whole body is ``((message))``
and set its id as NOTIFY_SMS_TEMPLATE_ID; the alert's text goes in as that placeholder.
"""

from django.conf import settings

from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from .answers import from_status, not_configured, unreachable
from .base import AlertMessage, DeliveryResult


class NotifySMSChannel:
    kind = "sms"

    def send(self, address: str, message: AlertMessage) -> DeliveryResult:
        if not settings.NOTIFY_API_KEY or not settings.NOTIFY_SMS_TEMPLATE_ID:
            return not_configured("NOTIFY_API_KEY and NOTIFY_SMS_TEMPLATE_ID")
        client = NotificationsAPIClient(
            settings.NOTIFY_API_KEY,
            base_url=settings.NOTIFY_BASE_URL,
            timeout=settings.ALERT_SMS_TIMEOUT,
        )
        try:
            answer = client.send_sms_notification(
                phone_number=address,
                template_id=settings.NOTIFY_SMS_TEMPLATE_ID,
                personalisation={"message": message.text},
            )
        except APIError as error:
            if error.response is None:  # no answer at all: timeout or connection refused
                return unreachable(error.__cause__ or error)
            return from_status(error.status_code, error.response.text)
        return from_status(201, "created", provider_reference=str(answer.get("id", "")))
