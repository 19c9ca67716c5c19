"""Submitting a use case on the portal's own pages: a form in steps, each saved to the draft on the server;
the use case's page with its audit log, its moves and its co-authors; accepting an invitation to co-author;
attachments (added on their step, removed, downloaded). Who sees what is access.py.

A session that ended while someone typed must not lose the text: a step posted signed out is kept in that
browser's session (the anonymous one; signing in keeps its data) with the address it was posted to, and the
person is sent to sign in. Back at that address, signed in, the form is filled with what they typed, not yet
saved, for them to save. Nothing is written to the draft before the person is known to be one of its
authors, and the text never leaves the server (no copy in the browser's storage)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.core.private_files import serve_private_file

from . import access, services
from .forms import STEP_NAMES, STEPS, InviteForm, MoveForm, PublicPartForm
from .models import Attachment, CoAuthor, UseCase

KEPT = "usecases_kept_post"


def signed_in_keeping_post(view):
    """login_required, except that a form posted signed out is kept for the person to find after signing
    in (see the module's note)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.method == "POST":
            request.session[KEPT] = {
                "path": request.path,
                "data": {key: request.POST.getlist(key) for key in request.POST
                         if key != "csrfmiddlewaretoken"},
            }
            messages.info(request, _("You were signed out. Sign in again: what you typed will be back in the "
                                     "form, for you to save."))
        return redirect_to_login(request.get_full_path())

    return wrapper


def _kept_post(request):
    """What was posted to this address signed out, once, as form data."""
    kept = request.session.get(KEPT)
    if not kept or kept.get("path") != request.path:
        return None
    del request.session[KEPT]
    data = QueryDict(mutable=True)
    for key, values in kept["data"].items():
        data.setlist(key, values)
    messages.warning(request, _("What you typed before signing in again is below. It is not saved yet: save "
                                "it now."))
    return data


def _authored(request, pk: int) -> UseCase:
    """A use case the person may work on (an author or a coordinator); to anyone else it does not exist."""
    use_case = get_object_or_404(UseCase.objects.select_related("submitter"), pk=pk)
    if not (services.is_author(use_case, request.user) or services.is_coordinator(request.user)):
        raise Http404
    return use_case


def _step_url(use_case, name: str) -> str:
    return reverse("usecases:step", args=[use_case.pk, name])


def _after_step(request, use_case, name: str):
    index = STEP_NAMES.index(name)
    if "later" in request.POST or index == len(STEPS) - 1:
        return redirect("usecases:detail", use_case.pk)
    return redirect(_step_url(use_case, STEPS[index + 1][0]))


def _render_step(request, use_case, name, form, status=200):
    return render(request, "usecases/step.html", {
        "use_case": use_case, "form": form, "step": name, "steps": STEPS,
        "attachments": use_case.attachments.select_related("file") if name == "attachments" else None,
        "number": STEP_NAMES.index(name) + 1, "title": dict((n, t) for n, t, _form in STEPS)[name],
    }, status=status)


@never_cache
@signed_in_keeping_post
def start(request):
    reason = services.refusal_to_start(request.user)
    if reason:
        return render(request, "usecases/not_for_you.html", {"reason": reason}, status=403)
    data = request.POST if request.method == "POST" else _kept_post(request)
    form = PublicPartForm(data)
    if request.method == "POST" and form.is_valid():
        use_case = services.start(request.user, **{key: value for key, value in form.cleaned_data.items()
                                                   if key not in ("disease_areas", "industry_roles")})
        use_case.disease_areas.set(form.cleaned_data["disease_areas"])
        use_case.industry_roles.set(form.cleaned_data["industry_roles"])
        messages.success(request, _("Your draft is saved. You can finish it later from “My portal”."))
        return _after_step(request, use_case, "public")
    return _render_step(request, None, "public", form)


@never_cache
@signed_in_keeping_post
def step(request, pk: int, name: str):
    if name not in STEP_NAMES:
        raise Http404
    use_case = _authored(request, pk)
    if not services.may_edit(use_case, request.user):
        messages.info(request, _("This use case can no longer be changed."))
        return redirect("usecases:detail", use_case.pk)
    form_class = dict((n, f) for n, _title, f in STEPS)[name]
    data = request.POST if request.method == "POST" else _kept_post(request)
    form = form_class(data, request.FILES if request.method == "POST" else None, instance=use_case)
    if request.method == "POST" and form.is_valid():
        services.save_step(form, request.user)
        upload = form.cleaned_data.get("file")
        if upload:
            services.attach(use_case, request.user, upload)
            messages.success(request, _("“%(name)s” is attached.") % {"name": upload.name})
            if "later" not in request.POST:
                return redirect(_step_url(use_case, name))
        else:
            messages.success(request, _("Saved."))
        return _after_step(request, use_case, name)
    return _render_step(request, use_case, name, form)


@never_cache
def detail(request, pk: int):
    """The use case as the person may see it (access.py): its authors and the coordinators also find its
    moves and co-authors here."""
    use_case = get_object_or_404(UseCase.objects.select_related("submitter"), pk=pk)
    if not access.may_see_public(use_case, request.user):
        raise Http404
    full = services.is_author(use_case, request.user) or services.is_coordinator(request.user)
    detailed = access.may_see_detailed(use_case, request.user)
    context = {
        "use_case": use_case, "full": full, "detailed": detailed,
        "disease_areas": use_case.disease_areas.all(), "industry_roles": use_case.industry_roles.all(),
        "countries": use_case.countries.all(),
        "attachments": use_case.attachments.select_related("file") if detailed else None,
        "log": access.visible_log(use_case, request.user) if access.may_see_log(use_case, request.user)
        else None,
    }
    if full:
        context.update({
            "moves": [(candidate, MoveForm(initial={"to_state": candidate.to_state}))
                      for candidate in services.moves_for(use_case, request.user)
                      if candidate.who != services.Role.COORDINATOR],
            "editable": services.may_edit(use_case, request.user), "steps": STEPS,
            "missing": services.missing_to_submit(use_case) if use_case.state in services.EDITABLE else [],
            "co_authors": use_case.co_authors.select_related("user"),
            "invite_form": InviteForm() if (use_case.submitter_id == request.user.pk
                                            and use_case.state in services.EDITABLE) else None,
        })
    return render(request, "usecases/detail.html", context)


def attachment(request, pk: int, attachment_pk: int):
    """An attachment, to those who may read the detailed part (access.py); to anyone else it does not
    exist."""
    found = get_object_or_404(Attachment.objects.select_related("use_case", "file"), pk=attachment_pk,
                              use_case_id=pk)
    if not access.may_see_detailed(found.use_case, request.user):
        raise Http404
    return serve_private_file(request, found.file)


@require_POST
@signed_in_keeping_post
def remove_attachment(request, pk: int, attachment_pk: int):
    use_case = _authored(request, pk)
    found = get_object_or_404(Attachment.objects.select_related("file"), pk=attachment_pk, use_case=use_case)
    found.use_case = use_case
    try:
        services.remove_attachment(found, request.user)
    except services.Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("“%(name)s” is removed.") % {"name": found.file.name})
    return redirect(_step_url(use_case, "attachments"))


