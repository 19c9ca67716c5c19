"""The stakeholder newsletter: issues as pages, topics, subscribers with their consent, and the delivery
ledger that makes every send idempotent (one row per send and subscriber)."""

from .pages import NewsletterIndexPage, NewsletterIssuePage
from .subscribers import Consent, Delivery, Send, Subscriber, Topic, new_token, subscribers_of

__all__ = [
    "Consent", "Delivery", "NewsletterIndexPage", "NewsletterIssuePage", "Send", "Subscriber", "Topic",
    "new_token", "subscribers_of",
]
