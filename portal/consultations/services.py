"""Who takes part in a round, opening a round (freezing the draft), commenting, answering, giving a verdict,
the tally and publishing the report: the changes views, the admin and tasks make.

A round's participants: the audience (every approved stakeholder, or those of the chosen clusters or
countries) who said in their profile they would take that role (early reviewer for the review, validator
for the validation), plus the people named for that round. Coordinators (who may change consultations) see
every draft but post nothing."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.stakeholders.models import StakeholderProfile

from .models import Comment, Consultation, NamedParticipant, Round, Verdict, Version, VersionSection

ROLE_FLAG = {Round.REVIEW: "early_reviewer", Round.VALIDATION: "validator"}
NAMED_FOR = {Round.REVIEW: [NamedParticipant.Rounds.BOTH, NamedParticipant.Rounds.REVIEW],
             Round.VALIDATION: [NamedParticipant.Rounds.BOTH, NamedParticipant.Rounds.VALIDATION]}


class Refused(Exception):
    """Why a person may not post (a sentence to show them)."""


def participants(consultation: Consultation, round_: int):
    """The accounts taking part in a round."""
    profile = "stakeholder_profile__"
    audience = Q(**{f"{profile}status": StakeholderProfile.Status.APPROVED,
                    f"{profile}{ROLE_FLAG[round_]}": True})
    if consultation.audience == Consultation.Audience.CHOSEN:
        audience &= (Q(**{f"{profile}clusters__in": consultation.clusters.all()})
                     | Q(**{f"{profile}country__in": consultation.countries.all()}))
    named = NamedParticipant.objects.filter(consultation=consultation, rounds__in=NAMED_FOR[round_])
    found = get_user_model().objects.filter(is_active=True).filter(audience | Q(pk__in=named.values("user")))
    return found.distinct()


def takes_part(consultation: Consultation, round_: int, user) -> bool:
    return user.is_authenticated and participants(consultation, round_).filter(pk=user.pk).exists()


def taking_part(user, profile: StakeholderProfile | None = None):
    """The consultations with a round that has opened and that the person takes part in (`profile`: theirs,
    when the caller has it already)."""
    now = timezone.now()
    if profile is None:
        profile = StakeholderProfile.objects.filter(user=user).first()
    if profile is not None and profile.status != StakeholderProfile.Status.APPROVED:
        profile = None
    found = Q(pk__in=[])
    for round_ in Round.values:
        who = Q(pk__in=NamedParticipant.objects.filter(user=user, rounds__in=NAMED_FOR[round_])
                .values("consultation"))
        if profile is not None and getattr(profile, ROLE_FLAG[round_]):
            chosen = Q(audience=Consultation.Audience.CHOSEN) & (
                Q(clusters__in=profile.clusters.all()) | Q(countries=profile.country_id))
            who |= Q(audience=Consultation.Audience.ALL) | chosen
        field = "review_opens_at" if round_ == Round.REVIEW else "validation_opens_at"
        found |= who & Q(**{f"{field}__lte": now})
    return Consultation.objects.filter(found)


def is_coordinator(user) -> bool:
    return user.is_authenticated and user.has_perm("consultations.change_consultation")


def opened_version(consultation: Consultation, round_: int) -> Version | None:
    """The round's version, frozen now if its opening time has come and nobody froze it yet."""
    version = next((v for v in consultation.versions.all() if v.round == round_), None)
    opens = consultation.opens_at(round_)
    if version is None and opens is not None and opens <= timezone.now():
        version = open_round(consultation, round_)
    return version


def current_round(consultation: Consultation) -> int | None:
    """The round people are in or last were in: the validation once it has opened, else the review once it
    has opened."""
    now = timezone.now()
    for round_ in (Round.VALIDATION, Round.REVIEW):
        opens = consultation.opens_at(round_)
        if opens is not None and opens <= now:
            return round_
    return None


def may_see(consultation: Consultation, user) -> bool:
    """The draft is for coordinators and the participants of a round that has opened."""
    if is_coordinator(user):
        return True
    now = timezone.now()
    return any(consultation.opens_at(round_) and consultation.opens_at(round_) <= now
               and takes_part(consultation, round_, user) for round_ in Round.values)


@transaction.atomic
def open_round(consultation: Consultation, round_: int, *, now=None) -> Version:
    """Freeze the draft as the round's version (once: a second call finds the first one's). Opening now
    moves the round's opening time to now."""
    Consultation.objects.select_for_update().get(pk=consultation.pk)
    existing = Version.objects.filter(consultation=consultation, round=round_).first()
    if existing is not None:
        return existing
    now = now or timezone.now()
    field = "review_opens_at" if round_ == Round.REVIEW else "validation_opens_at"
    if getattr(consultation, field) is None or getattr(consultation, field) > now:
        setattr(consultation, field, now)
        Consultation.objects.filter(pk=consultation.pk).update(**{field: now})
    review_closes = consultation.review_closes_at
    if round_ == Round.VALIDATION and (review_closes is None or review_closes > now):
        close_round(consultation, Round.REVIEW, now=now)  # the review ends where the validation begins
    version = Version.objects.create(consultation=consultation, round=round_, frozen_at=now)
    VersionSection.objects.bulk_create(
        VersionSection(version=version, number=number, heading=section.heading, text=section.text)
        for number, section in enumerate(consultation.sections.order_by("sort_order", "pk"), start=1))
    return version


