"""StreamField blocks of the content pages: what coordinators compose a page body from."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

# Headings come from the heading block, so that the page outline stays in order (h1 is the title).
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Heading level 2")), ("h3", _("Heading level 3 (under a level 2)"))],
        default="h2", label=_("level"),
    )
    text = blocks.CharBlock(max_length=200, label=_("text"))

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "cms/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt = blocks.CharBlock(
        max_length=250, label=_("alternative text"),
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(max_length=250, required=False, label=_("caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "cms/blocks/image.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        max_length=200, required=False, label=_("link text"),
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "cms/blocks/document_link.html"


class PageOrURLBlock(blocks.StructBlock):
    """A struct with a `page` and a `url` child: exactly one of them must be given."""

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = ValidationError(_("Choose a page or give a web address, not both."))
            raise StructBlockValidationError(block_errors={"url": message})
        return value


class LinkBlock(PageOrURLBlock):
    label = blocks.CharBlock(max_length=60, label=_("label"))
    page = blocks.PageChooserBlock(required=False, label=_("page"))
    url = blocks.URLBlock(required=False, label=_("or web address"))

    class Meta:
        icon = "link"
        label = _("Link")


class CallToActionBlock(PageOrURLBlock):
    text = blocks.CharBlock(max_length=300, label=_("text"))
    page = blocks.PageChooserBlock(required=False, label=_("page"))
    url = blocks.URLBlock(required=False, label=_("or web address"))
    button_label = blocks.CharBlock(max_length=60, label=_("button label"))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "cms/blocks/call_to_action.html"


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, label=_("title"))
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("text"))


class AccordionBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(AccordionItemBlock(), min_num=1, **kwargs)

    class Meta:
        icon = "list-ul"
        label = _("Accordion")
        template = "cms/blocks/accordion.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=300, label=_("question"))
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("answer"))

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "cms/blocks/question.html"


class TableWithCaptionBlock(TableBlock):
    class Meta:
        label = _("Table")
        template = "cms/blocks/table.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"), icon="pilcrow")
    image = ImageBlock()
    document = DocumentLinkBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
    table = TableWithCaptionBlock()


class FAQBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    question = QuestionBlock()
