"""Repeated sections: the definition's rules, the pages without JavaScript (add, remove, resume, submit),
the review page and the receipt, and what a submit keeps."""

import pytest

from surveys.definition import load_definition, validate_definition
from surveys.models import Response
from surveys.presenting import translated
from tests.factories import SurveyPageFactory

from .repeat_survey import repeat_definition

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    return SurveyPageFactory(title="Datasets survey", definition=repeat_definition())


def start(client, survey) -> Response:
    client.post(survey.url + "start/")
    return Response.objects.latest("pk")


def page(survey, response, name, item=None):
    url = f"{survey.url}r/{response.token}/{name}/"
    return f"{url}?item={item}" if item else url


# --- The definition ---------------------------------------------------------------------------------


def test_a_repeat_is_valid_and_gets_its_defaults():
    definition = repeat_definition()
    del definition["sections"][1]["repeat"]["min"]
    loaded = load_definition(definition)
    assert loaded["sections"][1]["repeat"]["min"] == 0
    assert "repeat" not in loaded["sections"][0]  # a section without one stays as it was


def test_the_rules_of_a_repeat_are_checked():
    definition = repeat_definition(min=4, item_label="unknown")
    definition["sections"][1]["questions"].append({"name": "plan", "type": "file", "label": "Plan"})
    definition["sections"][2]["questions"][0]["condition"] = {"question": "kinds", "in": ["wgs"]}
    definition["sections"][0]["questions"].append({"name": "datasets", "type": "short_text", "label": "D"})
    definition["dashboard"] = [{"question": "kinds", "title": "Kinds"}]
    problems = validate_definition(definition)
    assert "section datasets: its repeat's min (4) is more than its max (3)" in problems
    assert "section datasets: its repeat's item_label 'unknown' is not a question of the section" in problems
    assert "question plan: a file question cannot be in a repeated section" in problems
    assert any(problem.startswith("question remark: it refers to kinds, in a repeated section")
               for problem in problems)
    assert any(problem.startswith("section datasets: a repeated section keeps its items under its name")
               for problem in problems)
    assert any(problem.startswith("dashboard: 'kinds' is a question of a repeated section")
               for problem in problems)


def test_a_repeat_s_bounds_are_in_the_schema():
    assert any("repeat" in problem for problem in validate_definition(repeat_definition(max=0)))
    assert any("repeat" in problem for problem in validate_definition(repeat_definition(colour="red")))


def test_a_repeat_s_words_are_translated():
    definition = repeat_definition()
    definition["languages"] = ["en", "fr"]
    definition["translations"] = {"fr": {"sections.datasets.repeat.add_label": "Ajouter un jeu de données",
                                         "sections.datasets.repeat.item_name": "Jeu de données"}}
    assert validate_definition(definition) == []
    repeat = translated(definition, "fr")["sections"][1]["repeat"]
    assert (repeat["add_label"], repeat["item_name"]) == ("Ajouter un jeu de données", "Jeu de données")


# --- The pages, without JavaScript --------------------------------------------------------------------


def test_add_two_items_remove_one_leave_resume_and_submit(client, survey):
    response = start(client, survey)
    client.post(page(survey, response, "about"), {"country": "be", "go": "next"})

    empty = client.get(page(survey, response, "datasets"))
    assert "Nothing is added here yet" in empty.text and "Add another dataset" in empty.text
    assert "Remove" not in empty.text  # nothing to remove yet

    reply = client.post(page(survey, response, "datasets"),
                        {"item": "1", "dataset_name": "Rare disease trios", "kinds": ["wgs"], "depth": "30",
                         "go": "add"})
    assert reply["Location"] == page(survey, response, "datasets", 2)
    second = client.get(reply["Location"]).text
    assert "Dataset 1: Rare disease trios" in second and "Dataset 2" in second

    reply = client.post(page(survey, response, "datasets", 2),
                        {"item": "2", "dataset_name": "Cancer exomes", "kinds": ["wes"], "go": "add"})
    assert reply["Location"] == page(survey, response, "datasets", 3)
    response.refresh_from_db()
    assert [item["dataset_name"] for item in response.answers["datasets"]] == ["Rare disease trios",
                                                                              "Cancer exomes"]
    # An empty new item is not kept: leaving from it keeps two.
    client.post(page(survey, response, "datasets", 3), {"item": "3", "go": "next"})
    response.refresh_from_db()
    assert len(response.answers["datasets"]) == 2

    reply = client.post(page(survey, response, "datasets", 1), {"item": "1", "go": "remove"})
    assert reply["Location"] == page(survey, response, "datasets", 1)
    response.refresh_from_db()
    assert response.answers["datasets"] == [{"dataset_name": "Cancer exomes", "kinds": ["wes"], "depth": "",
                                             "contact": ""}]

    reply = client.post(page(survey, response, "datasets", 1),
                        {"item": "1", "dataset_name": "Cancer exomes", "kinds": ["wes"], "contact": "Ben",
                         "go": "leave"})
    assert reply.status_code == 302
    response.refresh_from_db()
    assert response.section == "datasets:1"
    resumed = client.get(f"{survey.url}r/{response.token}/", follow=True)
    assert resumed.redirect_chain[-1][0] == page(survey, response, "datasets", 1)
    assert 'value="Ben"' in resumed.text

    reply = client.post(page(survey, response, "datasets", 1),
                        {"item": "1", "dataset_name": "Cancer exomes", "kinds": ["wes"], "contact": "Ben",
                         "go": "next"})
    assert reply["Location"] == page(survey, response, "end")
    client.post(page(survey, response, "end"), {"remark": "", "go": "next"})
    review = client.get(f"{survey.url}r/{response.token}/review/").text
    assert "Dataset 1: Cancer exomes" in review
    assert "Change “Dataset 1: Cancer exomes”" in review

    client.post(f"{survey.url}r/{response.token}/review/")
    response.refresh_from_db()
    assert response.status == "submitted"
    kept = [{"dataset_name": "Cancer exomes", "kinds": ["wes"], "contact": "Ben"}]
    assert response.answers == {"country": "be", "datasets": kept}
    receipt = client.get(f"{survey.url}r/{response.token}/receipt/").text
    assert "Dataset 1: Cancer exomes" in receipt and "Exomes" in receipt


