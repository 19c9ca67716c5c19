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

    @property
    def mean(self) -> Decimal | None:
        return self.total / self.n if self.n and self.total is not None else None


class Tally:
    """Raw figures that both the SQL and the Python paths fill in. A question's answers count only in
    versions where it has its latest type (Question.versions)."""

    def __init__(self):
        self.per_version: Counter = Counter()  # version -> responses
        self.answered: Counter = Counter()  # question -> responses that answered it
        self.choices: Counter = Counter()  # (question, row or "", choice) -> responses
        self.numbers: dict = {}  # (question, row or "") -> Summary
        self.texts: dict[str, list[str]] = {}
        self.items: Counter = Counter()  # (repeated section, version) -> its items
        self.holders: Counter = Counter()  # (repeated section, version) -> responses with an item there


def scale_summary(counts: list[tuple[int, int]]) -> Summary:
    """The summary of whole points given so many times each: (point, count) pairs."""
    given = sorted((point, count) for point, count in counts if count)
    n = sum(count for _point, count in given)
    if not n:
        return Summary(0, None, None, None, None)

    def at(position: int) -> int:  # the point at this position of the answers in order
        for point, count in given:
            if position < count:
                return point
            position -= count
        raise IndexError(position)

    median = (Decimal(at((n - 1) // 2)) + Decimal(at(n // 2))) / 2
    total = Decimal(sum(point * count for point, count in given))
    return Summary(n, Decimal(given[0][0]), median, Decimal(given[-1][0]), total)


def numbers_summary(values: list[Decimal]) -> Summary:
    if not values:
        return Summary(0, None, None, None, None)
    return Summary(len(values), min(values), statistics.median(values), max(values), sum(values))
