"""Search engines find every public statement, the index and the spokespeople's pages."""

import xml.etree.ElementTree as ET

import pytest

from .factories import SpokespersonFactory, StatementPageFactory, quote

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sitemap_lists_statements_index_and_spokespeople(client, index_page, contact_page):
    person = SpokespersonFactory(name="Superintendent Ravi Patel", role="Head of Roads Policing")
    SpokespersonFactory(name="Inspector Not Quoted", role="Neighbourhood Inspector")
    StatementPageFactory(
        parent=index_page, title="Roads policing operation", body=[quote("Slow down.", person)]
    )
    StatementPageFactory(parent=index_page, title="Unpublished draft", published=False).unpublish()

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own sitemap, not untrusted input)
    locations = {loc.text for loc in root.findall("sm:url/sm:loc", NS)}
    assert "http://testserver/" in locations
    assert "http://testserver/statements/" in locations
    assert "http://testserver/statements/roads-policing-operation/" in locations
    assert "http://testserver/statements/spokespeople/superintendent-ravi-patel/" in locations
    assert "http://testserver/contact/" in locations
    assert not any("unpublished-draft" in location for location in locations)
    assert not any("inspector-not-quoted" in location for location in locations)
