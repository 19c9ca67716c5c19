"""Newsletter subscriptions in the personal-data export and erasure. An erased account's address stays
suppressed through its hash (portal.stakeholders' ErasedAddress), never as the address itself."""

from portal.core.personal_data import register

from .models import Send, Subscriber, subscribers_of


def _export(owner) -> list[dict]:
    return [
        {
            "email": subscriber.email,
            "status": subscriber.get_status_display(),
            "topics": [topic.name for topic in subscriber.topics.all()],
            "subscribed_at": subscriber.created_at.isoformat(),
            "confirmed_at": subscriber.confirmed_at and subscriber.confirmed_at.isoformat(),
            "consents": [
                {"given": consent.given, "how": consent.get_source_display(),
                 "text_version": consent.text_version, "when": consent.recorded_at.isoformat()}
                for consent in subscriber.consents.all()
            ],
            "newsletters_sent": subscriber.deliveries.filter(status="sent").count(),
        }
        for subscriber in subscribers_of(owner).prefetch_related("topics", "consents")
    ]


def _export_sends(owner) -> list[dict]:
    return [
        {"newsletter": send.issue.title, "send_at": send.send_at.isoformat(), "status": send.status}
        for send in Send.objects.filter(requested_by=owner.user).select_related("issue")
    ]


def register_personal_data() -> None:
    register(Subscriber, label="newsletter_subscriptions", export=_export,
             erase=lambda owner: subscribers_of(owner).delete())
    register(Send, label="newsletter_sends_requested", export=_export_sends,
             erase=lambda owner: Send.objects.filter(requested_by=owner.user).update(requested_by=None))
