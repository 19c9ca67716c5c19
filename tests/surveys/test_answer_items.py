"""Answer items: the statistics counted from them on PostgreSQL equal those counted in Python from the
JSON answers, on varied data and under every kind of filter, and they follow every change of answers
(submit, resubmitted edit, erasure, deletion) and the data migration that fills them."""

import hashlib
import importlib
import random
from dataclasses import asdict

import pytest
from django.apps import apps
from django.db import connection

from portal.initiative.models import StakeholderCluster
from portal.stakeholders.services import account_erase
from surveys.answer_items import picked_choices
from surveys.models import AnswerItem, AnswerKey, AnswerValue, Response
from surveys.publishing import confirm_breaking_edit
from surveys.results import Filters, merged_questions, public_results, survey_results, survey_versions
from tests.factories import CountryFactory, ProfileFactory, small_definition

from .test_responding import FIRST_PAGE, SECOND_PAGE, section_url, start
from .test_results import genomes, respond  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db

ON_POSTGRESQL = connection.vendor == "postgresql"
postgresql_only = pytest.mark.skipif(
    not ON_POSTGRESQL, reason="compares the database's counting with Python's"
)


def both_engines_agree(survey, filters=None):
    in_database = survey_results(survey, filters, engine="postgresql")
    in_python = survey_results(survey, filters, engine="python")
    assert asdict(in_database) == asdict(in_python)
    return in_python


def publish(survey, definition):
    """A new version, breaking edits confirmed as a coordinator does in the editor."""
    before = survey.current_version()
    survey.definition = definition
    confirm_breaking_edit(survey, definition)
    survey.save_revision().publish()
    version = survey.current_version()
    assert version.number == before.number + 1
    return version


def second_definition() -> dict:
    """Arrays removed and a panel added; "grade" turns from a text into a single choice; subjects become
    decimal; a matrix, a number table with its own rows and a date are added."""
    definition = small_definition()
    data, counts = definition["sections"]
    data["questions"][1]["choices"] = [
        {"name": "wgs", "label": "WGS"}, {"name": "wes", "label": "WES"},
        {"name": "panel", "label": "Gene panel"},
        {"name": "none", "label": "None of the above", "exclusive": True},
    ]
    data["questions"].append({"name": "grade", "type": "single_choice", "label": "Grade",
                              "choices": [{"name": "a", "label": "A"}, {"name": "b", "label": "B"}]})
    counts["questions"][0]["kind"] = "decimal"
    counts["questions"] += [
        {"name": "quality", "type": "matrix", "label": "Quality",
         "rows": [{"name": "completeness", "label": "Completeness"},
                  {"name": "accuracy", "label": "Accuracy"}],
         "choices": [{"name": "good", "label": "Good"}, {"name": "fair", "label": "Fair"},
                     {"name": "poor", "label": "Poor"}]},
        {"name": "years", "type": "number_table", "label": "Samples a year", "kind": "decimal",
         "rows": [{"name": "y2019", "label": "2019"}, {"name": "y2020", "label": "2020"}]},
        {"name": "collected", "type": "date", "label": "Collected on"},
    ]
    return definition


def first_definition() -> dict:
    definition = small_definition()
    definition["sections"][0]["questions"].append({"name": "grade", "type": "short_text", "label": "Grade"})
    return definition


# Answers as the portal keeps them, and some it would refuse today but may hold from older rules or
# other tools: they must count the same way in both engines.
ODD_ANSWERS = [
    {},
    {"purpose": "", "kinds": [], "per_kind": {}, "quality": {}},
    {"purpose": ["clinical"], "kinds": "wgs", "subjects": "many", "per_kind": "12"},
    {"purpose": "clinical", "kinds": ["wgs", "wgs", 3], "subjects": " 7 ",
     "per_kind": {"wgs": "", "wes": "x"}},
    {"purpose": "elsewhere", "kinds": ["arrays"], "subjects": 12, "per_kind": {"arrays": 4.5, "ghost": "2"}},
    {"subjects": "12,5", "quality": {"completeness": "", "accuracy": ""}, "collected": "2020-13-01"},
    {"subjects": ".5", "quality": {"completeness": "good", "ghost": "poor"}, "collected": " 2020-01-05 "},
    {"subjects": "-3", "quality": {"completeness": 1}, "collected": 20200105, "grade": ["a"]},
    {"describe": "", "contact": "lab@example.org", "years": {"y2019": "1,25", "y2020": "1e3"}},
]


