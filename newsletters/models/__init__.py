"""The stakeholder newsletter: issues as pages, topics, subscribers with their consent, and the delivery
ledger that makes every send idempotent (one row per send and subscriber)."""

from .pages import NewsletterIndexPage, NewsletterIssuePage
from .sends import Delivery, Send
from .snippets import Topic
from .subscribers import Consent, Subscriber, new_token, subscribers_of

__all__ = [
    "Consent", "Delivery", "NewsletterIndexPage", "NewsletterIssuePage", "Send", "Subscriber", "Topic",
    "new_token", "subscribers_of",
]
