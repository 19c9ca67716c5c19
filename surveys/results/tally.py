"""The raw figures that both tally engines (tally_python.py, tally_postgresql.py) fill in."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal


@dataclass
class Summary:
    n: int
    min: Decimal | str | None
    median: Decimal | str | None
    max: Decimal | str | None
    total: Decimal | None = None


class Tally:
    """Raw figures that both the SQL and the Python paths fill in. A question's answers count only in
    versions where it has its latest type (Question.versions)."""

    def __init__(self):
        self.per_version: Counter = Counter()  # version -> responses
        self.answered: Counter = Counter()  # question -> responses that answered it
        self.choices: Counter = Counter()  # (question, row or "", choice) -> responses
        self.numbers: dict = {}  # (question, row or "") -> Summary
        self.texts: dict[str, list[str]] = {}


def numbers_summary(values: list[Decimal]) -> Summary:
    if not values:
        return Summary(0, None, None, None, None)
    return Summary(len(values), min(values), statistics.median(values), max(values), sum(values))
