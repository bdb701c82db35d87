"""Alerts by email through Django's configured email backend (SMTP in production)."""

import smtplib

from django.conf import settings
from django.core.mail import send_mail

from .answers import excerpt, unreachable
from .base import AlertMessage, DeliveryResult


class EmailChannel:
    kind = "email"

    def send(self, address: str, message: AlertMessage) -> DeliveryResult:
        try:
            send_mail(
                message.subject,
                message.text,
                settings.DEFAULT_FROM_EMAIL,
                [address],
                html_message=message.html or None,
            )
        except smtplib.SMTPRecipientsRefused as error:
            # Every recipient refused: a 5xx for this mailbox will not change on retry; a 4xx may.
            codes = [code for code, _ in error.recipients.values()]
            return DeliveryResult(
                delivered=False,
                retryable=any(400 <= code < 500 for code in codes),
                detail=excerpt(f"SMTP refused {address}: {error.recipients}"),
            )
        except smtplib.SMTPResponseException as error:
            return DeliveryResult(
                delivered=False,
                retryable=400 <= error.smtp_code < 500,
                detail=excerpt(f"SMTP {error.smtp_code} {error.smtp_error!r}"),
            )
        except (smtplib.SMTPException, OSError) as error:
            return unreachable(error)
        return DeliveryResult(delivered=True, retryable=False, detail="SMTP 250 accepted")
