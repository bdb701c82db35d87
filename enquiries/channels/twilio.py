"""SMS through Twilio's Messages API."""

from django.conf import settings

from requests import RequestException
from twilio.base.exceptions import TwilioException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from .answers import from_status, not_configured, unreachable
from .base import AlertMessage, DeliveryResult


class TwilioSMSChannel:
    kind = "sms"

    def send(self, address: str, message: AlertMessage) -> DeliveryResult:
        if not (
            settings.TWILIO_ACCOUNT_SID
            and settings.TWILIO_AUTH_TOKEN
            and settings.TWILIO_FROM_NUMBER
        ):
            return not_configured("TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER")
        client = Client(
            settings.TWILIO_ACCOUNT_SID,
            settings.TWILIO_AUTH_TOKEN,
            http_client=TwilioHttpClient(timeout=settings.ALERT_SMS_TIMEOUT),
        )
        # The API domain's address is the one thing a test (or a regional proxy) replaces.
        client.api.base_url = settings.TWILIO_BASE_URL
        try:
            sent = client.messages.create(
                to=address, from_=settings.TWILIO_FROM_NUMBER, body=message.text
            )
        except RequestException as error:
            return unreachable(error)
        except TwilioException as error:
            status = getattr(error, "status", None)
            if not isinstance(status, int):
                return unreachable(error)
            return from_status(status, getattr(error, "msg", "") or str(error))
        return from_status(201, sent.status or "", provider_reference=sent.sid or "")
