"""The registry of question types: one module a type, registered by its name in the survey format.

`question_type(question)` is what the engine asks; `registered()` lists every type (the builder's menu,
the schema, the completeness test).
"""

from __future__ import annotations

from collections.abc import Mapping

from .base import QuestionType

_TYPES: dict[str, QuestionType] = {}


def register(cls: type[QuestionType]) -> type[QuestionType]:
    if cls.name in _TYPES:
        raise ValueError(f"question type {cls.name!r} is registered twice")
    _TYPES[cls.name] = cls()
    return cls


def question_type(question: Mapping | str) -> QuestionType:
    """The type of a question (or of a type name). KeyError for a name no module registers."""
    return _TYPES[question if isinstance(question, str) else question["type"]]


def registered() -> list[QuestionType]:
    return list(_TYPES.values())


def type_names() -> list[str]:
    return list(_TYPES)


# In the order the page builder offers them.
# isort: off
from . import single_choice, multiple_choice, short_text, long_text, number, date, email  # noqa: E402,F401
from . import time, datetime, url  # noqa: E402,F401
from . import ranking, rating, matrix, checkbox_matrix, number_table  # noqa: E402,F401
from . import file, calculated  # noqa: E402,F401
# isort: on