def random_answers(rng: random.Random, version: int) -> dict:
    answers = {"purpose": rng.choice(["clinical", "research"])}
    kinds = rng.sample(["wgs", "wes", "arrays" if version == 1 else "panel"], rng.randint(1, 2))
    answers["kinds"] = ["none"] if rng.random() < 0.1 else kinds
    if rng.random() < 0.7:
        answers["subjects"] = str(rng.randint(0, 500)) if version == 1 else f"{rng.uniform(0, 99):.2f}"
    if rng.random() < 0.6:
        answers["per_kind"] = {kind: str(rng.randint(0, 50)) for kind in kinds}
    if rng.random() < 0.5:
        answers["describe"] = rng.choice(["Trios", "Deep WGS", "Cohort"])
    if rng.random() < 0.3:
        answers["contact"] = "someone@example.org"
    if version == 1:
        answers["grade"] = rng.choice(["a", "b", "good"])  # a text then: never counted as a choice
        return answers
    if rng.random() < 0.8:
        answers["grade"] = rng.choice(["a", "b"])
    if rng.random() < 0.8:
        rows = ("completeness", "accuracy")
        answers["quality"] = {row: rng.choice(["good", "fair", "poor", ""]) for row in rows}
    if rng.random() < 0.6:
        answers["years"] = {"y2019": str(rng.randint(1, 9)), "y2020": rng.choice(["", "3,5", "7"])}
    if rng.random() < 0.7:
        answers["collected"] = f"20{rng.randint(10, 22)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return answers


@pytest.fixture
def varied(survey):
    """Three versions (a choice removed, a type changed, questions added), 120 random responses from
    people in two countries and clusters, the odd answers above, drafts that never count."""
    countries = [CountryFactory(iso_code="PT", name="Portugal"), CountryFactory(iso_code="ES", name="Spain")]
    clusters = list(StakeholderCluster.objects.filter(slug__in=["academics", "industry"]))
    people = [ProfileFactory(country=country, clusters=[cluster]).user
              for country in countries for cluster in clusters]
    rng = random.Random(20261122)
    publish(survey, first_definition())
    versions = [survey.current_version()]
    versions.append(publish(survey, second_definition()))
    third = second_definition()
    third["sections"][1]["questions"][3]["rows"].append({"name": "timeliness", "label": "Timeliness"})
    versions.append(publish(survey, third))
    for index in range(120):
        number = 1 if index < 40 else 2 if index < 80 else 3
        respond(survey, random_answers(rng, number), version=versions[number - 1],
                days_ago=rng.randint(0, 30), respondent=rng.choice(people + [None]))
    for index, answers in enumerate(ODD_ANSWERS):
        respond(survey, answers, version=versions[index % 3], days_ago=index)
    respond(survey, {"purpose": "clinical", "kinds": ["wgs"]}, status=Response.Status.DRAFT)
    return survey


@postgresql_only
def test_both_engines_agree_on_varied_answers_across_versions(varied):
    results = both_engines_agree(varied)
    assert results.total == 120 + len(ODD_ANSWERS)
    questions = {result.question.name: result for result in results.questions}
    assert questions["grade"].asked == 80 + 6  # asked as a choice in versions 2 and 3 only
    assert questions["quality"].rows[2].name == "timeliness"
    assert questions["subjects"].summary.n > 80 and questions["collected"].summary.n > 40
    assert questions["years"].rows[0].summary.n > 20


@postgresql_only
@pytest.mark.parametrize("filters", [
    Filters(country="pt"),
    Filters(country="es", cluster="industry"),
    Filters(cluster="academics"),
    Filters(answers=[("kinds", "arrays")]),  # a removed choice
    Filters(answers=[("kinds", "none")]),
    Filters(answers=[("grade", "a")]),  # a question that was a text in version 1
    Filters(answers=[("purpose", "clinical"), ("kinds", "wgs")]),
    Filters(country="pt", cluster="academics", answers=[("purpose", "research"), ("kinds", "panel")]),
    Filters(answers=[("purpose", "nobody")]),
])
def test_both_engines_agree_under_filters(varied, filters):
    results = both_engines_agree(varied, filters)
    assert results.total < 120 + len(ODD_ANSWERS)


@postgresql_only
def test_both_engines_agree_on_the_survey_s_own_country_and_on_the_public_page(varied):
    definition = second_definition()
    definition["sections"][0]["questions"].insert(0, {
        "name": "country", "type": "single_choice", "label": "Country",
        "choices": [{"name": "pt", "label": "Portugal"}, {"name": "es", "label": "Spain"}],
    })
    version = publish(varied, definition)
    for index, country in enumerate(["pt", "es", "pt", "", "it", "pt"]):
        respond(varied, {"country": country, "purpose": "clinical", "kinds": ["wgs"], "grade": "b"},
                version=version, days_ago=index)
    both_engines_agree(varied, Filters(country="pt"))
    both_engines_agree(varied, Filters(country="es", answers=[("grade", "b")]))
    assert public_results(varied, engine="postgresql") == public_results(varied, engine="python")


@postgresql_only
def test_both_engines_agree_on_the_public_page_by_country(genomes):  # noqa: F811
    found = public_results(genomes, engine="postgresql")
    assert found == public_results(genomes, engine="python")
    assert [label for label, _cell in found["countries"]] == ["Italy", "Portugal", "Spain"]