@require_POST
@signed_in_keeping_post
def move(request, pk: int):
    """The authors' moves (submitting, withdrawing); coordinators move use cases in the admin."""
    use_case = _authored(request, pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            entry = services.move(use_case, request.user, form.cleaned_data["to_state"],
                                  form.cleaned_data["comment"])
        except services.Refused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The use case is now “%(state)s”.") % {
                "state": entry.get_to_state_display()})
    else:
        messages.error(request, _("The comment could not be read: %(errors)s") % {
            "errors": " ".join(error for errors in form.errors.values() for error in errors)})
    return redirect("usecases:detail", use_case.pk)


@require_POST
@signed_in_keeping_post
def invite(request, pk: int):
    use_case = _authored(request, pk)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid address."))
    else:
        try:
            invitation, warning = services.invite(use_case, request.user, form.cleaned_data["email"])
        except services.Refused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("%(address)s is invited.") % {"address": invitation.email})
            if warning:
                messages.warning(request, warning)
    return redirect("usecases:detail", use_case.pk)


@require_POST
@signed_in_keeping_post
def accept(request, pk: int):
    invitation = get_object_or_404(CoAuthor, pk=pk)
    try:
        services.accept_invitation(invitation, request.user)
    except services.Refused:
        raise Http404 from None
    messages.success(request, _("You are a co-author of “%(title)s”.") % {"title": invitation.use_case.title})
    return redirect("usecases:detail", invitation.use_case_id)
