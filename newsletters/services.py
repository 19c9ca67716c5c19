"""What happens to a subscriber: subscribing (double opt-in), confirming, changing topics, leaving,
imports and bounces. Confirmation mail is transactional: it carries no List-Unsubscribe headers."""

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from portal.core.mail import absolute_url, send_templated_mail
from portal.core.personal_data import Owner
from portal.stakeholders.services import is_erased_address

from .models import Consent, Delivery, Subscriber, Topic, new_token

# The wording of the subscription form's consent; bump it when the text in forms.py changes.
FORM_CONSENT_VERSION = "newsletter-form-1"
CONFIRMATION_SALT = "newsletters.confirm.key"
# Links sent before confirmation keys signed the preferences token itself with this salt.
LEGACY_CONFIRMATION_SALT = "newsletters.confirm"


def preferences_url(subscriber: Subscriber, request=None) -> str:
    return absolute_url(reverse("newsletters:preferences", args=[subscriber.token]), request)


def confirmation_link(subscriber: Subscriber, request=None) -> str:
    """A link that names the subscriber's confirmation key (random, not the token: the link is signed,
    not encrypted) and the time it was made, so that it expires."""
    signed = signing.dumps(subscriber.confirmation_key, salt=CONFIRMATION_SALT)
    return absolute_url(reverse("newsletters:confirm", args=[signed]), request)