def test_equal_answers_share_a_key_and_each_answer_is_one_item(survey):
    first = respond(survey, {"purpose": "clinical", "kinds": ["wes", "wgs"], "subjects": "3"})
    second = respond(survey, {"purpose": "clinical", "kinds": ["wgs", "wes", "wgs"], "subjects": "4"})
    assert picked_choices("multiple_choice", ["wgs", "wes"]) == '["wes","wgs"]'
    keys = {item.response_id: item.key_id for item in AnswerItem.objects.filter(key__question="kinds")}
    assert keys[first.pk] == keys[second.pk]
    assert AnswerItem.objects.filter(response=first).count() == 3  # purpose, kinds, subjects
    assert sorted(AnswerValue.objects.values_list("number", flat=True)) == [3.0, 4.0]


def test_drafts_have_no_items_and_deleting_a_response_deletes_them(survey):
    draft = respond(survey, {"purpose": "clinical"}, status=Response.Status.DRAFT)
    draft.answers = {"purpose": "research", "subjects": "5"}
    draft.save()
    assert not AnswerItem.objects.filter(response=draft).exists()
    submitted = respond(survey, {"purpose": "clinical", "subjects": "5"})
    assert AnswerItem.objects.filter(response=submitted).count() == 2
    submitted.delete()
    assert not AnswerItem.objects.exists() and not AnswerValue.objects.exists()


def counted(survey, name):
    results = survey_results(survey)
    return {result.question.name: result for result in results.questions}[name]


def test_a_submit_and_a_resubmitted_edit_rewrite_the_items(client, survey):
    survey.__class__.objects.filter(pk=survey.pk).update(editable_after_submit=True)
    survey.refresh_from_db()
    response = start(client, survey)
    client.post(section_url(survey, response, "data"), FIRST_PAGE)
    client.post(section_url(survey, response, "counts"), SECOND_PAGE)
    assert not AnswerItem.objects.exists()  # a draft so far
    client.post(f"{survey.url}r/{response.token}/review/")
    assert {count.name: count.count for count in counted(survey, "purpose").counts}["research"] == 1
    assert counted(survey, "subjects").summary.total == 200

    client.post(section_url(survey, response, "data"), {**FIRST_PAGE, "purpose": "clinical"})
    client.post(section_url(survey, response, "counts"), {**SECOND_PAGE, "subjects": "80"})
    assert counted(survey, "subjects").summary.total == 200  # an edit counts once submitted again
    client.post(f"{survey.url}r/{response.token}/review/")
    assert {count.name: count.count for count in counted(survey, "purpose").counts} == {
        "clinical": 1, "research": 0
    }
    assert counted(survey, "subjects").summary.total == 80
    if ON_POSTGRESQL:
        both_engines_agree(survey)


def test_erasure_takes_the_email_answer_out_of_the_counts(survey):
    profile = ProfileFactory(user__email="ana@example.org")
    respond(survey, {"purpose": "clinical", "kinds": ["wgs"], "contact": "ana@example.org"},
            respondent=profile.user)
    assert counted(survey, "contact").answered == 1
    account_erase(profile.user)
    assert counted(survey, "contact").answered == 0
    assert counted(survey, "purpose").answered == 1
    if ON_POSTGRESQL:
        both_engines_agree(survey)


@postgresql_only
def test_the_migration_fills_the_items_of_responses_submitted_before_it(varied):
    before = asdict(survey_results(varied, engine="postgresql"))
    AnswerItem.objects.all().delete()
    AnswerValue.objects.all().delete()
    AnswerKey.objects.all().delete()
    assert survey_results(varied, engine="postgresql").questions[0].answered == 0

    migration = importlib.import_module("surveys.migrations.0007_answer_items")
    migration.fill_answer_items(apps, None)

    assert asdict(survey_results(varied, engine="postgresql")) == before
    assert AnswerItem.objects.filter(response__status=Response.Status.DRAFT).count() == 0


def test_keys_of_another_type_are_not_counted(varied):
    """"grade" was a short text in version 1: those answers have keys of that type, counted nowhere."""
    questions = merged_questions(survey_versions(varied))
    grade = next(question for question in questions if question.name == "grade")
    assert grade.type == "single_choice"
    assert AnswerKey.objects.filter(question="grade", type="short_text").exists()
    result = counted(varied, "grade")
    assert result.asked == 80 + 6
    # Every answer counted is a choice, but for the list given as an answer among ODD_ANSWERS.
    assert result.answered == sum(count.count for count in result.counts) + 1


def test_an_answer_with_many_long_choices_gets_its_key(survey):
    """Choices picked can be longer than an index entry may be: keys are unique by their hash."""
    definition = small_definition()
    kinds = definition["sections"][0]["questions"][1]
    names = [f"{index:02d}_{hashlib.sha256(bytes([index])).hexdigest()[:60]}" for index in range(60)]
    kinds["choices"] = [{"name": name, "label": f"Kind {index}"} for index, name in enumerate(names)]
    kinds.pop("max_selected")
    definition["sections"][0]["questions"][2]["condition"] = None
    publish(survey, definition)
    picked = [choice["name"] for choice in kinds["choices"]]
    respond(survey, {"purpose": "clinical", "kinds": picked})
    respond(survey, {"purpose": "clinical", "kinds": list(reversed(picked))})
    assert len(AnswerKey.objects.get(question="kinds").choices) > 3000
    assert [count.count for count in counted(survey, "kinds").counts if not count.removed] == [2] * 60
