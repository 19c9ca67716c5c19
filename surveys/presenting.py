"""How a respondent sees a survey: in their language, and question by question in accessibility mode."""

import copy

from .definition import QUESTION_TEXTS
from .repeats import REPEAT_TEXTS

LANGUAGE_KEY = "surveys:language:{}"
ACCESSIBLE_KEY = "surveys:accessible"


def translated(definition: dict, language: str | None) -> dict:
    """The definition with its texts in `language` where the survey has them (else the first language)."""
    texts = (definition.get("translations") or {}).get(language or "", {})
    if not texts:
        return definition
    shown = copy.deepcopy(definition)
    shown["title"] = texts.get("title", shown.get("title", ""))
    shown["intro"] = texts.get("intro", shown.get("intro", ""))
    for section in shown.get("sections", []):
        at = f"sections.{section['name']}"
        for key in ("title", "intro"):
            section[key] = texts.get(f"{at}.{key}", section.get(key, ""))
        if section.get("repeat"):
            section["repeat"] = {**section["repeat"], **{
                key: texts[f"{at}.repeat.{key}"] for key in REPEAT_TEXTS if f"{at}.repeat.{key}" in texts}}
        for question in section["questions"]:
            here = f"{at}.questions.{question['name']}"
            for key in QUESTION_TEXTS:
                if key in question or f"{here}.{key}" in texts:
                    question[key] = texts.get(f"{here}.{key}", question.get(key, ""))
            for kind in ("choices", "rows", "labels"):
                for item in question.get(kind, []):
                    item["label"] = texts.get(f"{here}.{kind}.{item['name']}.label", item["label"])
    for entry in shown.get("dashboard", []):
        entry["title"] = texts.get(f"dashboard.{entry['question']}.title", entry["title"])
    return shown


def chosen_language(request, definition: dict) -> str:
    languages = definition.get("languages") or ["en"]
    asked = request.GET.get("lang")
    key = LANGUAGE_KEY.format(definition.get("name", ""))
    if asked in languages:
        request.session[key] = asked
    chosen = request.session.get(key)
    return chosen if chosen in languages else languages[0]


def accessibility_mode(request) -> bool:
    asked = request.GET.get("accessible")
    if asked in {"1", "0"}:
        request.session[ACCESSIBLE_KEY] = asked == "1"
    return bool(request.session.get(ACCESSIBLE_KEY))
