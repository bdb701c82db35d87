"""Alerts written to the log, for `make run` and demos: nothing leaves the machine."""

import logging

from .base import AlertMessage, DeliveryResult

logger = logging.getLogger(__name__)


class ConsoleChannel:
    def __init__(self, kind="console"):
        self.kind = kind  # stands in for the channel of this kind

    def send(self, address: str, message: AlertMessage) -> DeliveryResult:
        logger.warning(
            "ALERT (%s) to %s: %s\n%s", self.kind, address, message.subject, message.text
        )
        return DeliveryResult(delivered=True, retryable=False, detail="written to the console log")
