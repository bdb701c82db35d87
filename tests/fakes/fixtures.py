"""pytest fixtures for the fake providers; a conftest imports the ones it needs.

Each fixture also points the in-process settings at its server; a worker subprocess needs the
same values in its environment, which ``provider_env`` gives.
"""

import pytest

from .providers import FakeNotify, FakeTwilio, FakeWebhook


@pytest.fixture
def fake_notify(settings):
    server = FakeNotify().start()
    settings.ALERT_SMS_BACKEND = "notify"
    settings.NOTIFY_API_KEY = server.api_key
    settings.NOTIFY_SMS_TEMPLATE_ID = server.template_id
    settings.NOTIFY_BASE_URL = server.url
    settings.ALERT_SMS_TIMEOUT = 1.0
    yield server
    server.stop()


@pytest.fixture
def fake_twilio(settings):
    server = FakeTwilio().start()
    settings.ALERT_SMS_BACKEND = "twilio"
    settings.TWILIO_ACCOUNT_SID = server.account_sid
    settings.TWILIO_AUTH_TOKEN = server.auth_token
    settings.TWILIO_FROM_NUMBER = server.from_number
    settings.TWILIO_BASE_URL = server.url
    settings.ALERT_SMS_TIMEOUT = 1.0
    yield server
    server.stop()


@pytest.fixture
def fake_webhook(settings):
    server = FakeWebhook().start()
    settings.ALERT_WEBHOOK_TIMEOUT = 1.0
    yield server
    server.stop()


def provider_env(settings):
    """The environment a worker subprocess needs to reach the same fakes and SMTP server."""
    names = [
        "ALERT_SMS_BACKEND",
        "ALERT_SMS_TIMEOUT",
        "ALERT_WEBHOOK_TIMEOUT",
        "NOTIFY_API_KEY",
        "NOTIFY_SMS_TEMPLATE_ID",
        "NOTIFY_BASE_URL",
        "TWILIO_ACCOUNT_SID",
        "TWILIO_AUTH_TOKEN",
        "TWILIO_FROM_NUMBER",
        "TWILIO_BASE_URL",
        "EMAIL_HOST",
        "EMAIL_PORT",
    ]
    env = {name: str(getattr(settings, name)) for name in names}
    env["DJANGO_EMAIL_BACKEND"] = settings.EMAIL_BACKEND
    return env
