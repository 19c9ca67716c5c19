"""Consents per purpose: recorded as a history, the latest row per purpose is what holds."""

from .models import Consent, PrivacyStatement

# The wording a stakeholder agrees to for each purpose other than membership; bump it when it changes.
CONSENT_TEXT_VERSIONS = {
    Consent.Purpose.NEWSLETTER: "newsletter-1",
    Consent.Purpose.PUBLIC_LISTING: "public-listing-1",
}


def latest_consents(user) -> dict[str, Consent]:
    latest = {}
    for consent in user.consents.select_related("privacy_statement"):  # newest first
        latest.setdefault(consent.purpose, consent)
    return latest


def has_consent(user, purpose: str) -> bool:
    consent = user.consents.filter(purpose=purpose).first()
    return bool(consent and consent.given)


def record_consent(user, purpose: str, given: bool, source: str) -> Consent | None:
    """Record a consent for a purpose other than membership, if it differs from the one that holds."""
    if has_consent(user, purpose) == given and user.consents.filter(purpose=purpose).exists():
        return None
    return Consent.objects.create(
        user=user, purpose=purpose, given=given, source=source,
        text_version=CONSENT_TEXT_VERSIONS[purpose],
    )


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
