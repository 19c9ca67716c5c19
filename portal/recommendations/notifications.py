"""The tracker's email, through the outbox: a followed recommendation's status changed."""

from django.urls import reverse

from portal.core.mail import absolute_url, send_templated_mail

from .models.recommendations import Follow, StatusChange


def recommendation_url(recommendation) -> str:
    from .models.pages import recommendation_path  # the page's module imports this one

    return absolute_url(recommendation_path(recommendation) or "/")


def status_changed(change: StatusChange) -> None:
    recommendation = change.recommendation
    followers = Follow.objects.filter(recommendation=recommendation).select_related("user")
    if not followers:
        return
    context = {"recommendation": recommendation, "change": change,
               "recommendation_url": recommendation_url(recommendation),
               "portal_url": absolute_url(reverse("stakeholders:my_portal"))}
    for followed in followers:
        send_templated_mail("recommendations/status_changed", [followed.user.email],
                            {**context, "person": followed.user.get_full_name()})
