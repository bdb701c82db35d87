"""Fixed-window counters in Django's cache (Redis in production) for the public enquiry form.

Each limit counts one key (an IP address, an email address) on its own, so a flood from one
address or naming one email never slows anyone else down. Limits come from
settings.ENQUIRY_RATE_LIMITS as {kind: (count, seconds)}.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def _key(kind, value, seconds):
    digest = hashlib.sha256(str(value).strip().lower().encode()).hexdigest()[:32]
    window = int(time.time() // seconds)
    return f"enquiries:ratelimit:{kind}:{digest}:{window}"


def is_limited(kind, value):
    """True when ``value`` has already used up its allowance for the current window."""
    count, seconds = settings.ENQUIRY_RATE_LIMITS[kind]
    return (cache.get(_key(kind, value, seconds)) or 0) >= count


def hit(kind, value):
    """Count one use; returns True when this use went over the allowance."""
    count, seconds = settings.ENQUIRY_RATE_LIMITS[kind]
    key = _key(kind, value, seconds)
    cache.add(key, 0, timeout=seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=seconds)
        used = 1
    return used > count
