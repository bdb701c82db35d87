"""Journalists submitting at the same moment each get one enquiry, one reference, one contact."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

from django.db import connection

import pytest

from enquiries.models import Enquiry, MediaContact
from enquiries.routing import receive_enquiry

SUBMISSIONS = 8


@pytest.mark.django_db(transaction=True)
def test_simultaneous_enquiries_from_the_same_new_journalist_share_one_contact():
    start = Barrier(SUBMISSIONS)

    def submit(number):
        try:
            start.wait()
            return receive_enquiry(
                journalist_name="Priya Shah",
                email="Priya.Shah@echo.example" if number % 2 else "priya.shah@echo.example",
                subject=f"Question {number}",
                question="Why was the road closed?",
            ).pk
        finally:
            connection.close()

    with ThreadPoolExecutor(SUBMISSIONS) as pool:
        pks = list(pool.map(submit, range(SUBMISSIONS)))

    assert len(set(pks)) == SUBMISSIONS
    assert Enquiry.objects.count() == SUBMISSIONS
    references = set(Enquiry.objects.values_list("reference", flat=True))
    assert len(references) == SUBMISSIONS
    assert MediaContact.objects.count() == 1
    assert set(Enquiry.objects.values_list("contact", flat=True)) == {MediaContact.objects.get().pk}
