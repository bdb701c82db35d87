"""The blocks a statement's body is written in.

Each block renders through its own template under ``templates/press/blocks/`` so the site,
the admin preview and the tests all see the same HTML.
"""

import copy

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ul", "ol"]
QUOTE_FEATURES = ["bold", "italic", "link"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=PARAGRAPH_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "press/blocks/paragraph.html"
        preview_value = "<p>Officers were called to the high street at 9.40am.</p>"


class SubHeadingBlock(blocks.CharBlock):
    """A heading inside the body; the page's own title is the only <h1>, so these are <h2>."""

    class Meta:
        icon = "title"
        template = "press/blocks/sub_heading.html"
        preview_value = "What happens next"


class SpokespersonChooserBlock(SnippetChooserBlock):
    """Chooses a Spokesperson; reads them from the cache rather than once per statement.

    A press office quotes a few dozen people across thousands of statements, so the whole set
    is cached (see ``press.cache.spokespeople_by_pk``) and a statement page costs no query for
    its quotes.
    """

    def __init__(self, **kwargs):
        super().__init__("press.Spokesperson", **kwargs)

    def bulk_to_python(self, values):
        from .cache import spokespeople_by_pk

        people = spokespeople_by_pk()
        if people is None or any(pk is not None and pk not in people for pk in values):
            return super().bulk_to_python(values)
        return [copy.copy(people[pk]) if pk is not None else None for pk in values]


class QuoteValue(blocks.StructValue):
    """Who said it, in the press office's words: "<Role>, <Name> said:"."""

    @cached_property
    def speaker_name(self):
        spokesperson = self.get("spokesperson")
        return spokesperson.name if spokesperson else self.get("name", "")

    @cached_property
    def speaker_role(self):
        spokesperson = self.get("spokesperson")
        return spokesperson.role if spokesperson else self.get("role", "")

    @cached_property
    def attribution(self):
        parts = [part for part in (self.speaker_role, self.speaker_name) if part]
        return ", ".join(parts)


class QuoteBlock(blocks.StructBlock):
    """A quote attributed to a Spokesperson snippet, or to a name and role typed in.

    Quoting a Spokesperson links the statement to their public page; free text is for people
    outside the organisation (a victim's family, a partner agency).
    """

    quote = blocks.RichTextBlock(features=QUOTE_FEATURES)
    spokesperson = SpokespersonChooserBlock(
        required=False,
        help_text="Choose one of our spokespeople, or leave empty and type a name and role.",
    )
    name = blocks.CharBlock(required=False, max_length=120, help_text="If not a spokesperson.")
    role = blocks.CharBlock(
        required=False, max_length=160, help_text="For example: Chair of the Residents' Forum."
    )

    def clean(self, value):
        value = super().clean(value)
        has_spokesperson = bool(value.get("spokesperson"))
        has_name = bool((value.get("name") or "").strip())
        if has_spokesperson and has_name:
            raise StructBlockValidationError(
                block_errors={
                    "name": ValidationError("Leave the name empty when you choose a spokesperson.")
                }
            )
        if not has_spokesperson and not has_name:
            raise StructBlockValidationError(
                block_errors={
                    "spokesperson": ValidationError("Choose a spokesperson or type a name.")
                }
            )
        return value

    class Meta:
        icon = "openquote"
        template = "press/blocks/quote.html"
        value_class = QuoteValue
        preview_value = {
            "quote": "<p>We are grateful to everyone who came forward.</p>",
            "name": "Alex Example",
            "role": "Chair of the Residents' Forum",
        }


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text="What the image shows, for people who cannot see it.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "press/blocks/image.html"


class StatementEmbedBlock(EmbedBlock):
    class Meta:
        icon = "media"
        template = "press/blocks/embed.html"


class StatementBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    sub_heading = SubHeadingBlock()
    quote = QuoteBlock()
    image = ImageWithCaptionBlock()
    embed = StatementEmbedBlock(help_text="A YouTube or Vimeo link, for example an appeal video.")
