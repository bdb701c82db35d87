"""Fixed-window counters in Django's cache (Redis in production) for the public enquiry form.

Each limit counts one key (an IP address, an email address) on its own, so a flood from one
address or naming one email never slows anyone else down. Limits come from
settings.ENQUIRY_RATE_LIMITS as {kind: (count, seconds)}.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def _key(kind, value, seconds):
    digest = hashlib.sha256(str(value).strip().lower().encode()).hexdigest()[:32]
    window = int(time.time() // seconds)
    return f"enquiries:ratelimit:{kind}:{digest}:{window}"


def hit(kind, value):
    """Count one use; returns True when this use went over the allowance.

    If the cache is unreachable the enquiry is let through (and the failure logged): a limit
    that cannot be counted must not turn away every journalist.
    """
    count, seconds = settings.ENQUIRY_RATE_LIMITS[kind]
    key = _key(kind, value, seconds)
    try:
        # The first use in a window creates its counter at 1: one round trip, not two.
        if cache.add(key, 1, timeout=seconds):
            used = 1
        else:
            try:
                used = cache.incr(key)
            except ValueError:  # the key expired between add and incr
                cache.set(key, 1, timeout=seconds)
                used = 1
    except Exception:
        logger.exception("Enquiry rate limit not counted: the cache is unavailable")
        return False
    return used > count
