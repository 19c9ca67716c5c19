"""Statistics of a survey's submitted responses across all its versions, keyed by stable names.

versions.py merges the questions of every version by name; filters.py chooses the responses counted;
statistics.py sums them up per question, with the figures counted by tally_postgresql.py in the
database on PostgreSQL and by tally_python.py over the JSON answers elsewhere (SQLite on a laptop);
caching.py keeps results until a response changes; public.py serves the public results page.
"""

from ..answer_items import read_number as _number
from .caching import cached_survey_results
from .filters import FilterForm, Filters, has_country_question, submitted_responses
from .free_text import text_answers
from .public import SMALL_CELL, Cell, PublicTable, public_results, public_results_view, suppress
from .statistics import TEXTS_SHOWN, Count, QuestionResult, Results, RowResult, survey_results
from .tally import Summary
from .versions import Option, Question, merged_questions, survey_versions

__all__ = [
    "SMALL_CELL",
    "TEXTS_SHOWN",
    "Cell",
    "Count",
    "FilterForm",
    "Filters",
    "Option",
    "PublicTable",
    "Question",
    "QuestionResult",
    "Results",
    "RowResult",
    "Summary",
    "_number",
    "cached_survey_results",
    "has_country_question",
    "merged_questions",
    "public_results",
    "public_results_view",
    "submitted_responses",
    "suppress",
    "survey_results",
    "survey_versions",
    "text_answers",
]
