"""A membership reaches its person's account: at once when the address belongs to a verified account, when
that address is confirmed later, or through the invitation's link (which also works for someone who
registered with another address)."""

from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.contrib import messages
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .models import Membership
from .notifications import welcome_member


def link_account(membership: Membership) -> None:
    """Link a new membership to the verified account of its address, if there is one."""
    if membership.user_id is None:
        address = EmailAddress.objects.filter(email__iexact=membership.email, verified=True).first()
        if address is not None:
            membership.user_id = address.user_id
            membership.save(update_fields=["user"])


def welcome(membership: Membership) -> None:
    link_account(membership)
    welcome_member(membership)


@receiver(email_confirmed)
def link_memberships_of_confirmed_address(sender, request, email_address, **kwargs):
    Membership.objects.filter(user__isnull=True, email__iexact=email_address.email).update(
        user=email_address.user
    )


@never_cache
@transaction.atomic
def take_up(request, token: str):
    membership = (Membership.objects.select_for_update(of=("self",)).select_related("group__country")
                  .filter(invitation_token=token).first())
    if membership is None or membership.user_id not in (None, request.user.pk):
        return render(request, "mirror_groups/invitation.html", {"membership": None}, status=404)
    if not request.user.is_authenticated:
        return render(request, "mirror_groups/invitation.html", {
            "membership": membership,
            "signup_url": f"{reverse('account_signup')}?next={request.path}",
            "login_url": f"{reverse('account_login')}?next={request.path}",
        })
    if membership.user_id == request.user.pk:
        messages.info(request, _("This membership is already yours."))
        return redirect("stakeholders:my_portal")
    if Membership.objects.filter(group=membership.group, user=request.user).exists():
        messages.error(request, _("You are already a member of this group, with another address."))
        return redirect("stakeholders:my_portal")
    if request.method == "POST":
        membership.user = request.user
        membership.save(update_fields=["user"])
        messages.success(request, _("Welcome to the %(group)s.") % {"group": membership.group})
        return redirect("stakeholders:my_portal")
    return render(request, "mirror_groups/invitation.html", {"membership": membership})
