"""`make run`: local development, SQLite unless DATABASE_URL is set, email to the console."""

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-not-secret")  # noqa: S105
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
ALERT_SMS_BACKEND = env("ALERT_SMS_BACKEND", "console")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The web server and the worker share the SQLite file: wait for a lock instead of failing,
# take write locks up front, and let readers run beside a writer.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["OPTIONS"] = {  # noqa: F405
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;",
    }
