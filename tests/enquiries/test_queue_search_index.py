"""The queue's word search is served by indexes on PostgreSQL, not by scanning every enquiry.

The queue searches reference, subject, journalist's name and outlet with Django's `icontains`;
migration 0003 adds a trigram index on exactly the expression Django sends for each, so a search
for a rare name stays fast with a million enquiries (see docs/performance.md). If Django ever
sent a different expression, the indexes would silently stop being used: this test notices.
"""

from functools import reduce
from operator import or_

from django.db import connection, transaction
from django.db.models import Q

import pytest

from enquiries.models import Enquiry
from enquiries.viewsets import EnquiryViewSet

pytestmark = pytest.mark.django_db


def test_every_searched_field_has_a_trigram_index_the_planner_can_use():
    searched = list(EnquiryViewSet.search_fields)
    query = Enquiry.objects.filter(
        reduce(or_, (Q(**{f"{field}__icontains": "helicopter"}) for field in searched))
    )
    with transaction.atomic(), connection.cursor() as cursor:
        # A test table is too small for the planner to need them: rule out the other ways.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = query.order_by().explain()

    for field in searched:
        index = {"journalist_name": "name"}.get(field, field)
        assert f"enquiry_search_{index}_trgm" in plan, plan
