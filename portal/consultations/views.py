"""The consultations' public side: the list (published reports, and the consultations the visitor takes
part in), a consultation's draft with the forms of its round, and the published report with its exports."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from portal.core.listings import paginate

from . import report, services
from .forms import CommentForm, VerdictForm
from .models import Comment, Consultation, Round, Verdict, VersionSection


def index(request):
    listed = services.published()
    if request.user.is_authenticated:
        listed = listed | services.taking_part(request.user)
    return render(request, "consultations/index.html",
                  {"consultations": paginate(request, listed.distinct())})


def _forms(version, user, data=None, target=None) -> list[tuple[VersionSection | None, object]]:
    """A form for each section (and for the whole text in the validation), bound only where `target`
    names it."""
    sections = list(version.sections.all())
    if version.round == Round.REVIEW:
        return [(section, CommentForm(data if target == f"comment-{section.number}" else None,
                                      section=section)) for section in sections]
    given = {verdict.section_id: verdict for verdict in Verdict.objects.filter(version=version, voter=user)}
    found = []
    for section in [None, *sections]:
        name = f"verdict-{section.number if section else 'whole'}"
        mine = given.get(section.pk if section else None)
        initial = {"choice": mine.choice, "reason": mine.reason} if mine else None
        found.append((section, VerdictForm(data if target == name else None, section=section,
                                           initial=initial)))
    return found


def _post(request, version, forms):
    for section, form in forms:
        if not form.is_bound or not form.is_valid():
            continue
        data = form.cleaned_data
        try:
            if version.round == Round.REVIEW:
                services.comment(section, request.user, text=data["text"], quote=data["quote"],
                                 proposed_wording=data["proposed_wording"], named=data["named"])
                messages.success(request, _("Thank you: your comment is recorded."))
            else:
                services.give_verdict(version, request.user, section=section, choice=data["choice"],
                                      reason=data["reason"])
                messages.success(request, _("Your verdict is recorded; you may change it until the round "
                                            "closes."))
        except services.Refused as refused:
            form.add_error(None, str(refused))
            return None
        return redirect(request.path + (f"#section-{section.number}" if section else "#whole"))
    return None


def detail(request, slug: str):
    consultation = get_object_or_404(Consultation, slug=slug)
    if not services.may_see(consultation, request.user):
        return render(request, "consultations/not_for_you.html", {"consultation": consultation}, status=403)
    round_ = services.current_round(consultation)
    version = services.opened_version(consultation, round_) if round_ else None
    taking_part = version is not None and services.takes_part(consultation, round_, request.user)
    forms = []
    if version is not None:
        version = (type(version).objects.select_related("consultation")
                   .prefetch_related(Prefetch("sections", queryset=VersionSection.objects.order_by("number")))
                   .get(pk=version.pk))
        target = request.POST.get("target") if request.method == "POST" else None
        forms = _forms(version, request.user, request.POST if taking_part else None, target)
        if request.method == "POST" and taking_part:
            done = _post(request, version, forms)
            if done is not None:
                return done
    mine = (Comment.objects.filter(author=request.user, section__version=version).order_by("created_at", "pk")
            if version is not None and version.round == Round.REVIEW else Comment.objects.none())
    by_section = {}
    for own in mine:
        by_section.setdefault(own.section_id, []).append(own)
    return render(request, "consultations/detail.html", {
        "consultation": consultation, "version": version, "taking_part": taking_part,
        "open": version is not None and consultation.is_open(version.round),
        "closes_at": consultation.closes_at(version.round) if version is not None else None,
        "sections": [(section, form, by_section.get(section.pk, []) if section else [])
                     for section, form in forms],
    })


def _published(slug: str) -> Consultation:
    consultation = services.published().filter(slug=slug).first()
    if consultation is None:
        raise Http404
    return consultation


def report_page(request, slug: str):
    consultation = _published(slug)
    return render(request, "consultations/report.html",
                  {"consultation": consultation, "versions": report.versions(consultation),
                   "recommendations": report.recommendations(consultation)})


def report_csv(request, slug: str):
    return report.csv_response(_published(slug))


def report_xlsx(request, slug: str):
    return report.xlsx_response(_published(slug))


