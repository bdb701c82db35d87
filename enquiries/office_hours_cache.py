"""The office hours, built once per process and rebuilt when a manager changes them.

Every enquiry is routed by the office hours, and building them reads three tables (the
setting, its weekly periods, the closures): three queries on every submission for rows that
change a few times a year. So each process keeps the built ``OfficeHours`` and checks a
*version* number in the shared cache (Redis) on each use: one cache read instead of three
queries. Saving or deleting any of those rows bumps the version once the transaction has
committed, so every process rebuilds on its next enquiry.

Belt and braces: a built copy is never used for more than ``MAX_AGE`` seconds, so a change
that bypassed the model signals (a bulk update, SQL by hand) or a bump lost while the cache
was down shows within a minute. Without a shared cache (``PRESS_SHARED_CACHE`` false) a bump
could not reach the other processes, so nothing is kept and every use reads the database;
if the cache cannot be read, the hours are read from the database too.
"""

import logging
import secrets
import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from press.cache import shared_cache

logger = logging.getLogger(__name__)

VERSION_KEY = "enquiries:office-hours:version"
MAX_AGE = 60

# (version, monotonic time it was built, OfficeHours) for this process.
_built = None


def _read():
    from enquiries.models import OfficeHoursSettings

    return OfficeHoursSettings.load().rules()


def _fresh_version():
    """Random, not the clock: an emptied cache (or a frozen clock in a test) must never
    bring back a version some process already built under."""
    return secrets.randbits(48)


def _version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _fresh_version(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def current_office_hours():
    """The office hours as configured now (at most one cache read, usually no query)."""
    global _built
    if not shared_cache():
        return _read()
    try:
        # Read before building: a change committed while we build bumps past this version,
        # so the next use rebuilds rather than keeping what we read.
        version = _version()
    except Exception:
        logger.exception("Office hours read from the database: the cache is unavailable")
        return _read()
    built = _built
    if built and built[0] == version and time.monotonic() - built[1] < MAX_AGE:
        return built[2]
    hours = _read()
    _built = (version, time.monotonic(), hours)
    return hours


def _bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, _fresh_version(), timeout=None)
    except Exception:
        logger.exception("Office hours change not announced: the cache is unavailable")


def office_hours_changed(**kwargs):
    """Receiver for the office hours' rows: every process rebuilds once this commits (without
    a shared cache nothing is kept, so there is nothing to announce)."""
    if shared_cache():
        transaction.on_commit(_bump)


def connect():
    from enquiries.models import Closure, OfficeHoursPeriod, OfficeHoursSettings

    for model in (OfficeHoursSettings, OfficeHoursPeriod, Closure):
        uid = f"enquiries.office_hours_cache:{model.__name__}"
        post_save.connect(office_hours_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(office_hours_changed, sender=model, dispatch_uid=uid)
