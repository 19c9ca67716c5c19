"""Coordinators send an issue from its page: a test to themselves, then to the subscribers of some
topics (the exact count and a sample first), and follow each send's counts."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.widgets.button import Button

from .. import sending
from ..email import render_issue
from ..models import Delivery, NewsletterIssuePage, Send, Subscriber, Topic

SAMPLE_SIZE = 10


class SendForm(forms.Form):
    topics = forms.ModelMultipleChoiceField(
        Topic.objects.all(), widget=forms.CheckboxSelectMultiple, label=gettext_lazy("Topics"),
        help_text=gettext_lazy("The confirmed subscribers of any of these topics receive the issue."),
    )
    send_at = forms.DateTimeField(
        required=False, label=gettext_lazy("Send at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The admin shows times in the coordinator's own zone (their Wagtail profile), else the site's.
        self.fields["send_at"].help_text = _("%(zone)s time. Leave empty to send now.") % {
            "zone": timezone.get_current_timezone_name()}

    def clean_send_at(self):
        send_at = self.cleaned_data["send_at"]
        if send_at and send_at < timezone.now() - timezone.timedelta(minutes=1):
            raise forms.ValidationError(_("Choose a time in the future, or leave it empty to send now."))
        return send_at


def may_send(user, page) -> bool:
    return user.has_perm("newsletters.add_send") and page.permissions_for_user(user).can_edit()


def _issue(request, pk) -> NewsletterIssuePage:
    issue = get_object_or_404(NewsletterIssuePage, pk=pk)
    if not may_send(request.user, issue):
        raise PermissionDenied
    return issue


def send_view(request, pk):
    """GET: the form. POST: the audience's exact count and a sample. POST with `confirm`: the send."""
    issue = _issue(request, pk)
    form = SendForm(request.POST or None)
    context = {"issue": issue, "form": form, "page_title": _("Send the newsletter"), "header_icon": "mail",
               "sends": Send.objects.filter(issue=issue).prefetch_related("topics")}
    if request.method == "POST" and form.is_valid():
        topics = list(form.cleaned_data["topics"])
        if not issue.live:
            form.add_error(None, _("Publish the issue first: the email links to its web page."))
        elif "confirm" in request.POST:
            send, created = sending.request_send(issue, topics, send_at=form.cleaned_data["send_at"],
                                                 requested_by=request.user)
            if created:
                messages.success(request, _("The issue is on its way.") if send.send_at <= timezone.now()
                                 else _("The issue will be sent at the time chosen."))
            else:  # the second of a double click, or a send already waiting
                messages.info(request, _("This issue is already being sent to these topics."))
            return redirect("newsletters_send_report", send.pk)
        else:
            audience = sending.audience_ids(topics, issue)
            sample = Subscriber.objects.filter(pk__in=audience[:SAMPLE_SIZE]).values_list("email", flat=True)
            context.update(confirming=True, recipients=len(audience), sample=sample)
    return TemplateResponse(request, "newsletters/admin/send.html", context)


@require_POST
def test_send_view(request, pk):
    """The issue, as subscribers get it, to the coordinator's own address (through the outbox)."""
    issue = _issue(request, pk)
    message = render_issue(issue).message(request.user.email, "test", newsletter=False)
    message.subject = _("[Test] %(subject)s") % {"subject": message.subject}
    message.send()
    messages.success(request, _("A test copy is on its way to %(email)s.") % {"email": request.user.email})
    return redirect("newsletters_send", issue.pk)  # the page the test was asked from


def counts(send: Send) -> dict:
    status = Delivery.Status
    tally = send.deliveries.aggregate(
        queued=Count("pk", filter=Q(status__in=[status.QUEUED, status.SENDING])),
        sent=Count("pk", filter=Q(status=status.SENT)),
        failed=Count("pk", filter=Q(status=status.FAILED)),
        bounced=Count("pk", filter=Q(status=status.BOUNCED)),
        skipped=Count("pk", filter=Q(status=status.SKIPPED)),
        unsubscribed_since=Count("pk", filter=Q(
            subscriber__status=Subscriber.Status.UNSUBSCRIBED, subscriber__unsubscribed_at__gte=send.send_at
        )),
    )
    return tally


def report_view(request, send_pk):
    send = get_object_or_404(Send.objects.select_related("issue"), pk=send_pk)
    issue = _issue(request, send.issue_id)
    if request.method == "POST" and "resend" in request.POST:
        count = sending.resend_undelivered(send)
        messages.success(request, _("%(count)s messages will be sent again.") % {"count": count})
        return redirect("newsletters_send_report", send.pk)
    if request.method == "POST" and "cancel" in request.POST:
        if sending.cancel_send(send):
            messages.success(request, _("The send is cancelled: nobody received anything."))
        else:
            messages.error(request, _("The send has started already: it can no longer be cancelled."))
        return redirect("newsletters_send_report", send.pk)
    failures = send.deliveries.filter(status=Delivery.Status.FAILED).select_related("subscriber")[:50]
    topics = list(send.topics.all())
    waiting = send.status == Send.Status.SCHEDULED
    return TemplateResponse(request, "newsletters/admin/report.html", {
        "send": send, "issue": issue, "counts": counts(send), "failures": failures, "topics": topics,
        "audience_now": len(sending.audience_ids(topics, issue)) if waiting else None,
        "page_title": _("Newsletter send"), "header_icon": "mail",
    })


def urls():
    return [
        path("newsletters/issue/<int:pk>/send/", send_view, name="newsletters_send"),
        path("newsletters/issue/<int:pk>/test/", test_send_view, name="newsletters_test_send"),
        path("newsletters/send/<int:send_pk>/", report_view, name="newsletters_send_report"),
    ]


def send_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, NewsletterIssuePage) and may_send(user, page):
        yield Button(_("Send"), reverse("newsletters_send", args=[page.pk]), icon_name="mail", priority=80)
