"""Whatever is thrown at the public form, it never fails and stores each accepted enquiry once."""

from django.core.cache import cache
from django.test import Client

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from enquiries.models import Enquiry, MediaContact
from tests.enquiries.intake_helpers import valid_submission

VALID = valid_submission()

anything = st.one_of(
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
    st.just(""),
    st.just("\x00"),
    st.just("<script>alert(1)</script>"),
    st.just("x" * 100_000),
    st.just("9" * 40),
    st.just("  "),
)

some_text = st.text(min_size=1, max_size=200).filter(lambda t: t.strip() and "\x00" not in t)


def field(name):
    """Free text fields get anything; the fields with a format usually get a valid value, so
    that many examples are accepted and the "stored once" half of the property is exercised."""
    if name in {"journalist_name", "outlet", "subject", "question"}:
        return st.integers(0, 3).flatmap(lambda i: some_text if i else anything)
    return st.integers(0, 6).flatmap(lambda i: st.just(VALID[name]) if i else anything)


submissions = st.fixed_dictionaries(
    {
        name: field(name)
        for name in [
            "journalist_name",
            "outlet",
            "email",
            "phone",
            "deadline_0",
            "deadline_1",
            "subject",
            "question",
            "statement",
        ]
    },
    optional={
        "urgent": st.sampled_from(["on", "", "\x00", "yes"]),
        "website": st.sampled_from(["", "https://spam.example"]),
    },
)


@pytest.fixture
def generous_limits(settings):
    settings.ENQUIRY_RATE_LIMITS = {"ip": (10**9, 3600), "email": (10**9, 3600)}
    cache.clear()


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=submissions)
def test_no_input_breaks_the_form_and_each_accepted_enquiry_is_stored_once(
    db, generous_limits, data
):
    client = Client(raise_request_exception=False)
    before = Enquiry.objects.count()
    response = client.post("/enquiries/new/", data)

    assert response.status_code in (200, 302, 429), response.status_code
    after = Enquiry.objects.count()
    event(f"status {response.status_code}")
    if response.status_code == 302:
        assert after == before + 1
        enquiry = Enquiry.objects.latest("pk")
        assert enquiry.subject == data["subject"].strip()
        assert enquiry.contact_id is not None
        assert client.get(response["Location"]).status_code == 200
    else:
        assert after == before
    assert Enquiry.objects.values("reference").distinct().count() == after
    assert MediaContact.objects.filter(email="").exclude(phone="").count() <= after
