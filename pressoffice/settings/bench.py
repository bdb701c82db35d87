"""`make bench`: production settings on loopback, so the figures are the ones a reader would get.

Only what loopback forces differs from production: plain HTTP (no SSL redirect, HSTS or secure
cookies) and quiet logs. The readers' page cache is switched off for a run through the
environment (``PRESS_READER_CACHE_SECONDS=0``), as in production.
"""

from .production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
