from tests.fakes.fixtures import fake_notify, fake_twilio, fake_webhook  # noqa: F401 (fixtures)
