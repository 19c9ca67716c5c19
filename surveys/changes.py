"""What an edit of a survey does to the answers already given: safe, or breaking comparability."""

from dataclasses import dataclass

from .definition import iter_questions


@dataclass(frozen=True)
class Change:
    breaking: bool
    text: str


def _questions(definition: dict) -> dict[str, dict]:
    return {question["name"]: question for _, question in iter_questions(definition)}


def _names(items) -> list[str]:
    return [item["name"] for item in items or []]


def compare(old: dict, new: dict) -> list[Change]:
    """The changes from one definition to the next, breaking ones first."""
    changes = []
    before, after = _questions(old), _questions(new)
    for name, question in before.items():
        if name not in after:
            changes.append(Change(True, f"Question “{question['label']}” ({name}) is removed."))
            continue
        edited = after[name]
        if edited["type"] != question["type"]:
            changes.append(
                Change(True, f"Question {name} changes type from {question['type']} to {edited['type']}.")
            )
        for kind in ("choices", "rows"):
            removed = set(_names(question.get(kind))) - set(_names(edited.get(kind)))
            added = set(_names(edited.get(kind))) - set(_names(question.get(kind)))
            if removed:
                changes.append(Change(True, f"Question {name} loses {kind}: {', '.join(sorted(removed))}."))
            if added:
                changes.append(Change(False, f"Question {name} gets new {kind}: {', '.join(sorted(added))}."))
        if edited.get("required") and not question.get("required"):
            changes.append(Change(True, f"Question {name} becomes required."))
        if edited.get("condition") != question.get("condition"):
            changes.append(Change(True, f"Question {name} is shown to other respondents than before."))
        wording = ("label", "help")
        if any(edited.get(key) != question.get(key) for key in wording):
            changes.append(Change(False, f"Question {name} is worded differently."))
    for name, question in after.items():
        if name not in before:
            if question.get("required"):
                changes.append(Change(True, f"New required question “{question['label']}” ({name})."))
            else:
                changes.append(Change(False, f"New optional question “{question['label']}” ({name})."))
    if old.get("translations") != new.get("translations"):
        changes.append(Change(False, "Translations change."))
    if any(old.get(key) != new.get(key) for key in ("title", "intro")) or [
        (s.get("title"), s.get("intro")) for s in old.get("sections", [])
    ] != [(s.get("title"), s.get("intro")) for s in new.get("sections", [])]:
        changes.append(Change(False, "Titles or introductions are worded differently."))
    return sorted(changes, key=lambda change: not change.breaking)
