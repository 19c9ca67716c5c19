"""The body blocks: what each renders, and what each refuses."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from cms.blocks import CallToActionBlock, ImageBlock
from cms.models import FAQPage
from tests.factories import DocumentFactory, ImageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_with_every_block():
    image = ImageFactory(title="Map of signatories")
    document = DocumentFactory(title="NMG fact sheet", file=ContentFile(b"%PDF-1.4", name="nmg.pdf"))
    faq = FAQPage.objects.get()
    return StandardPageFactory(title="Every block", slug="every-block", body=[
        {"type": "heading", "value": {"level": "h2", "text": "A level two heading"}},
        {"type": "heading", "value": {"level": "h3", "text": "A level three heading"}},
        {"type": "paragraph", "value": "<p>Some <b>rich</b> text.</p>"},
        {"type": "image", "value": {"image": image.pk, "alt": "Countries that signed", "caption": "In 2020"}},
        {"type": "document", "value": {"document": document.pk, "title": ""}},
        {"type": "call_to_action", "value": {"text": "Questions?", "page": faq.pk, "url": "",
                                             "button_label": "Read the FAQ"}},
        {"type": "accordion", "value": [{"title": "First fold", "body": "<p>Inside the first fold.</p>"}]},
        {"type": "table", "value": {"table_caption": "Roadmap", "first_row_is_table_header": True,
                                    "first_col_is_header": False,
                                    "data": [["Year", "Stage"], ["2020", "Engage"]]}},
    ])


def test_a_standard_page_renders_every_body_block_accessibly(client, page_with_every_block):
    response = client.get("/every-block/")

    text = response.text
    assert response.status_code == 200
    assert "<h2>A level two heading</h2>" in text and "<h3>A level three heading</h3>" in text
    assert "<p>Some <b>rich</b> text.</p>" in text
    assert 'alt="Countries that signed"' in text and "<figcaption>In 2020</figcaption>" in text
    assert ">NMG fact sheet</a>" in text and "(PDF" in text
    assert '<a class="button button--primary" href="/faq/">Read the FAQ</a>' in text
    assert "<summary>First fold</summary>" in text and "Inside the first fold." in text
    assert "<caption>Roadmap</caption>" in text and '<th scope="col"' in text
    assert 'role="region" tabindex="0" aria-label="Roadmap"' in text


def test_an_image_without_alternative_text_is_refused():
    image = ImageFactory(title="Map")
    block = ImageBlock()

    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt": "", "caption": ""}))


@pytest.mark.parametrize("page, url", [(True, "https://example.org/"), (False, "")])
def test_a_call_to_action_needs_a_page_or_an_address_not_both(site, page, url):
    block = CallToActionBlock()
    value = block.to_python({"text": "Join", "page": site.home.pk if page else None, "url": url,
                             "button_label": "Go"})

    with pytest.raises(ValidationError):
        block.clean(value)


def test_a_call_to_action_with_an_address_is_valid():
    block = CallToActionBlock()

    block.clean(block.to_python({"text": "Join", "page": None, "url": "https://example.org/",
                                 "button_label": "Go"}))
