"""Both rounds of a consultation as participants live them, and who may see and post: the invited early
reviewers comment in the review, the invited validators give one verdict each in the validation; nobody
outside a round's participants sees a restricted draft or posts to it, and nobody posts before opening or
after closing."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from portal.consultations import services
from portal.consultations.models import Comment, Consultation, Round, Verdict, Version
from tests.factories import (
    ClusterFactory,
    ConsultationFactory,
    CountryFactory,
    DraftSectionFactory,
    NamedParticipantFactory,
    ProfileFactory,
    approved_stakeholder,
    coordinator,
    opened,
)

pytestmark = pytest.mark.django_db


def reviewer(**fields):
    return approved_stakeholder(early_reviewer=True, **fields)


def validator(**fields):
    return approved_stakeholder(validator=True, **fields)


def url(consultation) -> str:
    return f"/consultations/{consultation.slug}/"


def comment_on(client, consultation, number=1, **data):
    fields = {"text": "Say which industry: pharma, SMEs, device makers.", **data}
    prefixed = {f"comment-{number}-{key}": value for key, value in fields.items()}
    return client.post(url(consultation), {"target": f"comment-{number}", **prefixed})


def verdict_on(client, consultation, part="whole", **data):
    return client.post(url(consultation), {"target": f"verdict-{part}",
                                           **{f"verdict-{part}-{key}": value for key, value in data.items()}})


def test_opening_a_round_freezes_the_draft_and_later_edits_go_to_the_next_round():
    consultation = ConsultationFactory(sections=[("Scope", "Industry takes part."),
                                                 ("Trust", "Build trust.")])
    review = opened(consultation)
    assert [(s.number, s.heading, s.text) for s in review.sections.all()] == [
        (1, "Scope", "Industry takes part."), (2, "Trust", "Build trust.")]
    assert services.open_round(consultation, Round.REVIEW) == review  # once
    section = consultation.sections.get(heading="Scope")
    section.text = "Industry takes part in every mirror group."
    section.save()
    DraftSectionFactory(consultation=consultation, heading="Services")

    assert review.sections.get(number=1).text == "Industry takes part."
    validation = services.open_round(consultation, Round.VALIDATION)
    assert [s.heading for s in validation.sections.all()] == ["Scope", "Trust", "Services"]
    assert validation.sections.get(number=1).text == "Industry takes part in every mirror group."


def test_an_early_reviewer_comments_on_a_section_with_a_quote_and_proposed_wording(client):
    cluster, country = ClusterFactory(slug="patient-organisations"), CountryFactory(iso_code="PT")
    consultation = ConsultationFactory()
    person = reviewer(clusters=[cluster], country=country)
    client.force_login(person)

    page = client.get(url(consultation))
    assert page.status_code == 200 and "Each signatory country adds industry to its group." in page.text
    response = comment_on(client, consultation, 1, quote="adds industry", proposed_wording="adds SMEs")
    assert response.status_code == 302

    comment = Comment.objects.get()
    assert (comment.section.number, comment.section.version.round) == (1, Round.REVIEW)
    assert (comment.quote, comment.proposed_wording, comment.author) == ("adds industry", "adds SMEs", person)
    assert services.author_shown(comment) == f"a stakeholder from {cluster.name}, Portugal"
    assert "Say which industry" in client.get(url(consultation)).text


def test_a_quote_not_in_the_section_is_refused_next_to_its_field_and_the_comment_is_kept(client):
    consultation = ConsultationFactory()
    client.force_login(reviewer())
    response = comment_on(client, consultation, 2, quote="words nobody wrote", text="My kept comment")
    assert response.status_code == 200
    assert "This passage is not in the section" in response.text
    assert "My kept comment" in response.text and "words nobody wrote" in response.text
    assert not Comment.objects.exists()


@pytest.mark.parametrize("who", ["not an early reviewer", "not approved", "outside the chosen clusters",
                                 "a validator only"])
def test_only_the_rounds_participants_see_a_restricted_draft_and_post_to_it(client, who):
    chosen, other = ClusterFactory(slug="industry"), ClusterFactory(slug="academics")
    consultation = ConsultationFactory(audience=Consultation.Audience.CHOSEN)
    consultation.clusters.set([chosen])
    consultation.save()  # parental relations are stored on saving
    person = {
        "not an early reviewer": lambda: approved_stakeholder(clusters=[chosen]),
        "not approved": lambda: ProfileFactory(early_reviewer=True, clusters=[chosen]).user,
        "outside the chosen clusters": lambda: reviewer(clusters=[other]),
        "a validator only": lambda: validator(clusters=[chosen]),
    }[who]()
    client.force_login(person)

    page = client.get(url(consultation))
    assert page.status_code == 403 and "adds industry" not in page.text
    comment_on(client, consultation, 1)
    assert not Comment.objects.exists()
    with pytest.raises(services.Refused, match="invited"):
        services.comment(opened(consultation).sections.get(number=1), person, text="Let me in")


def test_the_audience_of_chosen_countries_and_named_people(client):
    spain, portugal = CountryFactory(iso_code="ES", name="Spain"), CountryFactory(iso_code="PT")
    consultation = ConsultationFactory(audience=Consultation.Audience.CHOSEN)
    consultation.countries.set([spain])
    consultation.save()
    from_spain, from_portugal = reviewer(country=spain), reviewer(country=portugal)
    named = approved_stakeholder(country=portugal)  # no role in their profile
    NamedParticipantFactory(consultation=consultation, user=named)

    assert set(services.participants(consultation, Round.REVIEW)) == {from_spain, named}
    assert set(services.participants(consultation, Round.VALIDATION)) == {named}
    assert list(services.taking_part(from_spain)) == [consultation]
    assert not services.taking_part(from_portugal).exists()


def test_nobody_posts_before_the_round_opens_or_after_it_closes(client):
    consultation = ConsultationFactory(review_opens_at=timezone.now() + datetime.timedelta(days=1))
    person = reviewer()
    client.force_login(person)
    assert client.get(url(consultation)).status_code == 403  # nothing to see yet
    assert not Version.objects.exists()

    with time_machine.travel(consultation.review_closes_at + datetime.timedelta(minutes=1)):
        page = client.get(url(consultation))
        assert page.status_code == 200 and "This round is closed" in page.text
        assert 'name="comment-1-text"' not in page.text
        with pytest.raises(services.Refused, match="closed on"):
            services.comment(Version.objects.get().sections.get(number=1), person, text="Too late")


def test_a_comment_refused_at_closing_says_why_next_to_the_form_and_keeps_the_text(client):
    consultation = ConsultationFactory()
    client.force_login(reviewer())
    client.get(url(consultation))
    with time_machine.travel(consultation.review_closes_at - datetime.timedelta(seconds=1), tick=False):
        page = client.get(url(consultation))
    assert 'name="comment-1-text"' in page.text  # the form as the person saw it, a second before closing
    with time_machine.travel(consultation.review_closes_at + datetime.timedelta(seconds=1)):
        response = comment_on(client, consultation, 1, text="Sent a second late")
    assert "This round is closed" in response.text and not Comment.objects.exists()


def test_validators_approve_or_object_with_a_reason_once_each_and_may_change_until_closing(client):
    consultation = ConsultationFactory()
    opened(consultation)
    with time_machine.travel(consultation.validation_opens_at + datetime.timedelta(hours=1)):
        person = validator()
        client.force_login(person)
        page = client.get(url(consultation))
        assert page.status_code == 200 and "Round 2: validation" in page.text

        refused = verdict_on(client, consultation, "whole", choice="object", reason="")
        assert "Say why you object." in refused.text and not Verdict.objects.exists()
        objected = verdict_on(client, consultation, "whole", choice="object", reason="Too vague")
        assert objected.status_code == 302
        assert verdict_on(client, consultation, "1", choice="approve").status_code == 302
        assert verdict_on(client, consultation, "whole", choice="approve").status_code == 302

        version = Version.objects.get(round=Round.VALIDATION)
        assert Verdict.objects.filter(voter=person).count() == 2
        tally = {row["label"]: (row["approvals"], row["objections"]) for row in services.tally(version)}
        assert tally["The text as a whole"] == (1, 0)
        assert tally["1. Industry in every mirror group"] == (1, 0)
        assert comment_on(client, consultation, 1).status_code == 200 and not Comment.objects.exists()

    with time_machine.travel(consultation.validation_closes_at + datetime.timedelta(seconds=1)):
        with pytest.raises(services.Refused):
            services.give_verdict(version, person, section=None, choice="object", reason="Changed my mind")
    assert Verdict.objects.get(voter=person, section=None).choice == "approve"


def test_a_coordinator_reads_every_draft_but_posts_nothing(client):
    consultation = ConsultationFactory(audience=Consultation.Audience.CHOSEN)
    client.force_login(coordinator())
    page = client.get(url(consultation))
    assert page.status_code == 200 and 'name="comment-1-text"' not in page.text
    comment_on(client, consultation, 1)
    assert not Comment.objects.exists()

