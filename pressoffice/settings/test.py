"""`make test`: PostgreSQL (DATABASE_URL, defaulting to the local server), fast hashing."""

import dj_database_url

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = env("DJANGO_SECRET_KEY", "test-only-not-secret")  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pressoffice"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
    )
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A worker subprocess in a test is pointed at the loopback SMTP server through the environment.
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Worker tests run the alert sweep more often than every 15 s, through the environment.
PERIODIC_JOBS["sweep_alerts"] = (  # noqa: F405
    PERIODIC_JOBS["sweep_alerts"][0],  # noqa: F405
    float(env("ONCALL_SWEEP_INTERVAL", str(PERIODIC_JOBS["sweep_alerts"][1]))),  # noqa: F405
)
