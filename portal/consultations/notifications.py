"""The consultations' emails, each through the outbox and recorded as a Notice so that it goes once: the
invitation when a round opens, the reminder before it closes, the summary of a person's answered comments."""

from django.db import IntegrityError, transaction
from django.urls import reverse

from portal.core.mail import absolute_url, send_templated_mail

from .models import Comment, Consultation, Notice, Round


def send_once(consultation: Consultation, user, round_: int, kind: str, **context) -> bool:
    """Records the notice and queues the mail in one transaction; False when it was sent before."""
    try:
        with transaction.atomic():
            Notice.objects.create(consultation=consultation, user=user, round=round_, kind=kind)
            send_templated_mail(
                f"consultations/{kind}", [user.email],
                {"consultation": consultation, "person": user.get_full_name(), "round": round_,
                 "round_name": str(Round(round_).label).lower(),
                 "closes_at": consultation.closes_at(round_),
                 "consultation_url": absolute_url(reverse("consultations:detail", args=[consultation.slug])),
                 "portal_url": absolute_url(reverse("stakeholders:my_portal")), **context},
                concerning=[user.email])
    except IntegrityError:
        return False
    return True


def answered(consultation: Consultation, user, comments: list[Comment], round_: int) -> bool:
    return send_once(consultation, user, round_, Notice.Kind.ANSWERS, comments=comments)
