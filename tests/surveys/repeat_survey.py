"""A survey with a repeated section, shared by the tests of repeats."""

from surveys.models import Response

DATASET_KINDS = [{"name": "wgs", "label": "Whole genomes"}, {"name": "wes", "label": "Exomes"}]


def repeat_definition(**repeat) -> dict:
    """The respondent's country, then datasets (from none to three, named by their name), then a remark."""
    return {
        "format": "1mg-portal-survey/1",
        "name": "repeat-survey",
        "title": "Datasets survey",
        "privacy_statement_url": "/privacy/",
        "languages": ["en"],
        "sections": [
            {"name": "about", "title": "About you", "questions": [
                {"name": "country", "type": "single_choice", "label": "Country", "required": True,
                 "choices": [{"name": "be", "label": "Belgium"}, {"name": "pt", "label": "Portugal"}]},
            ]},
            {"name": "datasets", "title": "Your datasets",
             "repeat": {"min": 0, "max": 3, "item_label": "dataset_name", "item_name": "Dataset",
                        "add_label": "Add another dataset", **repeat},
             "questions": [
                 {"name": "dataset_name", "type": "short_text", "label": "Name of the dataset",
                  "required": True},
                 {"name": "kinds", "type": "multiple_choice", "label": "Kinds of data",
                  "choices": DATASET_KINDS},
                 {"name": "depth", "type": "number", "label": "Mean depth of the genomes",
                  "condition": {"question": "kinds", "in": ["wgs"]}},
                 {"name": "contact", "type": "short_text", "label": "Who to contact", "personal": True},
             ]},
            {"name": "end", "title": "Last words", "questions": [
                {"name": "remark", "type": "long_text", "label": "Anything else?"},
            ]},
        ],
    }


DATASETS = [
    {"dataset_name": "Rare disease trios", "kinds": ["wgs", "wes"], "depth": "30", "contact": "Ana"},
    {"dataset_name": "Cancer exomes", "kinds": ["wes"], "contact": "Ben"},
]


def submitted(survey, answers: dict, number: int = 1, **fields) -> Response:
    """A submitted response with these answers (saved through the ORM: its answer items follow)."""
    return Response.objects.create(
        survey=survey, version=survey.current_version(), status=Response.Status.SUBMITTED, answers=answers,
        contribution_id=f"REP-{number:04d}", submitted_at=survey.current_version().published_at, **fields,
    )


def three_respondents(survey) -> None:
    """Submitted responses with two datasets (REP-0001), one (REP-0002) and none (REP-0003)."""
    submitted(survey, {"country": "be", "datasets": DATASETS, "remark": "Thanks"}, 1)
    submitted(survey, {"country": "pt", "datasets": [
        {"dataset_name": "Biobank genomes", "kinds": ["wgs"], "depth": "40"}]}, 2)
    submitted(survey, {"country": "pt"}, 3)
