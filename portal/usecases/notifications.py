"""The use cases' emails, each through the outbox: a move between states (to the submitter and the accepted
co-authors, with the comment they may read) and an invitation to co-author. They name the use case by its
title and link to its page: the detailed part never travels by mail."""

from django.urls import reverse

from portal.core.mail import absolute_url, send_templated_mail
from portal.stakeholders.display import user_display


def _use_case_url(use_case) -> str:
    return absolute_url(reverse("usecases:detail", args=[use_case.pk]))


def authors(use_case) -> list:
    people = [use_case.submitter] if use_case.submitter else []
    accepted = use_case.co_authors.filter(accepted_at__isnull=False, user__isnull=False).select_related(
        "user")
    people += [invitation.user for invitation in accepted]
    return people


def moved(use_case, entry) -> None:
    for person in authors(use_case):
        send_templated_mail(
            "usecases/moved", [person.email],
            {"person": user_display(person), "use_case": use_case, "entry": entry,
             "use_case_url": _use_case_url(use_case)},
            concerning=[person.email])


def co_author_invited(invitation, person) -> None:
    use_case = invitation.use_case
    send_templated_mail(
        "usecases/co_author_invited", [invitation.email],
        {"person": user_display(person), "use_case": use_case,
         "submitter": user_display(use_case.submitter) if use_case.submitter else "",
         "portal_url": absolute_url(reverse("stakeholders:my_portal"))},
        concerning=[invitation.email])


def reviewer_assigned(assignment) -> None:
    """Names the title and organisation only: the reviewer reads more once they declared no conflict."""
    reviewer = assignment.reviewer
    send_templated_mail(
        "usecases/reviewer_assigned", [reviewer.email],
        {"person": user_display(reviewer), "use_case": assignment.use_case,
         "review_url": absolute_url(reverse("usecases:review", args=[assignment.pk]))},
        concerning=[reviewer.email])
