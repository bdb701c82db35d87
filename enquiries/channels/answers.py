"""How a provider's answer becomes a DeliveryResult, the same way for every HTTP channel.

One rule for all providers keeps the delivery code simple: it only asks "delivered?" and
"worth trying again?". A 5xx, a 429 (rate limited), a timeout or a refused connection may well
work a little later; any other 4xx means the request itself is wrong (bad number, bad key) and
repeating it would only fail again, so the delivery code moves on to the person's next method.
"""

from .base import DeliveryResult

DETAIL_LIMIT = 300


def excerpt(text, limit=DETAIL_LIMIT):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def from_status(status, body="", provider_reference=""):
    detail = excerpt(f"HTTP {status} {body}".strip())
    if 200 <= status < 300:
        return DeliveryResult(
            delivered=True, retryable=False, provider_reference=provider_reference, detail=detail
        )
    retryable = status >= 500 or status in (408, 429)
    return DeliveryResult(delivered=False, retryable=retryable, detail=detail)


def unreachable(error):
    """The provider could not be reached or did not answer in time: worth trying again."""
    return DeliveryResult(
        delivered=False, retryable=True, detail=excerpt(f"{type(error).__name__}: {error}")
    )


def not_configured(what):
    """A missing setting will not fix itself between retries: fall through at once."""
    return DeliveryResult(delivered=False, retryable=False, detail=f"not configured: {what}")
