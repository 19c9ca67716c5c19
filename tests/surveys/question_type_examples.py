"""One example per registered question type, for the tests that take every type through every layer
(tests/surveys/test_question_types.py). A new type adds its example here: the completeness test fails
without one.

Each example is a question of the type, what a respondent's form sends for it, the answer as kept, the
answer in words, and the export's cells by column (CSV).
"""

import re
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories.core import PDF


@dataclass
class Example:
    question: dict
    form: dict  # field name -> value(s), as the page posts them (a function makes a new file to send)
    answer: object  # as kept in the response's answers, or a test of it
    words: str  # on the review page and the receipt
    cells: dict  # CSV column -> cell, or a pattern it matches
    refused: dict = field(default_factory=dict)  # a form the type refuses, with its error in words
    error: str = ""


CHOICES = [{"name": "wgs", "label": "Whole genome"}, {"name": "wes", "label": "Exome"}]

EXAMPLES = {
    "single_choice": Example(
        {"name": "q", "type": "single_choice", "label": "Kind?", "choices": CHOICES},
        {"q": "wes"}, "wes", "Exome", {"q": "wes"},
        refused={"q": "arrays"}, error="Choose from the options given.",
    ),
    "multiple_choice": Example(
        {"name": "q", "type": "multiple_choice", "label": "Kinds?", "max_selected": 1,
         "choices": CHOICES + [{"name": "none", "label": "None", "exclusive": True}]},
        {"q": ["wgs"]}, ["wgs"], "Whole genome", {"q__wgs": "1", "q__wes": "0", "q__none": "0"},
        refused={"q": ["wgs", "wes"]}, error="Choose at most 1 options.",
    ),
    "short_text": Example(
        {"name": "q", "type": "short_text", "label": "Centre?", "max_length": 10},
        {"q": "Leuven"}, "Leuven", "Leuven", {"q": "Leuven"},
        refused={"q": "Much too long a name"}, error="Use at most 10 characters (you used 20).",
    ),
    "long_text": Example(
        {"name": "q", "type": "long_text", "label": "Describe"},
        {"q": "=1+1 trios"}, "=1+1 trios", "=1+1 trios", {"q": "'=1+1 trios"},
    ),
    "number": Example(
        {"name": "q", "type": "number", "label": "Subjects?", "kind": "decimal", "max": 100},
        {"q": "2,5"}, "2,5", "2,5", {"q": "2.5"},
        refused={"q": "200"}, error="Enter 100 or less.",
    ),
    "date": Example(
        {"name": "q", "type": "date", "label": "Since?", "min": "1990-01-01"},
        {"q": "2015-03-01"}, "2015-03-01", "2015-03-01", {"q": "2015-03-01"},
        refused={"q": "1980-01-01"}, error="Enter a date on or after 1990-01-01.",
    ),
    "email": Example(
        {"name": "q", "type": "email", "label": "Contact?"},
        {"q": "ada@example.org"}, "ada@example.org", "ada@example.org", {"q": "ada@example.org"},
        refused={"q": "ada"}, error="Enter an email address like name@example.org.",
    ),
    "time": Example(
        {"name": "q", "type": "time", "label": "Opens at?", "min": "08:00", "max": "18:00"},
        {"q": "09:30"}, "09:30", "09:30", {"q": "09:30"},
        refused={"q": "19:00"}, error="Enter a time at or before 18:00.",
    ),
    "datetime": Example(
        {"name": "q", "type": "datetime", "label": "Sampled?", "min": "2020-01-01T00:00"},
        {"q": "2021-03-04 10:15"}, "2021-03-04T10:15", "2021-03-04T10:15", {"q": "2021-03-04T10:15"},
        refused={"q": "2021-03-04"}, error="Enter a date and time as year-month-day and hours:minutes",
    ),
    "url": Example(
        {"name": "q", "type": "url", "label": "Web site?"},
        {"q": "https://biobank.example.org/"}, "https://biobank.example.org/", "https://biobank.example.org/",
        {"q": "https://biobank.example.org/"},
        refused={"q": "ftp://example.org/"}, error="Enter a web address starting with https:// or http://",
    ),
    "ranking": Example(
        {"name": "q", "type": "ranking", "label": "Most needed first", "required": True,
         "choices": CHOICES + [{"name": "panel", "label": "Panel"}]},
        {"q__wgs": "2", "q__wes": "3", "q__panel": "1"}, ["panel", "wgs", "wes"],
        "1. Panel; 2. Whole genome; 3. Exome", {"q__wgs": "2", "q__wes": "3", "q__panel": "1"},
        refused={"q__wgs": "1", "q__wes": "1", "q__panel": "2"},
        error="Whole genome, Exome are all in position 1: give each position to one option only.",
    ),
    "matrix": Example(
        {"name": "q", "type": "matrix", "label": "Ready?", "required": True,
         "rows": [{"name": "storage", "label": "Storage"}, {"name": "access", "label": "Access"}],
         "choices": [{"name": "low", "label": "Low"}, {"name": "high", "label": "High"}]},
        {"q__storage": "high", "q__access": "low"}, {"storage": "high", "access": "low"},
        "Storage: High; Access: Low", {"q__storage": "high", "q__access": "low"},
        refused={"q__storage": "high"}, error="Answer every row: Access.",
    ),
    "rating": Example(
        {"name": "q", "type": "rating", "label": "Satisfied?", "scale_min": 0, "scale_max": 10,
         "low_label": "Not at all", "high_label": "Fully", "dont_know": True},
        {"q": "7"}, "7", "7", {"q": "7", "q__dont_know": "0"},
        refused={"q": "11"}, error="Choose from the options given.",
    ),
    "checkbox_matrix": Example(
        {"name": "q", "type": "checkbox_matrix", "label": "Held?", "required": True,
         "rows": [{"name": "storage", "label": "Storage"}, {"name": "access", "label": "Access"}],
         "choices": [{"name": "low", "label": "Low"}, {"name": "high", "label": "High"}]},
        {"q__storage": ["low", "high"], "q__access": "high"},
        {"storage": ["low", "high"], "access": ["high"]},
        "Storage: Low, High; Access: High",
        {"q__storage__low": "1", "q__storage__high": "1", "q__access__low": "0", "q__access__high": "1"},
        refused={"q__storage": "high"}, error="Choose at least one option in every row: Access.",
    ),
    "number_table": Example(
        {"name": "q", "type": "number_table", "label": "Sites", "min": 0,
         "rows": [{"name": "be", "label": "Belgium"}, {"name": "pt", "label": "Portugal"}]},
        {"q__be": "3", "q__pt": "1"}, {"be": "3", "pt": "1"}, "Belgium: 3; Portugal: 1",
        {"q__be": "3", "q__pt": "1"},
        refused={"q__be": "-1"}, error="Belgium: Enter 0 or more.",
    ),
    "file": Example(
        {"name": "q", "type": "file", "label": "Your report", "accept": ["pdf"]},
        {"q": lambda: SimpleUploadedFile("report.pdf", PDF, "application/pdf")},
        lambda answer: answer["name"] == "report.pdf" and answer["size"] == len(PDF),
        "report.pdf", {"q": re.compile(r"report\.pdf <https?://\S+/admin/surveys/files/\d+/>")},
        refused={"q": lambda: SimpleUploadedFile("report.pdf", b"MZ not a pdf", "application/pdf")},
        error="This file is not one of the kinds accepted here",
    ),
    "calculated": Example(
        {"name": "q", "type": "calculated", "label": "Answer", "expression": {"op": "*", "args": [6, 7]}},
        {"q": "999"}, "42", "42", {"q": "42"},  # what the form sends for it is ignored
    ),
}


def definition_with(question: dict) -> dict:
    """A publishable survey of one section holding the question."""
    return {
        "format": "1mg-portal-survey/1", "name": "types", "title": "Types", "languages": ["en"],
        "privacy_statement_url": "/privacy/",
        "sections": [{"name": "only", "title": "Only", "questions": [question]}],
    }
