"""Alerts as a JSON POST, for a Teams or Slack incoming webhook or any chat bridge.

Slack and Teams both show a top-level ``text`` field, so that carries the whole alert; the
other fields are for bridges that want to build their own card.
"""

import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings

from .answers import from_status, unreachable
from .base import AlertMessage, DeliveryResult

BODY_LIMIT = 2000


class WebhookChannel:
    kind = "webhook"

    def send(self, address: str, message: AlertMessage) -> DeliveryResult:
        if urlsplit(address).scheme not in ("http", "https"):
            return DeliveryResult(
                delivered=False, retryable=False, detail=f"not an http(s) URL: {address[:80]}"
            )
        payload = {
            "text": f"{message.subject}\n{message.text}",
            "title": message.subject,
            "message": message.text,
            "ack_url": message.ack_url,
        }
        request = urllib.request.Request(  # noqa: S310 (scheme checked above)
            address,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json", "User-Agent": "pressoffice-alerts"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(  # noqa: S310 (scheme checked above)
                request, timeout=settings.ALERT_WEBHOOK_TIMEOUT
            ) as response:
                return from_status(
                    response.status, response.read(BODY_LIMIT).decode(errors="replace")
                )
        except urllib.error.HTTPError as error:
            return from_status(error.code, error.read(BODY_LIMIT).decode(errors="replace"))
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            return unreachable(getattr(error, "reason", error))
