"""The blocks an article body is made of: wire copy's paragraphs, quotes, figures and boxes."""

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "h2", "h3", "blockquote"]


class QuoteBlock(blocks.StructBlock):
    """A quote is only as good as its attribution: speaker and role travel with the words."""

    text = blocks.TextBlock()
    speaker = blocks.CharBlock(max_length=200)
    role = blocks.CharBlock(max_length=200, required=False, help_text="e.g. 'defence minister'")

    class Meta:
        icon = "openquote"
        template = "news/blocks/quote.html"


class FigureBlock(blocks.StructBlock):
    """A number that matters, with where it comes from."""

    value = blocks.CharBlock(max_length=60, help_text="e.g. '5,100' or '€2.4bn'")
    label = blocks.CharBlock(max_length=200, help_text="what the number counts")
    source = blocks.CharBlock(max_length=200)
    source_url = blocks.URLBlock(required=False)

    class Meta:
        icon = "table"
        template = "news/blocks/figure.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(max_length=400, required=False)
    credit = blocks.CharBlock(max_length=200)

    class Meta:
        icon = "image"
        template = "news/blocks/image.html"


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    facts = blocks.ListBlock(blocks.CharBlock(max_length=400))

    class Meta:
        icon = "list-ul"
        template = "news/blocks/factbox.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, template="news/blocks/paragraph.html"
    )
    quote = QuoteBlock()
    figure = FigureBlock()
    image = ImageBlock()
    embed = EmbedBlock(max_width=800, icon="media")
    factbox = FactBoxBlock()
