"""The on-call models keep their invariants in the database, whatever code writes to them."""

from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from enquiries.models import (
    Alert,
    ContactMethod,
    Delivery,
    EscalationPolicy,
    RotaCoverageWindow,
    RotaMember,
    RotaOverride,
)
from tests.enquiries.alerting.factories import (
    ContactMethodFactory,
    OfficerFactory,
    RotaFactory,
    UrgentEnquiryFactory,
)

pytestmark = pytest.mark.django_db


def test_a_mobile_number_is_checked_and_stored_in_international_form():
    method = ContactMethod(user=OfficerFactory(), kind="sms", address="07700 900123")
    method.full_clean()
    assert method.address == "+447700900123"
    with pytest.raises(ValidationError):
        ContactMethod(user=OfficerFactory(), kind="sms", address="not a number").full_clean()


def test_an_email_or_webhook_address_must_be_one():
    with pytest.raises(ValidationError):
        ContactMethod(user=OfficerFactory(), kind="email", address="nobody").full_clean()
    with pytest.raises(ValidationError):
        ContactMethod(user=OfficerFactory(), kind="webhook", address="chat room").full_clean()


def test_a_persons_methods_are_tried_in_priority_order_and_inactive_ones_never():
    person = OfficerFactory()
    email = ContactMethodFactory(user=person, priority=2)
    sms = ContactMethodFactory(user=person, kind="sms", address="+447700900001", priority=1)
    ContactMethodFactory(
        user=person, kind="webhook", address="https://hooks.example/x", active=False
    )
    assert list(ContactMethod.usable_for([person.pk])) == [sms, email]


def test_only_one_policy_can_be_the_default():
    EscalationPolicy.objects.create(name="Out of hours", is_default=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        EscalationPolicy.objects.create(name="Another", is_default=True)


def test_an_override_must_end_after_it_starts():
    rota, person = RotaFactory(), OfficerFactory()
    start = datetime(2026, 12, 24, 18, tzinfo=UTC)
    override = RotaOverride(rota=rota, user=person, starts_at=start, ends_at=start)
    with pytest.raises(ValidationError):
        override.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        override.save()


def test_the_rota_model_answers_who_is_on_call_through_the_rules():
    priya, tom = OfficerFactory(username="priya"), OfficerFactory(username="tom")
    rota = RotaFactory()  # weekly from Monday 5 January 2026, 08:00
    RotaMember.objects.create(rota=rota, user=priya, sort_order=0)
    RotaMember.objects.create(rota=rota, user=tom, sort_order=1)
    assert rota.on_call(datetime(2026, 1, 6, tzinfo=UTC)) == priya.pk
    assert rota.on_call(datetime(2026, 1, 13, tzinfo=UTC)) == tom.pk
    RotaOverride.objects.create(
        rota=rota,
        user=priya,
        starts_at=datetime(2026, 1, 13, tzinfo=UTC),
        ends_at=datetime(2026, 1, 14, tzinfo=UTC),
    )
    assert rota.on_call(datetime(2026, 1, 13, 12, tzinfo=UTC)) == priya.pk


def test_a_rota_with_coverage_windows_shows_gaps_for_the_admin():
    rota = RotaFactory()
    RotaMember.objects.create(rota=rota, user=OfficerFactory(), sort_order=0)
    RotaCoverageWindow.objects.create(
        rota=rota,
        start_weekday=5,
        start_time=datetime(2026, 1, 1, 18).time(),
        end_weekday=0,
        end_time=datetime(2026, 1, 1, 8).time(),
    )
    start = datetime(2026, 3, 23, tzinfo=UTC)
    found = rota.gaps(start, start + timedelta(weeks=8))
    assert len(found) == 8
    # Saturday 28 March 2026 18:00 GMT to Monday 30 March 08:00 BST is covered.
    assert (datetime(2026, 3, 28, 18, tzinfo=UTC), datetime(2026, 3, 30, 7, tzinfo=UTC)) in [
        (s.start, s.end) for s in rota.shifts(start, start + timedelta(weeks=2)) if s.person
    ]


def test_a_delivery_key_can_be_recorded_only_once():
    person = OfficerFactory()
    method = ContactMethodFactory(user=person)
    enquiry = UrgentEnquiryFactory()
    alert = Alert.objects.create(
        enquiry=enquiry, plan={}, next_action_at=datetime(2026, 11, 28, tzinfo=UTC)
    )
    key = {"alert": alert, "level": 0, "round": 0, "person": person, "contact_method": method}
    row = {"channel": "email", "address": method.address, "next_attempt_at": alert.next_action_at}
    Delivery.objects.create(**key, **row)
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(**key, **row)


def test_an_enquiry_has_at_most_one_open_alert_and_an_open_alert_has_a_deadline():
    enquiry = UrgentEnquiryFactory()
    Alert.objects.create(enquiry=enquiry, plan={}, next_action_at=datetime(2026, 1, 1, tzinfo=UTC))
    with pytest.raises(IntegrityError), transaction.atomic():
        Alert.objects.create(
            enquiry=enquiry, plan={}, next_action_at=datetime(2026, 1, 1, tzinfo=UTC)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Alert.objects.create(enquiry=UrgentEnquiryFactory(), plan={}, next_action_at=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Alert.objects.create(
            enquiry=UrgentEnquiryFactory(),
            plan={},
            status="acknowledged",
            next_action_at=None,
        )


def test_an_alert_must_be_acknowledged_before_it_is_resolved():
    alert = Alert.objects.create(
        enquiry=UrgentEnquiryFactory(), plan={}, next_action_at=datetime(2026, 1, 1, tzinfo=UTC)
    )
    with pytest.raises(ValidationError):
        alert.resolve(OfficerFactory())
    alert.refresh_from_db()
    assert alert.status == Alert.Status.OPEN
