"""The survey across its versions: questions, choices and rows merged by name.

Questions, choices and rows are merged over the survey's versions by name: a choice removed in a later
version still counts under its name, labelled from the latest version that had it. An answer counts for
a question only in versions where the question has the same type, so a type changed between versions
never mixes two kinds of answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import SurveyPage, SurveyVersion
from ..types import question_type
from ..types.choices import OTHER


@dataclass
class Option:
    """A choice or a row, merged over versions."""

    name: str
    label: str
    removed: bool = False  # absent from the latest version that has the question
    exclusive: bool = False


@dataclass
class Question:
    name: str
    type: str
    label: str
    section: str
    versions: set[int] = field(default_factory=set)  # ids of versions where it has this type
    choices: list[Option] = field(default_factory=list)
    rows: list[Option] = field(default_factory=list)
    rows_from: str = ""
    kind: str = ""
    removed: bool = False  # absent from the latest version
    offered: dict[str, set[int]] = field(default_factory=dict)  # choice -> versions that offered it
    other: bool = False  # some version offers "Other, please specify" (counted as the choice "other")
    repeat: str = ""  # the repeated section it is in (its answers are counted over the items), or ""
    repeat_title: str = ""
    note: str = ""  # the coordinators' note in the latest version that has it (an import's original names)

    @property
    def picks_several(self) -> bool:
        return question_type(self.type).picks_several

    @property
    def in_time(self) -> bool:
        """Its values are dates or times: summaries say earliest and latest, not lowest and highest."""
        return question_type(self.type).values not in ("", "number")

    @property
    def is_choice(self) -> bool:
        """A choice question answered once a response: filters and the public results take it."""
        return question_type(self.type).result_kind == "choices" and not self.repeat

    def choice(self, name: str) -> Option | None:
        return next((option for option in self.choices if option.name == name), None)


def _merge_options(merged: list[Option], options: list[dict], newest: bool) -> None:
    known = {option.name for option in merged}
    for option in options:
        if option["name"] not in known:
            exclusive = bool(option.get("exclusive"))
            merged.append(Option(option["name"], option["label"], removed=not newest, exclusive=exclusive))
            known.add(option["name"])


def merged_questions(versions: list[SurveyVersion]) -> list[Question]:
    """Every question of every version, in the order of the latest version that has it."""
    questions: dict[str, Question] = {}
    order: list[str] = []
    for position, version in enumerate(sorted(versions, key=lambda version: -version.number)):
        newest = position == 0
        for section in version.definition.get("sections", []):
            repeat = section["name"] if section.get("repeat") else ""
            for item in section["questions"]:
                question = questions.get(item["name"])
                if question is None:
                    question = questions[item["name"]] = Question(
                        name=item["name"], type=item["type"], label=item["label"], section=section["title"],
                        rows_from=item.get("rows_from", ""), kind=item.get("kind", ""), removed=not newest,
                        repeat=repeat, repeat_title=section["title"] if repeat else "",
                        note=item.get("note", ""),
                    )
                    order.append(item["name"])
                if item["type"] != question.type or repeat != question.repeat:
                    # A type changed between versions, or the question moved into or out of a repeat:
                    # only the answers given as the latest version asks it count.
                    continue
                question.versions.add(version.pk)
                question.other |= bool(item.get("other"))
                choices = question_type(item).choices_of(item)  # a rating's points are its choices
                for choice in choices:
                    question.offered.setdefault(choice["name"], set()).add(version.pk)
                # Within a question that is still asked, what the latest version dropped is "removed".
                _merge_options(question.choices, choices, newest or question.removed)
                _merge_options(question.rows, item.get("rows", []), newest or question.removed)
    merged = [questions[name] for name in order]
    for question in merged:
        if question.rows_from and question.rows_from in questions:
            source = questions[question.rows_from]
            question.rows = [option for option in source.choices
                             if not option.exclusive and not (source.other and option.name == OTHER)]
    return merged


def survey_versions(survey: SurveyPage) -> list[SurveyVersion]:
    return list(SurveyVersion.objects.filter(survey=survey).order_by("number"))
