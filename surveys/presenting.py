"""How a respondent sees a survey: in their language, and question by question in accessibility mode."""

import copy

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
        for question in section["questions"]:
            here = f"{at}.questions.{question['name']}"
            for key in ("label", "help"):
                question[key] = texts.get(f"{here}.{key}", question.get(key, ""))
            for kind in ("choices", "rows"):
                for item in question.get(kind, []):
                    item["label"] = texts.get(f"{here}.{kind}.{item['name']}.label", item["label"])
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


def first_input_id(question: dict, rows: list[dict]) -> str:
    """The id of the question's first field: where a link of the error summary takes the respondent, as in
    GOV.UK's design system. A table without rows has no field; the link goes to the question."""
    name, kind = question["name"], question["type"]
    if kind == "multiple_choice" or kind == "single_choice" and question.get("widget") != "dropdown":
        return f"id_{name}_{question['choices'][0]['name']}"
    if kind == "matrix":
        return f"id_{name}__{rows[0]['name']}-{question['choices'][0]['name']}" if rows else f"q-{name}"
    if kind == "number_table":
        return f"id_{name}__{rows[0]['name']}" if rows else f"q-{name}"
    return f"id_{name}"