def test_an_item_s_own_errors_keep_it_on_its_page(client, survey):
    response = start(client, survey)
    reply = client.post(page(survey, response, "datasets"), {"item": "1", "kinds": ["wgs"], "go": "add"})
    assert reply.status_code == 400
    assert "This question is required." in reply.text
    response.refresh_from_db()
    assert response.answers["datasets"] == [
        {"dataset_name": "", "kinds": ["wgs"], "depth": "", "contact": ""}]


def test_an_item_s_follow_up_reads_the_item_s_answers(client):
    definition = repeat_definition()
    definition["sections"][1]["questions"][2]["required"] = True  # the depth, asked for genomes
    survey = SurveyPageFactory(definition=definition)
    response = start(client, survey)
    client.post(page(survey, response, "datasets"), {"item": "1", "dataset_name": "A", "kinds": ["wes"],
                                                     "go": "add"})
    reply = client.post(page(survey, response, "datasets", 2),
                        {"item": "2", "dataset_name": "B", "kinds": ["wgs"], "go": "next"})
    assert reply.status_code == 400  # item 2 holds genomes: its depth is asked; item 1's was not
    assert "Mean depth of the genomes: This question is required." in reply.text
    reply = client.post(page(survey, response, "datasets", 1),
                        {"item": "1", "dataset_name": "A", "kinds": ["wes"], "go": "next"})
    assert reply["Location"] == page(survey, response, "datasets", 2)


def test_the_fewest_items_are_asked_for_before_going_on(client):
    survey = SurveyPageFactory(definition=repeat_definition(min=1))
    response = start(client, survey)
    reply = client.post(page(survey, response, "datasets"), {"item": "1", "go": "next"})
    assert reply.status_code == 400
    assert "Add at least 1 item." in reply.text

    client.post(page(survey, response, "about"), {"country": "be", "go": "next"})
    client.post(f"{survey.url}r/{response.token}/review/")
    assert Response.objects.get(pk=response.pk).status == "draft"
    sent_back = client.get(f"{survey.url}r/{response.token}/review/")
    assert sent_back.status_code == 200
    refused = client.post(f"{survey.url}r/{response.token}/review/")
    assert refused["Location"] == page(survey, response, "datasets", 1) + "&check=1"


def test_no_more_than_the_most_items(client):
    survey = SurveyPageFactory(definition=repeat_definition(max=1))
    response = start(client, survey)
    reply = client.post(page(survey, response, "datasets"), {"item": "1", "dataset_name": "A", "go": "add"})
    assert reply.status_code == 400
    assert "This section takes at most 1 item." in reply.text
    assert "Add another dataset" not in reply.text


def test_a_repeat_survives_the_page_builder():
    from surveys.builder import from_builder, sections_block, to_builder
    from surveys.definition import with_defaults

    definition = repeat_definition(min=1)
    value = sections_block().clean(to_builder(definition))
    rebuilt = from_builder(value, name=definition["name"], title=definition["title"],
                           languages=definition["languages"],
                           privacy_statement_url=definition["privacy_statement_url"])
    assert rebuilt["sections"][1]["repeat"] == {"max": 3, "min": 1, "item_label": "dataset_name",
                                                "item_name": "Dataset", "add_label": "Add another dataset"}
    assert with_defaults(rebuilt) == with_defaults(definition)
    assert "repeat" not in rebuilt["sections"][0]


