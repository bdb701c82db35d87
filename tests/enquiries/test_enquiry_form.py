"""A journalist sends an enquiry through the public form."""

import re
import socket
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core import signing
from django.core.cache import cache
from django.urls import reverse

import pytest
import time_machine

from enquiries.models import Enquiry, MediaContact
from tests.enquiries.intake_helpers import default_site, valid_submission
from tests.press.factories import StatementPageFactory

LONDON = ZoneInfo("Europe/London")
FORM = "/enquiries/new/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_the_form_lives_at_its_url_name_and_says_how_long_data_is_kept(client, db, settings):
    settings.ENQUIRY_RETENTION_DAYS = 400
    assert reverse("enquiries:submit") == FORM
    page = client.get(FORM).content.decode()
    for label in ["Your name", "Media outlet", "Email address", "Phone number", "Your deadline"]:
        assert label in page
    assert "Urgent: I need an answer before the office reopens" in page
    assert "We keep them for 400 days after your last enquiry" in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_a_valid_enquiry_is_stored_and_the_journalist_sees_the_reference(client, db):
    with time_machine.travel(datetime(2026, 3, 3, 10, 0, tzinfo=LONDON), tick=False):
        response = client.post(FORM, valid_submission())
        assert response.status_code == 302
        receipt = client.get(response["Location"])

    enquiry = Enquiry.objects.get()
    assert enquiry.reference == "ENQ-2026-00001"
    assert str(enquiry.phone) == "+447700900123"
    assert enquiry.deadline == datetime(2026, 3, 5, 16, 30, tzinfo=LONDON)
    assert enquiry.contact.email == "priya.shah@echo.example"
    page = receipt.content.decode()
    assert "ENQ-2026-00001" in page
    assert "A press officer will respond" in page
    # The receipt is reached by a signed token, never by the guessable reference.
    assert "ENQ-2026" not in response["Location"]


def test_bad_input_keeps_every_value_and_puts_each_error_beside_its_field(client, db):
    data = valid_submission(
        journalist_name="",
        email="priya.shah@",
        phone="12345",
        deadline_0="2020-01-01",
        deadline_1="09:00",
    )
    response = client.post(FORM, data)

    assert response.status_code == 200
    assert Enquiry.objects.count() == 0
    page = response.content.decode()
    for field in ["journalist_name", "email", "phone", "deadline"]:
        assert f'id="id_{field}_error"' in page, field
    assert "The deadline is in the past" in page
    assert re.search(r'aria-describedby="[^"]*id_email_error"', page)
    assert 'aria-invalid="true"' in page
    # The summary at the top links to each field.
    assert '<a href="#id_email">' in page
    assert '<a href="#id_deadline_0">' in page
    # Everything typed is still there.
    assert 'value="priya.shah@"' in page
    assert 'value="12345"' in page
    assert 'value="Road closure on the A61"' in page
    assert "Can you confirm why the A61 was closed overnight?</textarea>" in page
    assert 'value="2020-01-01"' in page


def test_a_deadline_in_the_hour_the_clocks_skip_is_refused_clearly(client, db):
    with time_machine.travel(datetime(2026, 3, 20, 10, 0, tzinfo=LONDON), tick=False):
        response = client.post(FORM, valid_submission(deadline_0="2026-03-29", deadline_1="01:30"))
    assert Enquiry.objects.count() == 0
    assert "couldn’t be interpreted in time zone Europe/London" in response.content.decode()


def test_html_typed_into_the_form_is_shown_as_text(client, db):
    script = "<script>alert('x')</script>"
    response = client.post(FORM, valid_submission(subject=script, journalist_name="<b>Bold</b>"))
    receipt = client.get(response["Location"]).content.decode()
    assert script not in receipt
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in receipt
    assert Enquiry.objects.get().subject == script

    rejected = client.post(FORM, valid_submission(subject=script, email="not an email"))
    assert script not in rejected.content.decode()
    assert "&lt;script&gt;" in rejected.content.decode()


def test_a_filled_honeypot_stores_nothing_and_says_so_plainly(client, db):
    response = client.post(FORM, valid_submission(website="https://spam.example"))
    assert response.status_code == 200
    assert Enquiry.objects.count() == 0
    assert MediaContact.objects.count() == 0
    assert "We could not accept this enquiry" in response.content.decode()


