"""The one small interface every alert channel implements.

A channel is handed one message for one address and answers with what the provider said. It never
retries and never touches the database: retries, back-off, fall-through to the next contact method
and recording every attempt belong to the delivery code, which must record the attempt *before*
calling ``send`` so an uncertain send is never repeated.
"""

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class AlertMessage:
    subject: str  # short: an email subject, a webhook title
    text: str  # the whole alert as plain text, short enough for an SMS (reference, outlet,
    # deadline, subject, journalist's phone, acknowledgement link)
    ack_url: str
    html: str = ""  # optional richer email body


@dataclass(frozen=True)
class DeliveryResult:
    delivered: bool  # the provider accepted the message
    retryable: bool  # a failure worth trying again (timeout, 5xx, 429); False for 4xx
    provider_reference: str = ""  # the provider's id for the message, if any
    detail: str = ""  # the provider's answer, as recorded on the timeline


class Channel(Protocol):
    kind: str  # "sms", "email", "webhook", "console"

    def send(self, address: str, message: AlertMessage) -> DeliveryResult: ...
