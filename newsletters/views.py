"""The subscribing side of the newsletter: the form, the confirmation link, the preferences page, and the
one-click unsubscribe (RFC 8058) of every newsletter's List-Unsubscribe header."""

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from portal.stakeholders.consents import NEWSLETTER_TEXT_VERSION

from . import services, stakeholders
from .forms import SubscribeForm, TopicsForm
from .models import Consent, Subscriber


def subscribe(request):
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        email = form.is_valid() and form.cleaned_data["email"].strip().lower()
        if email and not ratelimit.consume(request, action="newsletter_subscribe", key=email):
            # The same for every address, known or not: it reveals nothing.
            form.add_error(None, _("Many subscriptions were asked for from your network or for this address "
                                   "lately. Please try again in an hour."))
            return render(request, "newsletters/subscribe.html", {"form": form}, status=429)
        if email:
            services.subscribe(form.cleaned_data["email"], form.cleaned_data["topics"],
                               source=Consent.Source.FORM, text_version=services.FORM_CONSENT_VERSION,
                               request=request)
            # The same answer whether the address is new, waiting, subscribed or erased.
            return render(request, "newsletters/check_your_email.html",
                          {"email": form.cleaned_data["email"]})
    else:
        form = SubscribeForm(initial={"topics": services.general_topics()})
    return render(request, "newsletters/subscribe.html", {"form": form})


def confirm(request, signed):
    try:
        subscriber = services.subscriber_for_link(signed)
    except signing.SignatureExpired:
        return render(request, "newsletters/link_invalid.html", {"expired": True}, status=410)
    except signing.BadSignature:
        subscriber = None
    if subscriber is None:
        return render(request, "newsletters/link_invalid.html", {"expired": False}, status=404)
    if request.method != "POST" and subscriber.status == Subscriber.Status.UNCONFIRMED:
        # Mail scanners follow links: only the button on this page confirms.
        return render(request, "newsletters/confirm.html", {"subscriber": subscriber})
    if request.method == "POST":
        services.confirm(subscriber)
        subscriber.refresh_from_db()
    if subscriber.status != Subscriber.Status.CONFIRMED:  # left or bounced since the link was sent
        return render(request, "newsletters/link_invalid.html", {"expired": False}, status=410)
    return render(request, "newsletters/confirmed.html", {"subscriber": subscriber})


def preferences(request, token):
    subscriber = get_object_or_404(Subscriber, token=token)
    form = TopicsForm(initial={"topics": subscriber.topics.all()})
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "unsubscribe":
            services.unsubscribe(subscriber, source=Consent.Source.PREFERENCES)
            messages.success(request, _("You are unsubscribed: you will receive no more newsletters."))
            return redirect("newsletters:preferences", token=token)
        if action == "resubscribe":
            services.resubscribe(subscriber, request=request)
            messages.success(request, _("We sent you an email: follow its link to subscribe again."))
            return redirect("newsletters:preferences", token=token)
        form = TopicsForm(request.POST)
        if form.is_valid():
            services.change_topics(subscriber, form.cleaned_data["topics"])
            messages.success(request, _("Your topics are saved."))
            return redirect("newsletters:preferences", token=token)
    return render(request, "newsletters/preferences.html", {"subscriber": subscriber, "form": form})


@login_required
@require_POST
def my_subscribe(request):
    """From My portal: a registered stakeholder asks for the newsletter; they confirm by email."""
    stakeholders.subscribe(request.user, text_version=NEWSLETTER_TEXT_VERSION, request=request)
    messages.success(request, _("We sent you an email: follow its link to confirm your subscription."))
    return redirect("stakeholders:my_portal")


@csrf_exempt  # mail clients POST `List-Unsubscribe=One-Click` without any token of ours
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """A POST unsubscribes at once; a GET only asks, so that link scanners unsubscribe nobody."""
    subscriber = get_object_or_404(Subscriber, token=token)
    if request.method == "POST":
        services.unsubscribe(subscriber, source=Consent.Source.UNSUBSCRIBE)
        subscriber.refresh_from_db()
        return render(request, "newsletters/unsubscribed.html", {"subscriber": subscriber})
    return render(request, "newsletters/unsubscribe.html", {"subscriber": subscriber, "token": token})
