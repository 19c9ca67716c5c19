"""The reviewers' scores side by side, for the coordinators: per use case, each reviewer's score on each
criterion with their mean, and the mean of each criterion over the reviewers; the same as rows for the
CSV/XLSX export."""

from dataclasses import dataclass
from statistics import fmean

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext as _

from .models import Assignment, Criterion, Score, UseCase


def _mean(values) -> float | None:
    values = [value for value in values if value is not None]
    return round(fmean(values), 2) if values else None


@dataclass
class Line:
    assignment: Assignment
    values: list[int | None]

    @property
    def mean(self):
        return _mean(self.values)


@dataclass
class Table:
    use_case: UseCase
    lines: list[Line]

    @property
    def means(self) -> list[float | None]:
        scored = [line.values for line in self.lines
                  if line.assignment.conflict == Assignment.Conflict.NONE]
        return [_mean(column) for column in zip(*scored, strict=True)] if scored else []


def criteria() -> list[Criterion]:
    """The active criteria, and inactive ones some reviewer scored."""
    return list(Criterion.objects.filter(Q(active=True) | Q(Exists(Score.objects.filter(
        criterion=OuterRef("pk"))))))


def reviewed_use_cases():
    return (UseCase.objects.filter(Exists(Assignment.objects.filter(use_case=OuterRef("pk"))))
            .order_by("-updated_at", "pk"))


def tables(use_cases, columns: list[Criterion]) -> list[Table]:
    """The tables of these use cases (a page of them), in a fixed number of queries."""
    assignments = Assignment.objects.select_related("reviewer").prefetch_related(
        Prefetch("scores", queryset=Score.objects.all())).order_by("assigned_at", "pk")
    use_cases = list(use_cases.prefetch_related(Prefetch("assignments", queryset=assignments)))
    found = []
    for use_case in use_cases:
        lines = []
        for assignment in use_case.assignments.all():
            by_criterion = {score.criterion_id: score.value for score in assignment.scores.all()}
            lines.append(Line(assignment, [by_criterion.get(criterion.pk) for criterion in columns]))
        found.append(Table(use_case, lines))
    return found


def export_rows(columns: list[Criterion]):
    yield [_("Use case"), _("Organisation"), _("State"), _("Reviewer"), _("Conflict of interest"),
           *[criterion.name for criterion in columns], _("Mean"), _("Recommendation"),
           _("Comment to the coordinators"), _("Internal note"), _("Review submitted at")]
    for table in tables(reviewed_use_cases(), columns):
        for line in table.lines:
            assignment = line.assignment
            yield [table.use_case.title, table.use_case.organisation, table.use_case.get_state_display(),
                   str(assignment.reviewer), assignment.get_conflict_display(), *line.values, line.mean,
                   assignment.get_recommendation_display(), assignment.comment, assignment.internal_note,
                   assignment.submitted_at.isoformat() if assignment.submitted_at else ""]