def close_round(consultation: Consultation, round_: int, *, now=None) -> None:
    """Close an open round now."""
    now = now or timezone.now()
    field = "review_closes_at" if round_ == Round.REVIEW else "validation_closes_at"
    setattr(consultation, field, now)
    Consultation.objects.filter(pk=consultation.pk).update(**{field: now})


def _check_can_post(consultation: Consultation, round_: int, user) -> None:
    now = timezone.now()
    opens, closes = consultation.opens_at(round_), consultation.closes_at(round_)
    if opens is None or opens > now:
        raise Refused(_("This round has not opened yet."))
    if closes is None or closes <= now:
        raise Refused(_("This round closed on %(date)s.") % {
            "date": date_format(timezone.localtime(closes), "DATETIME_FORMAT")} if closes else
            _("This round is closed."))
    if not takes_part(consultation, round_, user):
        raise Refused(_("Only the people invited to this round take part in it."))


def _profile_label(user) -> tuple[str, str]:
    profile = StakeholderProfile.objects.filter(user=user).select_related("country").first()
    if profile is None:
        return "", ""
    clusters = " / ".join(cluster.name for cluster in profile.clusters.order_by("name"))
    return clusters, profile.country.name if profile.country else ""


def comment(section: VersionSection, user, *, text: str, quote: str = "", proposed_wording: str = "",
            named: bool = False) -> Comment:
    consultation = section.version.consultation
    if section.version.round != Round.REVIEW:
        raise Refused(_("Comments are for the review round."))
    _check_can_post(consultation, Round.REVIEW, user)
    quote = quote.strip()
    if quote and quote not in section.text:
        raise Refused(_("The quoted passage is not in this section's text: copy it exactly."))
    cluster, country = _profile_label(user)
    return Comment.objects.create(section=section, author=user, author_cluster=cluster,
                                  author_country=country, named=named, quote=quote, text=text.strip(),
                                  proposed_wording=proposed_wording.strip())


def answer(comment_: Comment, *, decision: str, answer_text: str) -> Comment:
    comment_.decision = decision
    comment_.answer = answer_text.strip()
    comment_.answered_at = timezone.now()
    comment_.save(update_fields=["decision", "answer", "answered_at"])
    return comment_


def give_verdict(version: Version, user, *, section: VersionSection | None, choice: str, reason: str = ""
                 ) -> Verdict:
    """The person's verdict on the section (or on the whole text): a new one replaces theirs."""
    if version.round != Round.VALIDATION:
        raise Refused(_("Verdicts are for the validation round."))
    if section is not None and section.version_id != version.pk:
        raise Refused(_("This section is not part of the version being validated."))
    _check_can_post(version.consultation, Round.VALIDATION, user)
    reason = reason.strip()
    if choice == Verdict.Choice.OBJECT and not reason:
        raise Refused(_("Say why you object."))
    values = {"choice": choice, "reason": reason, "changed_at": timezone.now()}
    try:
        with transaction.atomic():
            verdict, _created = Verdict.objects.update_or_create(
                version=version, section=section, voter=user, defaults=values)
    except IntegrityError:  # the same person's verdict arrived twice at once: the other one was made
        verdict = Verdict.objects.get(version=version, section=section, voter=user)
        Verdict.objects.filter(pk=verdict.pk).update(**values)
    return verdict


def tally(version: Version) -> list[dict]:
    """A row for the whole text, then one a section: approvals, objections and the objections' reasons."""
    counted = Verdict.objects.filter(version=version).values("section").annotate(
        approvals=Count("pk", filter=Q(choice=Verdict.Choice.APPROVE)),
        objections=Count("pk", filter=Q(choice=Verdict.Choice.OBJECT)))
    counts = {row["section"]: row for row in counted}
    reasons: dict = {}
    for section_id, reason in (Verdict.objects.filter(version=version, choice=Verdict.Choice.OBJECT)
                               .order_by("changed_at", "pk").values_list("section", "reason")):
        reasons.setdefault(section_id, []).append(reason)
    rows = [{"section": None, "label": _("The text as a whole")}]
    rows += [{"section": section, "label": str(section)} for section in version.sections.all()]
    for row in rows:
        key = row["section"].pk if row["section"] else None
        row.update(approvals=counts.get(key, {}).get("approvals", 0),
                   objections=counts.get(key, {}).get("objections", 0), reasons=reasons.get(key, []))
    return rows


def author_shown(comment_: Comment) -> str:
    """How a comment's author appears to anyone but coordinators."""
    if comment_.author is None:
        return _("a stakeholder")
    if comment_.named:
        return comment_.author.get_full_name() or _("a stakeholder")
    where = ", ".join(part for part in (comment_.author_cluster, comment_.author_country) if part)
    return _("a stakeholder from %(where)s") % {"where": where} if where else _("a stakeholder")


def publish_report(consultation: Consultation) -> None:
    """Once the validation round has closed; publishing again changes nothing."""
    closes = consultation.validation_closes_at
    if closes is None or closes > timezone.now() or not consultation.versions.filter(round=Round.VALIDATION):
        raise Refused(_("The report is published once the validation round has closed."))
    if consultation.report_published_at is None:
        consultation.report_published_at = timezone.now()
        Consultation.objects.filter(pk=consultation.pk).update(report_published_at=consultation.report_published_at)


def published():
    return Consultation.objects.filter(report_published_at__isnull=False)
