"""`make bench`: production settings on loopback, so the figures are the ones a reader would get.

Only what loopback forces differs from production: plain HTTP (no SSL redirect or secure cookies),
and ``BENCH_CACHE=off`` swaps the cache for a dummy one to measure the site with caching off.
"""

from .base import env
from .production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

if env("BENCH_CACHE", "on") == "off":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
