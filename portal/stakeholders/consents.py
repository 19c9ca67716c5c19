"""Consents per purpose: recorded as a history, the latest row per purpose is what holds.

The newsletter consent is the exception: the newsletter app's ledger (its subscriber's consents) holds it.
That app registers here how to read and change it; without it, the profile asks nothing about a newsletter.
Rows of the newsletter purpose in this app's table are history from before, kept as the legal record.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from .models import Consent, PrivacyStatement

# The wording a stakeholder agrees to for each purpose other than membership; bump it when it changes.
CONSENT_TEXT_VERSIONS = {
    Consent.Purpose.PUBLIC_LISTING: "public-listing-1",
    Consent.Purpose.INDUSTRY_DIRECTORY: "industry-directory-1",
}
# The industry directory's consent is asked of this cluster's members only (portal/usecases/directory.py).
INDUSTRY_CLUSTER = "industry"
# The wording of the profile's newsletter checkbox (forms.py), recorded in the newsletter's ledger.
NEWSLETTER_TEXT_VERSION = "newsletter-1"


@dataclass(frozen=True)
class NewsletterLedger:
    """What the newsletter app registers: `latest(user)`, the latest consent row of the person's
    subscription (with given, text_version, recorded_at) or None; `subscribe(user, *, text_version,
    request)`, which asks them to confirm by email; `unsubscribe(user)`."""

    latest: Callable
    subscribe: Callable
    unsubscribe: Callable


_newsletter_ledger: NewsletterLedger | None = None


def register_newsletter_ledger(*, latest: Callable, subscribe: Callable, unsubscribe: Callable) -> None:
    global _newsletter_ledger
    _newsletter_ledger = NewsletterLedger(latest, subscribe, unsubscribe)


def newsletter_ledger() -> NewsletterLedger | None:
    return _newsletter_ledger


@dataclass(frozen=True)
class LedgerConsent:
    """A consent held in another app's ledger, shown beside this app's own rows."""

    purpose: str
    given: bool
    text_version: str
    recorded_at: datetime

    def get_purpose_display(self) -> str:
        return Consent.Purpose(self.purpose).label


def latest_consents(user) -> dict[str, Consent | LedgerConsent]:
    latest = {}
    for consent in user.consents.exclude(purpose=Consent.Purpose.NEWSLETTER).select_related(
        "privacy_statement"
    ):  # newest first
        latest.setdefault(consent.purpose, consent)
    ledger = newsletter_ledger()
    newsletter = ledger.latest(user) if ledger is not None else None
    if newsletter is not None:
        latest[Consent.Purpose.NEWSLETTER] = LedgerConsent(
            Consent.Purpose.NEWSLETTER, newsletter.given, newsletter.text_version, newsletter.recorded_at,
        )
    return latest


def has_consent(user, purpose: str) -> bool:
    consent = user.consents.filter(purpose=purpose).first()
    return bool(consent and consent.given)


def record_consent(user, purpose: str, given: bool, source: str) -> Consent | None:
    """Record a consent for a purpose other than membership, if it differs from the one that holds."""
    if purpose not in CONSENT_TEXT_VERSIONS:
        raise ValueError(f"No consent of purpose {purpose!r} is recorded here.")
    if has_consent(user, purpose) == given and user.consents.filter(purpose=purpose).exists():
        return None
    return Consent.objects.create(
        user=user, purpose=purpose, given=given, source=source,
        text_version=CONSENT_TEXT_VERSIONS[purpose],
    )


def has_newsletter_consent(user) -> bool:
    ledger = newsletter_ledger()
    latest = ledger.latest(user) if ledger is not None else None
    return bool(latest and latest.given)


def change_newsletter_consent(user, given: bool, *, request=None) -> None:
    """Subscribe or unsubscribe through the newsletter's ledger, if that changes what holds."""
    ledger = newsletter_ledger()
    if ledger is None or has_newsletter_consent(user) == given:
        return
    if given:
        ledger.subscribe(user, text_version=NEWSLETTER_TEXT_VERSION, request=request)
    else:
        ledger.unsubscribe(user)


def agree_to_privacy_statement(user, statement: PrivacyStatement, source: str) -> Consent:
    return Consent.objects.create(
        user=user, purpose=Consent.Purpose.MEMBERSHIP, given=True, source=source,
        privacy_statement=statement, text_version=statement.version,
    )


def statement_to_agree(user) -> PrivacyStatement | None:
    """The current privacy statement if this person has not agreed to it yet."""
    current = PrivacyStatement.current()
    if current is None:
        return None
    agreed = user.consents.filter(
        purpose=Consent.Purpose.MEMBERSHIP, given=True, privacy_statement=current
    ).exists()
    return None if agreed else current
