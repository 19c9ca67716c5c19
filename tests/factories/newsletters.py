"""The newsletter: topics, subscribers (one at a time, or many in bulk), their consents, the archive, its
issues and their sends."""

import factory
from wagtail.rich_text import RichText

from newsletters.models import (
    Consent,
    NewsletterIndexPage,
    NewsletterIssuePage,
    Send,
    Subscriber,
    Topic,
    new_token,
)

from .cms import PageFactory, home_page


class TopicFactory(factory.django.DjangoModelFactory):
    """A topic, got again by its slug (the name in lower case unless told)."""

    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = "General"
    slug = factory.LazyAttribute(lambda o: o.name.lower())


def newsletter_topics() -> list[Topic]:
    """The general newsletter, then rare diseases and cancer."""
    return [
        TopicFactory(slug="general", name="General newsletter", is_general=True, order=0),
        TopicFactory(slug="rare-diseases", name="Rare diseases", order=10),
        TopicFactory(slug="cancer", name="Cancer", order=20),
    ]


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A subscriber who has not confirmed yet, unless `status=` says otherwise."""

    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"subscriber{n}@example.org")

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.set(extracted)


def subscribers(count, topics, *, status=Subscriber.Status.CONFIRMED, prefix="reader") -> list[Subscriber]:
    """`count` subscribers to `topics` in a few queries (sends are tested with a thousand):
    reader0@example.org, reader1@example.org…"""
    made = Subscriber.objects.bulk_create(
        [Subscriber(email=f"{prefix}{i}@example.org", status=status, token=new_token())
         for i in range(count)],
        batch_size=2000,
    )
    Through = Subscriber.topics.through
    Through.objects.bulk_create(
        [Through(subscriber_id=s.pk, topic_id=t.pk) for s in made for t in topics], batch_size=5000
    )
    return made


class NewsletterConsentFactory(factory.django.DjangoModelFactory):
    """A subscriber's consent, given on the subscription form unless told otherwise."""

    class Meta:
        model = Consent

    subscriber = factory.SubFactory(SubscriberFactory)
    source = Consent.Source.FORM
    text_version = "newsletter-form-1"


class NewsletterIndexPageFactory(PageFactory):
    class Meta:
        model = NewsletterIndexPage

    title = "Newsletter"
    slug = "newsletter"


def _archive() -> NewsletterIndexPage:
    return NewsletterIndexPage.objects.first() or NewsletterIndexPageFactory()


class NewsletterIssuePageFactory(PageFactory):
    """A published issue in the archive (made under the home page if there is none yet), with a heading, a
    paragraph with a link and a link to the home page."""

    class Meta:
        model = NewsletterIssuePage
        skip_postgeneration_save = True

    parent = factory.LazyFunction(_archive)
    title = "Issue 1: the genome of Europe"
    summary = "News of the 1+MG stakeholders"
    body = factory.LazyFunction(lambda: [
        ("heading", {"level": "h2", "text": "Survey results are out"}),
        ("paragraph", RichText('<p>Read the <a href="https://example.org/r">full results</a>.</p>')),
        ("link", {"label": "The home page", "page": home_page(), "url": ""}),
    ])

    @factory.post_generation
    def published(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            obj.save_revision().publish()


class SendFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Send

    issue = factory.SubFactory(NewsletterIssuePageFactory)
