"""Newsletter fixtures: an issue in the archive, topics, and many subscribers made in bulk."""

import base64
import time

from wagtail.models import Page
from wagtail.rich_text import RichText

from cms.models import HomePage
from newsletters import sending
from newsletters.models import NewsletterIndexPage, NewsletterIssuePage, Send, Subscriber, Topic, new_token


def make_issue(title="Issue 1: the genome of Europe") -> NewsletterIssuePage:
    home = HomePage.objects.first() or Page.get_first_root_node().add_child(instance=HomePage(
        title="1+MG", slug="home-1mg", intro="<p>1+MG</p>", about_initiative="<p>a</p>",
        about_b1mg="<p>b</p>", call_to_register="<p>c</p>"))
    archive = NewsletterIndexPage.objects.first()
    if archive is None:
        archive = home.add_child(instance=NewsletterIndexPage(title="Newsletter", slug="newsletter"))
    issue = NewsletterIssuePage(
        title=title, summary="News of the 1+MG stakeholders",
        body=[
            ("heading", {"level": "h2", "text": "Survey results are out"}),
            ("paragraph", RichText('<p>Read the <a href="https://example.org/r">full results</a>.</p>')),
            ("link", {"label": "The home page", "page": home, "url": ""}),
        ],
    )
    archive.add_child(instance=issue)
    issue.save_revision().publish()
    return issue


def topic(name="General", **kwargs) -> Topic:
    return Topic.objects.get_or_create(slug=name.lower(), defaults={"name": name, **kwargs})[0]


def subscribers(count, topics, *, status=Subscriber.Status.CONFIRMED, prefix="reader") -> list[Subscriber]:
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


def send_now(issue, topics) -> Send:
    """What the send's tasks do, here in the test's own transaction (which never commits)."""
    send, _ = sending.request_send(issue, topics)
    sending.start_send(send.pk)
    while sending.send_batch(send.pk):
        pass
    sending.finish_if_done(send.pk)
    send.refresh_from_db()
    return send


def signed_in(settings) -> dict:
    """The headers of an email service signing in to django-anymail's webhooks."""
    secret = settings.ANYMAIL["WEBHOOK_SECRET"][0]
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()}


def wait_until_done(send: Send, timeout=60.0, poke=None, poke_every=2.0) -> Send:
    """Wait for the send to finish; `poke` (the periodic task, say) runs every `poke_every` seconds."""
    deadline = time.monotonic() + timeout
    poked = time.monotonic()
    while time.monotonic() < deadline:
        send.refresh_from_db()
        if send.status == Send.Status.DONE:
            return send
        if poke and time.monotonic() - poked >= poke_every:
            poke()
            poked = time.monotonic()
        time.sleep(0.1)
    raise AssertionError(f"send still {send.status} after {timeout}s")
