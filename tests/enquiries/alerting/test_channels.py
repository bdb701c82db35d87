"""Each channel against a real server on loopback: what the provider answers decides whether
the delivery code counts the message as delivered, tries again later, or moves on."""

import pytest

from enquiries.channels import AlertMessage, get_channel

MESSAGE = AlertMessage(
    subject="URGENT ENQ-2026-00042 Northern Echo",
    text=(
        "URGENT ENQ-2026-00042 from the Northern Echo, deadline 23:45: road closure on the A61. "
        "Call 07700 900456. Acknowledge: https://press.example/ack/abc"
    ),
    ack_url="https://press.example/ack/abc",
    html="<p>URGENT ENQ-2026-00042</p>",
)
MOBILE = "+447700900456"


# -- GOV.UK Notify ----------------------------------------------------------------------------
def test_notify_accepts_a_text_signed_with_the_api_key(fake_notify):
    result = get_channel("sms").send(MOBILE, MESSAGE)

    assert result.delivered
    (request,) = fake_notify.accepted()
    assert request.json["template_id"] == fake_notify.template_id
    assert fake_notify.texts_to(MOBILE) == [MESSAGE.text]
    assert result.provider_reference == request.answer["id"]


def test_notify_refuses_a_forged_key_and_the_failure_is_final(fake_notify, settings):
    settings.NOTIFY_API_KEY = fake_notify.api_key[:-36] + "0" * 36

    result = get_channel("sms").send(MOBILE, MESSAGE)

    assert not result.delivered and not result.retryable
    assert "403" in result.detail and "AuthError" in result.detail
    assert fake_notify.accepted() == []


@pytest.mark.parametrize("status", [500, 503, 429])
def test_notify_down_or_rate_limited_is_worth_retrying(fake_notify, status):
    fake_notify.fail_with(status)

    result = get_channel("sms").send(MOBILE, MESSAGE)

    assert not result.delivered and result.retryable
    assert str(status) in result.detail


def test_notify_rejecting_the_request_is_final(fake_notify):
    fake_notify.fail_with(400)

    result = get_channel("sms").send(MOBILE, MESSAGE)

    assert not result.delivered and not result.retryable
    assert "400" in result.detail and "BadRequestError" in result.detail


def test_notify_hanging_times_out_and_is_worth_retrying(fake_notify, settings):
    settings.ALERT_SMS_TIMEOUT = 0.3
    fake_notify.hang()

    result = get_channel("sms").send(MOBILE, MESSAGE)

    assert not result.delivered and result.retryable
    assert "Timeout" in result.detail
    assert len(fake_notify.requests) == 1


def test_notify_unreachable_is_worth_retrying(fake_notify, settings):
    fake_notify.stop()

    result = get_channel("sms").send(MOBILE, MESSAGE)

    assert not result.delivered and result.retryable
    assert "Connection" in result.detail


def test_notify_without_a_key_falls_through_at_once(settings):
    settings.ALERT_SMS_BACKEND = "notify"
    settings.NOTIFY_API_KEY = ""

    result = get_channel("sms").send(MOBILE, MESSAGE)

    assert not result.delivered and not result.retryable
    assert "NOTIFY_API_KEY" in result.detail


# -- Twilio -----------------------------------------------------------------------------------
def test_twilio_accepts_a_text_with_the_account_credentials(fake_twilio):
    result = get_channel("sms").send(MOBILE, MESSAGE)

    assert result.delivered
    (request,) = fake_twilio.accepted()
    assert request.form == {"To": MOBILE, "From": fake_twilio.from_number, "Body": MESSAGE.text}
    assert result.provider_reference.startswith("SM")
    assert "queued" in result.detail


def test_twilio_refuses_a_wrong_auth_token_and_the_failure_is_final(fake_twilio, settings):
    settings.TWILIO_AUTH_TOKEN = "not-the-token"

    result = get_channel("sms").send(MOBILE, MESSAGE)

    assert not result.delivered and not result.retryable
    assert "401" in result.detail and "Authenticate" in result.detail


@pytest.mark.parametrize("status", [500, 429])
def test_twilio_down_or_rate_limited_is_worth_retrying(fake_twilio, status):
    fake_twilio.fail_with(status)

    result = get_channel("sms").send(MOBILE, MESSAGE)

    assert not result.delivered and result.retryable
    assert str(status) in result.detail


def test_twilio_rejecting_the_number_is_final(fake_twilio):
    fake_twilio.fail_with(400)

    result = get_channel("sms").send(MOBILE, MESSAGE)

    assert not result.delivered and not result.retryable
    assert "400" in result.detail


def test_twilio_hanging_times_out_and_is_worth_retrying(fake_twilio, settings):
    settings.ALERT_SMS_TIMEOUT = 0.3
    fake_twilio.hang()

    result = get_channel("sms").send(MOBILE, MESSAGE)

    assert not result.delivered and result.retryable
    assert "Timeout" in result.detail


# -- webhook ----------------------------------------------------------------------------------
def test_webhook_posts_json_with_a_text_field_for_teams_and_slack(fake_webhook):
    result = get_channel("webhook").send(fake_webhook.hook_url(), MESSAGE)

    assert result.delivered
    (payload,) = fake_webhook.posts_to()
    assert MESSAGE.text in payload["text"]
    assert payload["ack_url"] == MESSAGE.ack_url


@pytest.mark.parametrize(
    ("status", "retryable"), [(500, True), (429, True), (400, False), (404, False)]
)
def test_webhook_failures(fake_webhook, status, retryable):
    fake_webhook.fail_with(status)

    result = get_channel("webhook").send(fake_webhook.hook_url(), MESSAGE)

    assert not result.delivered
    assert result.retryable is retryable
    assert f"HTTP {status}" in result.detail


def test_webhook_hanging_times_out_and_is_worth_retrying(fake_webhook, settings):
    settings.ALERT_WEBHOOK_TIMEOUT = 0.3
    fake_webhook.hang()

    result = get_channel("webhook").send(fake_webhook.hook_url(), MESSAGE)

    assert not result.delivered and result.retryable


def test_webhook_refuses_a_non_http_address():
    result = get_channel("webhook").send("file:///etc/passwd", MESSAGE)

    assert not result.delivered and not result.retryable


# -- email ------------------------------------------------------------------------------------
def test_email_reaches_the_smtp_server(smtp_server):
    result = get_channel("email").send("duty.officer@northmoor-police.example", MESSAGE)

    assert result.delivered
    (received,) = smtp_server.wait_for(1, address="duty.officer@northmoor-police.example")
    assert received["message"]["Subject"] == MESSAGE.subject
    assert "road closure" in received["message"].get_body(("plain",)).get_content()


def test_email_server_down_is_worth_retrying(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard port: nothing listens on loopback
    settings.EMAIL_TIMEOUT = 1

    result = get_channel("email").send("duty.officer@northmoor-police.example", MESSAGE)

    assert not result.delivered and result.retryable


# -- console and choice of backend --------------------------------------------------------------
def test_console_backend_logs_the_alert_for_make_run(settings, caplog):
    settings.ALERT_SMS_BACKEND = "console"

    result = get_channel("sms").send(MOBILE, MESSAGE)

    assert result.delivered
    assert "ENQ-2026-00042" in caplog.text and MOBILE in caplog.text


def test_an_unknown_sms_backend_is_a_configuration_error(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.ALERT_SMS_BACKEND = "pigeon"
    with pytest.raises(ImproperlyConfigured):
        get_channel("sms")
