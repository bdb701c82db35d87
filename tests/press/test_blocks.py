"""Each body block renders as a reader should see it."""

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

import pytest
from wagtail_factories import ImageFactory

from press.blocks import StatementBodyBlock

from .factories import SpokespersonFactory, StatementPageFactory

pytestmark = pytest.mark.django_db

BODY = StatementBodyBlock()


def render(block_type, value, context=None):
    block = BODY.child_blocks[block_type]
    return block.render(block.to_python(value) if isinstance(value, dict) else value, context)


def test_paragraph_keeps_its_formatting():
    html = render("paragraph", RichText("<p>Officers made <b>three</b> arrests.</p>"))

    assert '<div class="block-paragraph">' in html
    assert "<b>three</b>" in html


def test_sub_heading_is_a_second_level_heading_and_escaped():
    html = render("sub_heading", "Arrests & charges <now>")

    assert html.strip() == '<h2 class="block-sub-heading">Arrests &amp; charges &lt;now&gt;</h2>'


def test_quote_from_a_spokesperson_reads_role_name_said(index_page):
    person = SpokespersonFactory(name="Chief Constable Jane Ashworth", role="Lead for Roads")
    statement = StatementPageFactory(parent=index_page)

    html = render(
        "quote",
        {"quote": "<p>We will not tolerate speeding.</p>", "spokesperson": person.pk},
        {"page": statement},
    )

    assert "Lead for Roads, " in html
    assert (
        '<a href="/statements/spokespeople/chief-constable-jane-ashworth/">'
        "Chief Constable Jane Ashworth</a> said:" in html
    )
    assert "<blockquote" in html
    assert "We will not tolerate speeding." in html


def test_quote_from_free_text_name_and_role():
    html = render(
        "quote",
        {"quote": "<p>Thank you.</p>", "name": "Sam Lee", "role": "Chair, Moor Residents"},
    )

    assert "Chair, Moor Residents, Sam Lee said:" in html
    assert "<a " not in html.split("<blockquote")[0]


def test_image_has_its_alt_text_and_caption():
    image = ImageFactory(file=get_test_image_file(size=(1600, 900)))

    html = render(
        "image",
        {"image": image.pk, "alt_text": "A police car at the scene", "caption": "Photo: Northmoor"},
    )

    assert 'alt="A police car at the scene"' in html
    assert "<figcaption>Photo: Northmoor</figcaption>" in html
    assert 'width="1200"' in html


def test_embed_renders_the_providers_html():
    """The provider's answer comes from Wagtail's embed cache: no network in tests."""
    url = "https://www.youtube.com/watch?v=northmoor"
    Embed.objects.create(
        hash=get_embed_hash(url, 800),
        url=url,
        max_width=800,
        type="video",
        html='<iframe title="Appeal video" src="https://www.youtube.com/embed/northmoor"></iframe>',
        provider_name="YouTube",
        width=800,
        height=450,
    )

    html = render("embed", BODY.child_blocks["embed"].to_python(url))

    assert '<iframe title="Appeal video"' in html
    assert f'href="{url}"' in html