def subscriber_for_link(signed: str) -> Subscriber | None:
    """The subscriber a confirmation link names; raises SignatureExpired or BadSignature."""
    max_age = settings.NEWSLETTER_CONFIRMATION_MAX_AGE
    try:
        key = signing.loads(signed, salt=CONFIRMATION_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise
    except signing.BadSignature:
        # A link mailed before confirmation keys: it holds until it expires like the others (at most
        # NEWSLETTER_CONFIRMATION_MAX_AGE after this was deployed; then this branch can go).
        token = signing.loads(signed, salt=LEGACY_CONFIRMATION_SALT, max_age=max_age)
        return Subscriber.objects.filter(token=token).first()
    if not isinstance(key, str) or not key:
        return None
    return Subscriber.objects.filter(confirmation_key=key).first()


def agreed_version(consents) -> str:
    """The consent text version of the last of these consents that agreed to something."""
    last = consents.filter(given=True).last()
    return last.text_version if last else FORM_CONSENT_VERSION


def _subscriber_for(email: str) -> Subscriber:
    """The one subscriber of an address, whatever its letter case; two requests at once make one row."""
    email = email.strip().lower()
    existing = Subscriber.objects.filter(email__iexact=email).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Subscriber.objects.create(email=email)
    except IntegrityError:
        return Subscriber.objects.get(email__iexact=email)


def _send_confirmation(subscriber: Subscriber, request=None) -> None:
    send_templated_mail("newsletters/confirm", [subscriber.email], {
        "subscriber": subscriber,
        "confirm_url": confirmation_link(subscriber, request),
        "days": settings.NEWSLETTER_CONFIRMATION_MAX_AGE // 86400,
    })
    subscriber.confirmation_sent_at = timezone.now()
    subscriber.save(update_fields=["confirmation_sent_at"])


@transaction.atomic
def subscribe(email: str, topics, *, source: str, text_version: str, basis: str = "", user=None,
              request=None) -> Subscriber | None:
    """Ask an address to confirm its subscription to these topics.

    An address already confirmed keeps its topics (whoever typed it may not own it) and gets a mail saying
    it is subscribed, with its preferences link. An erased address is never mailed: None.
    """
    if is_erased_address(email):
        return None
    subscriber = _subscriber_for(email)
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if user is not None and subscriber.user_id is None and email.strip().lower() in Owner.of(user).addresses:
        subscriber.user = user
        subscriber.save(update_fields=["user"])
    if subscriber.status == Subscriber.Status.CONFIRMED:
        if source == Consent.Source.FORM:
            send_templated_mail("newsletters/already_subscribed", [subscriber.email], {
                "subscriber": subscriber, "preferences_url": preferences_url(subscriber, request),
            })
        return subscriber
    if subscriber.status != Subscriber.Status.UNCONFIRMED or not subscriber.confirmation_key:
        # A new key for each time of asking: a link from an earlier one (before leaving) names nobody.
        # Mails sent again while waiting carry the same key, so that each of them confirms.
        subscriber.confirmation_key = new_token()
    subscriber.status = Subscriber.Status.UNCONFIRMED
    subscriber.save(update_fields=["status", "confirmation_key"])
    subscriber.topics.set(topics)
    Consent.objects.create(subscriber=subscriber, source=source, text_version=text_version, basis=basis)
    _send_confirmation(subscriber, request)
    return subscriber


@transaction.atomic
def confirm(subscriber: Subscriber) -> bool:
    """Confirm a waiting subscriber; False if there was nothing to confirm (left since, or done already)."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status != Subscriber.Status.UNCONFIRMED:
        return False
    subscriber.status = Subscriber.Status.CONFIRMED
    subscriber.confirmed_at = timezone.now()
    subscriber.unsubscribed_at = None
    subscriber.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
    # The confirmation is of the text the subscriber was asked to agree to.
    asked = subscriber.consents.exclude(source=Consent.Source.CONFIRMATION)
    Consent.objects.create(subscriber=subscriber, source=Consent.Source.CONFIRMATION,
                           text_version=agreed_version(asked))
    return True


def change_topics(subscriber: Subscriber, topics) -> None:
    subscriber.topics.set(topics)


@transaction.atomic
def unsubscribe(subscriber: Subscriber, *, source: str = Consent.Source.PREFERENCES) -> bool:
    """Leave the newsletter; False if the subscriber had left already."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return False
    subscriber.status = Subscriber.Status.UNSUBSCRIBED
    subscriber.unsubscribed_at = timezone.now()
    subscriber.save(update_fields=["status", "unsubscribed_at"])
    Consent.objects.create(subscriber=subscriber, given=False, source=source,
                           text_version=agreed_version(subscriber.consents))
    return True


def resubscribe(subscriber: Subscriber, request=None) -> Subscriber | None:
    """Someone who left asks to come back from the preferences page: they confirm again."""
    return subscribe(subscriber.email, list(subscriber.topics.all()), source=Consent.Source.PREFERENCES,
                     text_version=agreed_version(subscriber.consents), request=request)


def mark_undeliverable(addresses, status: str, *, message_id: str = "") -> int:
    """Mark addresses bounced or complained (nothing is sent to them again); how many were known.
    A message id from the report names the bounced delivery when it is one of ours."""
    assert status in (Subscriber.Status.BOUNCED, Subscriber.Status.COMPLAINED)
    marked = 0
    for address in {a.strip().lower() for a in addresses if a.strip()}:
        marked += Subscriber.objects.filter(email__iexact=address).update(status=status)
        if status == Subscriber.Status.BOUNCED:
            record_bounce(address, message_id)
    return marked


def record_bounce(address: str, message_id: str = "") -> None:
    """A newsletter sent to the address bounced: the one with that Message-ID, else the latest sent.
    Its send's report counts it."""
    deliveries = Delivery.objects.filter(subscriber__email__iexact=address)
    named = None
    if message_id:
        bare = message_id.strip().strip("<>")
        named = deliveries.filter(message_id__in=[bare, f"<{bare}>"]).first()
    # A report of a delivery bounced already (the service repeating itself) changes nothing.
    bounced = named or deliveries.filter(status=Delivery.Status.SENT).order_by("-sent_at").first()
    if bounced is not None:
        Delivery.objects.filter(pk=bounced.pk, status=Delivery.Status.SENT).update(
            status=Delivery.Status.BOUNCED)


def general_topics():
    return Topic.objects.filter(is_general=True)
