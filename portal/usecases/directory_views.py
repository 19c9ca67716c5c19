"""The industry directory's pages (directory.py decides who is in it): the listing with its filters, a listed
person's page and the form to write to them. Approved stakeholders only; anyone else is told why."""

from functools import wraps

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from portal.core.contact import PublicContactForm
from portal.core.listings import ListingFilterForm, paginate
from portal.core.validators import no_markup
from portal.initiative.models import Country, DiseaseArea
from portal.stakeholders.members import is_member

from . import directory


class DirectoryFilterForm(ListingFilterForm):
    country = forms.ModelChoiceField(label=gettext_lazy("Country"), required=False, to_field_name="iso_code",
                                     queryset=Country.objects.order_by("name"),
                                     empty_label=gettext_lazy("Any country"))
    role = forms.ModelChoiceField(label=gettext_lazy("Industry role"), required=False,
                                  queryset=directory.industry_roles(), empty_label=gettext_lazy("Any role"))
    disease_area = forms.ModelChoiceField(label=gettext_lazy("Disease area"), required=False,
                                          to_field_name="slug", queryset=DiseaseArea.objects.order_by("name"),
                                          empty_label=gettext_lazy("Any disease area"))


class DirectoryContactForm(PublicContactForm):
    """Sent by a signed-in approved stakeholder: their own name and address go with it, so the form asks for
    the message only (and keeps the robots' trap)."""

    rate_limit = "industry_directory_contact"
    limited_message = gettext_lazy(
        "Many messages were sent to this person or by you lately, so this one is not sent. Your text is "
        "still below: please try again later."
    )

    name = None
    email = None
    message = forms.CharField(label=gettext_lazy("Your message"), max_length=3000, validators=[no_markup],
                              widget=forms.Textarea(attrs={"rows": 6}),
                              help_text=gettext_lazy("Plain text, at most 3000 characters. They answer you "
                                                     "at your account's address."))


def approved_only(view):
    """The directory is for approved stakeholders: anyone else reads why (and the signed out, where to sign
    in)."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if not is_member(request.user):
            return TemplateResponse(request, "usecases/directory_refused.html", status=403)
        return view(request, *args, **kwargs)

    return checked


@approved_only
def listing(request):
    filters = DirectoryFilterForm.applied(request.GET)
    people = paginate(request, directory.for_listing(directory.matching(directory.listed(), **filters)))
    people.object_list = directory.with_use_cases(people.object_list)
    return TemplateResponse(request, "usecases/directory.html", {
        "people": people,
        "filter_form": DirectoryFilterForm(initial=filters),
        "filtered": bool(filters),
    })


def _person(pk: int):
    return get_object_or_404(directory.for_listing(directory.listed()), pk=pk)


def _person_page(request, person, form, status: int = 200):
    (person,) = directory.with_use_cases([person])
    return TemplateResponse(request, "usecases/directory_person.html", {"person": person, "form": form},
                            status=status)


@approved_only
def person(request, pk: int):
    return _person_page(request, _person(pk), DirectoryContactForm())


@require_POST
@approved_only
def contact(request, pk: int):
    listed = _person(pk)
    form = DirectoryContactForm(request.POST)
    if not form.is_valid():
        return _person_page(request, listed, form)
    sent = _("Thank you: your message is on its way to %(name)s.") % {"name": listed.full_name}
    if form.caught_a_robot:
        messages.success(request, sent)
        return redirect("usecases:directory_person", pk=listed.pk)
    if not form.within_limit(request, topic=str(listed.pk)):
        return _person_page(request, listed, form, status=429)
    directory.write_to(listed, sender=request.user, message=form.cleaned_data["message"], request=request)
    messages.success(request, sent)
    return redirect("usecases:directory_person", pk=listed.pk)
