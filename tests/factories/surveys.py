"""Surveys: survey pages (published, under the home page of the run's world), their responses, invitations
and exports; `small_definition()`, the definition most tests answer."""

import factory

from surveys.models import Invitation, Response, ResponseExport, ResponseFile, SurveyPage

from .cms import PageFactory
from .core import PrivateFileFactory


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


class SurveyPageFactory(PageFactory):
    """A survey page with `small_definition()`, published (its first version) unless `published=False`."""

    class Meta:
        model = SurveyPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Survey {n}")
    definition = factory.LazyFunction(small_definition)

    @factory.post_generation
    def published(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            obj.save_revision().publish()
            obj.refresh_from_db()


class ResponseFactory(factory.django.DjangoModelFactory):
    """A draft response to the survey's current version, anonymous unless given a `respondent=`."""

    class Meta:
        model = Response

    survey = factory.SubFactory(SurveyPageFactory)
    version = factory.LazyAttribute(lambda o: o.survey.current_version())


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    survey = factory.SubFactory(SurveyPageFactory)
    email = factory.Sequence(lambda n: f"invited{n}@example.org")


class ResponseExportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResponseExport

    survey = factory.SubFactory(SurveyPageFactory)
    format = ResponseExport.Format.CSV


class ResponseFileFactory(factory.django.DjangoModelFactory):
    """A small PDF sent as the answer to the question `report` (the response's answers are left as they
    are: `file_answer(response_file)` is what an answer holding it looks like)."""

    class Meta:
        model = ResponseFile

    response = factory.SubFactory(ResponseFactory)
    question = "report"
    file = factory.SubFactory(PrivateFileFactory, uploaded_by=None)


def file_answer(response_file: ResponseFile) -> dict:
    return {"file": response_file.pk, "name": response_file.file.name, "size": response_file.file.size}
