"""Content: pages made to measure under the run's world (its home page unless `parent=` says where),
documents, images, collections, menu items and contact messages."""

import datetime
import uuid

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

from cms.models import (
    ContactMessage,
    HomePage,
    MainMenu,
    MainMenuItem,
    NewsIndexPage,
    NewsPage,
    ResourceIndexPage,
    ResourcePage,
    StandardPage,
)


def home_page() -> HomePage:
    return HomePage.objects.get()


class PageFactory(wagtail_factories.PageFactory):
    class Meta:
        abstract = True

    parent = factory.LazyFunction(home_page)


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Page {n}")


class NewsPageFactory(PageFactory):
    """A news item in the demo's news index."""

    class Meta:
        model = NewsPage

    parent = factory.LazyFunction(lambda: NewsIndexPage.objects.get())
    title = factory.Sequence(lambda n: f"News item {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    date = datetime.date(2022, 10, 1)
    summary = factory.Sequence(lambda n: f"Summary of news item {n}.")


class ResourcePageFactory(PageFactory):
    """A resource in the demo's resource index."""

    class Meta:
        model = ResourcePage

    parent = factory.LazyFunction(lambda: ResourceIndexPage.objects.get())
    title = factory.Sequence(lambda n: f"Resource {n}")
    slug = factory.Sequence(lambda n: f"resource-{n}")
    date = datetime.date(2022, 10, 1)
    summary = factory.Sequence(lambda n: f"Summary of resource {n}.")


class CollectionFactory(wagtail_factories.CollectionFactory):
    """A collection under the root one; `restricted=True` opens it to signed-in people only."""

    class Meta:
        skip_postgeneration_save = True

    parent = factory.LazyFunction(Collection.get_first_root_node)
    name = factory.Sequence(lambda n: f"Collection {n}")

    @factory.post_generation
    def restricted(obj, create, extracted, **kwargs):
        if create and extracted:
            CollectionViewRestriction.objects.create(
                collection=obj, restriction_type=CollectionViewRestriction.LOGIN
            )


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A document in the root collection, stored under MEDIA_ROOT (the `media_in_tmp` fixture)."""

    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 demo", name="file.pdf"))


class ImageFactory(wagtail_factories.ImageFactory):
    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Image {n}")
    file = factory.LazyFunction(get_test_image_file)


class MainMenuItemFactory(factory.django.DjangoModelFactory):
    """An item of the main menu of the run's world: give it a `page=` or a `url=`."""

    class Meta:
        model = MainMenuItem

    menu = factory.LazyFunction(lambda: MainMenu.objects.get())


class ContactMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactMessage

    name = "Ana Silva"
    email = factory.Sequence(lambda n: f"writer{n}@example.org")
    message = "A question about the portal."
    submission_token = factory.LazyFunction(uuid.uuid4)