def test_one_ip_over_its_limit_is_refused_while_another_ip_gets_through(client, db, settings):
    settings.ENQUIRY_RATE_LIMITS = {"ip": (3, 3600), "email": (100, 3600)}
    flood = "198.51.100.7"
    for number in range(3):
        response = client.post(
            FORM, valid_submission(email=f"reporter{number}@paper.example"), REMOTE_ADDR=flood
        )
        assert response.status_code == 302
    refused = client.post(
        FORM, valid_submission(email="reporter9@paper.example"), REMOTE_ADDR=flood
    )
    assert refused.status_code == 429
    assert "too many enquiries" in refused.content.decode()
    assert 'value="reporter9@paper.example"' in refused.content.decode()

    other = client.post(
        FORM, valid_submission(email="other@news.example"), REMOTE_ADDR="203.0.113.5"
    )
    assert other.status_code == 302
    assert Enquiry.objects.count() == 4


def test_one_email_over_its_limit_is_refused_from_any_ip_while_others_get_through(
    client, db, settings
):
    settings.ENQUIRY_RATE_LIMITS = {"ip": (100, 3600), "email": (2, 3600)}
    for number in range(2):
        response = client.post(FORM, valid_submission(), REMOTE_ADDR=f"198.51.100.{number}")
        assert response.status_code == 302
    shouting = valid_submission(email="PRIYA.SHAH@echo.example")
    assert client.post(FORM, shouting, REMOTE_ADDR="198.51.100.50").status_code == 429
    other = valid_submission(email="tom.reilly@radio.example")
    assert client.post(FORM, other, REMOTE_ADDR="198.51.100.50").status_code == 302
    assert Enquiry.objects.count() == 3


def test_behind_a_load_balancer_each_journalist_is_limited_by_their_own_address(
    client, db, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ENQUIRY_RATE_LIMITS = {"ip": (1, 3600), "email": (100, 3600)}
    balancer = "10.0.0.2"

    def post(email, forwarded_for):
        data = valid_submission(email=email)
        return client.post(FORM, data, REMOTE_ADDR=balancer, HTTP_X_FORWARDED_FOR=forwarded_for)

    assert post("a@paper.example", "198.51.100.7").status_code == 302
    # The same journalist forging a different first hop is still the same address.
    assert post("b@paper.example", "203.0.113.99, 198.51.100.7").status_code == 429
    # Someone else behind the same load balancer is not affected.
    assert post("c@paper.example", "203.0.113.5").status_code == 302


def test_with_the_rate_limit_cache_down_enquiries_are_still_accepted(client, db, settings, caplog):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": False, "SOCKET_CONNECT_TIMEOUT": 1},
        }
    }
    response = client.post(FORM, valid_submission())
    assert response.status_code == 302
    assert Enquiry.objects.count() == 1
    assert "rate limit not counted" in caplog.text


def test_typos_do_not_use_up_the_limit(client, db, settings):
    settings.ENQUIRY_RATE_LIMITS = {"ip": (1, 3600), "email": (1, 3600)}
    for _ in range(5):
        assert client.post(FORM, valid_submission(email="typo@")).status_code == 200
    assert client.post(FORM, valid_submission()).status_code == 302


def test_a_statement_link_prefills_the_statement_and_it_is_stored(client, db):
    statement = StatementPageFactory(
        parent=default_site().root_page, title="Arrest after Northmoor burglary"
    )
    page = client.get(f"{FORM}?statement={statement.pk}").content.decode()
    assert f'<option value="{statement.pk}" selected>Arrest after Northmoor burglary' in page

    response = client.post(FORM, valid_submission(statement=str(statement.pk)))
    assert response.status_code == 302
    assert Enquiry.objects.get().statement_id == statement.pk


@pytest.mark.parametrize("statement", ["abc", "99999999999", "99999999999999999999", "-1", "1e3"])
def test_nonsense_statement_ids_are_ignored_on_the_link_and_refused_in_the_form(
    client, db, statement
):
    assert client.get(f"{FORM}?statement={statement}").status_code == 200
    response = client.post(FORM, valid_submission(statement=statement))
    assert response.status_code == 200
    assert 'id="id_statement_error"' in response.content.decode()


def test_a_tampered_or_expired_receipt_link_shows_nothing(client, db):
    response = client.post(FORM, valid_submission())
    url = response["Location"]
    assert client.get(url).status_code == 200
    assert client.get(url[:-3] + "xx/").status_code == 404
    forged = signing.dumps(1, salt="something else")
    assert client.get(reverse("enquiries:submitted", args=[forged])).status_code == 404
    with time_machine.travel(datetime.now(tz=LONDON).replace(year=2099)):
        assert client.get(url).status_code == 404