def test_the_demo_survey_asks_for_further_datasets_in_an_added_repeat(client):
    import json

    from surveys.definition import DEFINITIONS_DIR
    from surveys.demo import create_demo_survey
    from surveys.models import SurveyPage

    create_demo_survey()
    survey = SurveyPage.objects.get(slug="accessible-genomes-survey")
    definition = survey.current_version().definition
    further = definition["sections"][-1]
    assert further["added"] is True and further["repeat"]["min"] == 0
    # The 2020 question on genetic data is asked again for each further dataset, its text verbatim.
    source = json.loads((DEFINITIONS_DIR / "accessible_genomes_2020.json").read_text(encoding="utf-8"))
    b1 = next(question for question in source["sections"][1]["questions"]
              if question["name"] == "b1_genetic_data")
    genetic = further["questions"][2]
    assert (genetic["label"], genetic["help"]) == (b1["label"], b1["help"])
    assert [(choice["name"], choice["label"]) for choice in genetic["choices"]] == [
        (choice["name"], choice["label"]) for choice in b1["choices"]]

    response = start(client, survey)
    page_ = client.get(page(survey, response, "further_datasets")).text
    assert "Add another dataset" in page_ and "Section 5 of 5" in page_


def test_in_accessibility_mode_an_item_s_questions_come_one_a_page(client, survey):
    response = start(client, survey)
    url = page(survey, response, "datasets")
    client.get(url + "?accessible=1")
    reply = client.post(url, {"item": "1", "q": "0", "dataset_name": "Cancer exomes", "go": "next"})
    assert reply["Location"] == url + "?item=1&q=1"
    reply = client.post(url, {"item": "1", "q": "1", "kinds": ["wes"], "go": "next"})
    assert reply["Location"] == url + "?item=1&q=2"  # the depth is asked for genomes only: the contact next
    assert "Who to contact" in client.get(reply["Location"]).text
    response.refresh_from_db()
    assert response.answers["datasets"] == [{"dataset_name": "Cancer exomes", "kinds": ["wes"]}]


# --- With the logic of issue 19: calculations, piping, shuffled choices -------------------------------


def logic_definition() -> dict:
    """Each dataset counts its kinds of data (a calculation within the item) and shuffles them."""
    definition = repeat_definition()
    questions = definition["sections"][1]["questions"]
    questions[1]["randomise"] = True
    questions.insert(2, {"name": "kind_count", "type": "calculated", "label": "Kinds counted",
                         "expression": {"count": "kinds"}})
    questions[3]["label"] = "Mean depth of the genomes of {{dataset_name}}"
    return definition


def test_nothing_outside_a_repeat_reads_its_items_by_logic_or_piping():
    assert validate_definition(logic_definition()) == []
    definition = logic_definition()
    definition["sections"][2]["questions"][0]["label"] = "About {{dataset_name}}?"
    definition["sections"][2]["questions"].append(
        {"name": "total", "type": "calculated", "label": "Total", "expression": {"question": "kind_count"}})
    problems = validate_definition(definition)
    assert any(problem.startswith("question remark: it refers to dataset_name") for problem in problems)
    assert any(problem.startswith("question total: it refers to kind_count") for problem in problems)


def test_an_item_s_calculation_piping_and_shuffled_choices_are_its_own(client):
    survey = SurveyPageFactory(definition=logic_definition())
    response = start(client, survey)
    first = client.get(page(survey, response, "datasets"))
    assert first.status_code == 200
    client.post(page(survey, response, "datasets"),
                {"item": "1", "dataset_name": "Trios", "kinds": ["wgs", "wes"], "go": "add"})
    client.post(page(survey, response, "datasets", 2),
                {"item": "2", "dataset_name": "Exomes", "kinds": ["wes"], "go": "next"})
    response.refresh_from_db()
    assert [item["kind_count"] for item in response.answers["datasets"]] == ["2", "1"]
    assert "kind_count" not in response.answers  # no value of an item's calculation outside it
    order = response.answers["_order"]["kinds"]
    assert sorted(order) == ["wes", "wgs"]
    review = client.get(f"{survey.url}r/{response.token}/review/").text
    assert "Mean depth of the genomes of Trios" in review  # item 1's name in item 1's question

    client.post(page(survey, response, "about"), {"country": "be", "go": "next"})
    client.post(f"{survey.url}r/{response.token}/review/")
    response.refresh_from_db()
    assert response.status == "submitted"
    assert [item["kind_count"] for item in response.answers["datasets"]] == ["2", "1"]
    assert response.answers["_order"] == {"kinds": order}
