"""Settings shared by every environment.

Every secret and every deployment choice comes from the environment; the defaults here are
the safe ones (DEBUG off, no secret key). ``dev`` and ``test`` layer their conveniences on top.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "press",
    "enquiries",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "phonenumber_field",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # An anonymous reader's page from the cache: before sessions, so a hit skips the rest.
    "press.cache.ReaderCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "pressoffice.urls"
WSGI_APPLICATION = "pressoffice.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite is only the zero-setup default of `make run`; tests and production use PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"IGNORE_EXCEPTIONS": False},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The press app caches readers' pages and the lookups behind them, and purges them all on
# publish by bumping a counter in the cache. Every process (web workers, the task worker that
# publishes scheduled statements) must see that counter, so this caching is on only when the
# cache is shared: Redis. PRESS_READER_CACHE_SECONDS=0 turns off the page cache alone.
PRESS_SHARED_CACHE = env_bool("PRESS_SHARED_CACHE", bool(REDIS_URL))
PRESS_READER_CACHE_SECONDS = int(env("PRESS_READER_CACHE_SECONDS", "600"))

# Background work: Django's Tasks API (backport), stored in the database, run by
# `manage.py run_worker`, which also runs the periodic jobs listed in PERIODIC_JOBS.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# name -> (dotted path of a no-argument callable, interval in seconds)
PERIODIC_JOBS = {
    "publish_scheduled": ("home.jobs.publish_scheduled", 60),
    "prune_task_results": ("home.jobs.prune_task_results", 3600),
    "anonymise_expired_enquiries": ("enquiries.jobs.anonymise_expired", 3600),
    "sweep_alerts": ("enquiries.jobs.sweep_alerts", 15),
}

# Media enquiries: personal data is anonymised this many days after the last contact.
ENQUIRY_RETENTION_DAYS = int(env("ENQUIRY_RETENTION_DAYS", "365"))
# Public enquiry form: (submissions, per seconds) per client IP and per email address.
ENQUIRY_RATE_LIMITS = {
    "ip": (int(env("ENQUIRY_RATE_LIMIT_IP", "10")), 3600),
    "email": (int(env("ENQUIRY_RATE_LIMIT_EMAIL", "5")), 3600),
}
# Reverse proxies (load balancer, ingress) in front of the web processes that append the
# client's address to X-Forwarded-For; rate limits use the address the outermost one saw.
# 0 means clients connect directly and REMOTE_ADDR is theirs.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
# Where new in-hours enquiries are announced when PressOfficeSettings has no team address.
PRESS_OFFICE_TEAM_EMAIL = env("PRESS_OFFICE_TEAM_EMAIL", "")

# On-call alerting (enquiries/alerting.py).
# How long an acknowledgement link works, in seconds.
ONCALL_ACK_MAX_AGE = int(env("ONCALL_ACK_MAX_AGE", str(24 * 3600)))
# Seconds to wait before each retry of a failed send; after the last, the next contact method.
ONCALL_RETRY_DELAYS = tuple(int(s) for s in env_list("ONCALL_RETRY_DELAYS", "5,15"))
# A send still "in progress" after this many seconds lost its worker: marked uncertain, never
# repeated, and the person's next contact method is tried. Longer than any provider timeout.
ONCALL_UNCERTAIN_AFTER = int(env("ONCALL_UNCERTAIN_AFTER", "120"))
# A pending message this many seconds overdue gets a fresh task from the sweep.
ONCALL_SWEEP_GRACE = int(env("ONCALL_SWEEP_GRACE", "20"))
# How many overdue alerts one sweep advances itself (the escalation tasks do the bulk).
ONCALL_SWEEP_ADVANCE_BATCH = int(env("ONCALL_SWEEP_ADVANCE_BATCH", "25"))
# Who is alerted when there is no default escalation policy at all (usernames).
ONCALL_FALLBACK_USERNAMES = env_list("ONCALL_FALLBACK_USERNAMES")
ONCALL_FALLBACK_TIMEOUT_MINUTES = 15

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# Stored in UTC; shown and reasoned about in the press office's own time.
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Press Office <press.office@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

PHONENUMBER_DEFAULT_REGION = "GB"

# On-call alert channels (enquiries/channels). SMS goes through one pluggable backend:
# "notify" (GOV.UK Notify), "twilio" or "console" (the log; the default of `make run`).
ALERT_SMS_BACKEND = env("ALERT_SMS_BACKEND", "notify")
ALERT_SMS_TIMEOUT = float(env("ALERT_SMS_TIMEOUT", "10"))
ALERT_WEBHOOK_TIMEOUT = float(env("ALERT_WEBHOOK_TIMEOUT", "10"))
NOTIFY_API_KEY = env("NOTIFY_API_KEY", "")
NOTIFY_SMS_TEMPLATE_ID = env("NOTIFY_SMS_TEMPLATE_ID", "")
NOTIFY_BASE_URL = env("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
TWILIO_ACCOUNT_SID = env("TWILIO_ACCOUNT_SID", "")
TWILIO_AUTH_TOKEN = env("TWILIO_AUTH_TOKEN", "")
TWILIO_FROM_NUMBER = env("TWILIO_FROM_NUMBER", "")
TWILIO_BASE_URL = env("TWILIO_BASE_URL", "https://api.twilio.com")
PHONENUMBER_DEFAULT_FORMAT = "E164"

WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", "Northmoor Constabulary Press Office")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
