import pytest

from cms.models import HomePage
from surveys.models import SurveyPage


def small_definition(**changes) -> dict:
    """Two sections: choices with an exclusive option and a follow-up, then numbers and a table."""
    return {
        "format": "1mg-portal-survey/1",
        "name": "test-survey",
        "title": "Test survey",
        "intro": "First paragraph.\n\nSecond paragraph.",
        "privacy_statement_url": "/privacy/",
        "languages": ["en"],
        "sections": [
            {
                "name": "data",
                "title": "Your data",
                "questions": [
                    {
                        "name": "purpose",
                        "type": "single_choice",
                        "label": "1. Purpose?",
                        "required": True,
                        "choices": [
                            {"name": "clinical", "label": "Clinical"},
                            {"name": "research", "label": "Research"},
                        ],
                    },
                    {
                        "name": "kinds",
                        "type": "multiple_choice",
                        "label": "2. Kinds of data?",
                        "required": True,
                        "max_selected": 2,
                        "choices": [
                            {"name": "wgs", "label": "WGS"},
                            {"name": "wes", "label": "WES"},
                            {"name": "arrays", "label": "Arrays"},
                            {"name": "none", "label": "None of the above", "exclusive": True},
                        ],
                    },
                    {
                        "name": "describe",
                        "type": "long_text",
                        "label": "Describe the WGS data",
                        "required": True,
                        "condition": {"question": "kinds", "in": ["wgs"]},
                    },
                ],
            },
            {
                "name": "counts",
                "title": "Counts",
                "questions": [
                    {
                        "name": "subjects",
                        "type": "number",
                        "label": "3. Subjects?",
                        "kind": "integer",
                        "min": 0,
                        "max": 1000000,
                        "required": True,
                    },
                    {
                        "name": "per_kind",
                        "type": "number_table",
                        "label": "4. Subjects per kind",
                        "kind": "integer",
                        "min": 0,
                        "rows_from": "kinds",
                    },
                    {"name": "contact", "type": "email", "label": "5. Contact email"},
                ],
            },
        ],
        **changes,
    }


@pytest.fixture
def survey(db):
    page = HomePage.objects.get().add_child(
        instance=SurveyPage(title="Test survey", slug="test-survey", definition=small_definition())
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page
