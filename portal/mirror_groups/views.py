"""The public pages of the National Mirror Groups: the directory, a group's page with its contact form,
and the application to join a group.

Only what is public shows: members who agreed to be listed, and otherwise counts. A member's address
never appears; the contact form mails the group's NCP without showing where it goes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.stakeholders.models import StakeholderProfile

from . import services
from .composition import Rules, composition_report, gender_counts
from .directory import INITIATIVE, as_member, entries, matching, rule_names
from .forms import ApplicationForm, ContactForm, DirectoryFilterForm, MemberChoicesForm
from .models import CompositionRules, Gender, Membership, MirrorGroup, Role

# The group's page lists its managers first.
ROLE_ORDER = {Role.SCIENTIFIC_COORDINATOR: 0, Role.NATIONAL_CONTACT_POINT: 1, Role.MEMBER: 2}


def _rules(request) -> Rules:
    return Rules.of(CompositionRules.load(request_or_site=request))


def directory(request):
    rules = _rules(request)
    found = entries(rules)
    names = rule_names(rules)
    filters = DirectoryFilterForm.applied(request.GET, rule_names=names)
    return TemplateResponse(request, "mirror_groups/directory.html", {
        "entries": matching(found, **filters),
        "filter_form": DirectoryFilterForm(initial=filters, rule_names=names),
        "filtered": bool(filters),
    })


def _group(iso: str) -> MirrorGroup:
    return get_object_or_404(MirrorGroup.objects.select_related("country"), country__iso_code=iso.upper(),
                             country__status__in=INITIATIVE)


def _joining(request, group: MirrorGroup) -> dict:
    """What the page says about joining: a link to apply, or why this visitor cannot."""
    if not request.user.is_authenticated:
        return {"sign_in": True}
    return {"refusal": services.application_refusal(request.user, group)}


def _group_page(request, group: MirrorGroup, contact_form: ContactForm, status: int = 200):
    members = sorted(group.current_memberships(), key=lambda member: (ROLE_ORDER[member.role], member.name))
    composition = [as_member(member) for member in members]
    genders = gender_counts(composition)
    listed = [member for member in members if member.listed_publicly]
    response = TemplateResponse(request, "mirror_groups/group.html", {
        "group": group,
        "country": group.country,
        "member_count": len(members),
        "listed": listed,
        "unlisted_count": len(members) - len(listed),
        "report": composition_report(composition, _rules(request)),
        # Counts only, and none at all under five declared (composition.gender_counts).
        "genders": [(label, genders[value]) for value, label in Gender.choices] if genders else None,
        "news": group.news.filter(published_on__lte=timezone.localdate()),
        "meetings": group.meetings.select_related("minutes"),
        "form": contact_form if services.contact_recipients(group) else None,
        "joining": _joining(request, group),
    }, status=status)
    # The contact form carries a CSRF token: never a shared cache.
    add_never_cache_headers(response)
    return response


def group_page(request, iso: str):
    return _group_page(request, _group(iso), ContactForm())


@require_POST
def contact(request, iso: str):
    group = _group(iso)
    form = ContactForm(request.POST)
    if not form.is_valid():
        return _group_page(request, group, form)
    sent = _("Thank you: your message is on its way to the group.")
    if form.caught_a_robot:
        messages.success(request, sent)
        return redirect("mirror_groups:group", iso=group.country.iso_code.lower())
    if not form.within_limit(request, topic=group.country.iso_code):
        return _group_page(request, group, form, status=429)
    if not services.send_contact_message(group, name=form.cleaned_data["name"],
                                         email=form.cleaned_data["email"],
                                         message=form.cleaned_data["message"]):
        # The page says the group has no contact point yet, in place of the form.
        return _group_page(request, group, form, status=409)
    messages.success(request, sent)
    return redirect("mirror_groups:group", iso=group.country.iso_code.lower())


@never_cache
@login_required
def apply(request, iso: str):
    group = _group(iso)
    refusal = services.application_refusal(request.user, group)
    if refusal is not None:
        return TemplateResponse(request, "mirror_groups/apply.html", {"group": group, "refusal": refusal},
                                status=403)
    profile = StakeholderProfile.objects.get(user=request.user)
    form = ApplicationForm(request.POST or None, initial={"organisation": profile.organisation})
    if request.method == "POST" and form.is_valid():
        try:
            services.apply(user=request.user, group=group, **form.cleaned_data)
        except services.ApplicationRefused as refused:
            form.add_error(None, refused.refusal.reason)
        else:
            messages.success(request, _(
                "Your application is sent. The group's scientific coordinator and national contact point "
                "decide on it; you will get an email, and can follow it here meanwhile."
            ))
            return redirect("stakeholders:my_portal")
    return TemplateResponse(request, "mirror_groups/apply.html", {"group": group, "form": form})


@never_cache
@login_required
def member_choices(request, pk: int):
    membership = get_object_or_404(Membership.objects.select_related("group__country"), pk=pk,
                                   user=request.user)
    form = MemberChoicesForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your choices for the %(group)s are saved.")
                         % {"group": membership.group})
        return redirect("stakeholders:my_portal")
    return TemplateResponse(request, "mirror_groups/member_choices.html",
                            {"membership": membership, "form": form})
