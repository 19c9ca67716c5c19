"""A membership reaches its person's account only when they accept the emailed invitation, signed in with
any address (registering first if they have no account). Until then the managers see "invited": adding
someone by address tells them nothing about whether that address has an account."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .models import Membership


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
