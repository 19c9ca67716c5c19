"""A rating scale: a Likert or numeric scale of whole points, labelled at its ends (and, for a labelled
Likert scale, at each point), with an optional "Don't know" kept apart from the points."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from . import register
from .base import QuestionType, Variable, duplicates
from .choices import as_json
from .edits import Change, setting

DONT_KNOW = "dont_know"  # the answer of a respondent who picks "Don't know"
LOWEST, HIGHEST = 0, 10  # the widest scale: eleven points, 0 to 10


def points(question: dict) -> list[dict]:
    """The points of the scale, lowest first: {name, label}, the label the point's own or its number."""
    labels = {item["name"]: item["label"] for item in question.get("labels", [])}
    low, high = setting(question, "scale_min"), setting(question, "scale_max")
    return [{"name": str(point), "label": labels.get(str(point), str(point))}
            for point in range(low, high + 1)]


def dont_know_label(question: dict) -> str:
    return question.get("dont_know_label") or _("Don't know")


def portal_dont_know(language: str) -> str:
    """The portal's own wording of "Don't know", in a language."""
    with translation.override(language):
        return _("Don't know")


class PointLabelBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=2, label=gettext_lazy("Point"), validators=[
        RegexValidator(r"^(10|[0-9])$", gettext_lazy("A point from 0 to 10."))])
    label = blocks.CharBlock()

    class Meta:
        icon = "radio-full"


@register
class Rating(QuestionType):
    compared_as = "number"  # its point; "Don't know" reads as no number
    name = "rating"
    label = gettext_lazy("Rating scale")
    defaults = {"scale_min": 1, "scale_max": 5, "low_label": "", "high_label": "", "dont_know": False,
                "dont_know_label": "", "labels": []}
    schema = {
        "properties": {
            "scale_min": {"type": "integer", "minimum": LOWEST, "maximum": HIGHEST - 1, "default": 1},
            "scale_max": {"type": "integer", "minimum": LOWEST + 1, "maximum": HIGHEST, "default": 5},
            "low_label": {"type": "string", "default": ""},
            "high_label": {"type": "string", "default": ""},
            "dont_know": {"type": "boolean", "default": False},
            "dont_know_label": {"type": "string", "default": ""},
            "labels": {"type": "array", "default": [], "items": {
                "type": "object",
                "required": ["name", "label"],
                "additionalProperties": False,
                "properties": {"name": {"type": "string", "pattern": "^(10|[0-9])$"},
                               "label": {"$ref": "#/$defs/text"}},
            }},
        },
    }
    conditions_on = True
    template = "surveys/questions/types/rating.html"
    result_kind = "rating"

    def problems(self, question, earlier, where):
        low, high = setting(question, "scale_min"), setting(question, "scale_max")
        if low >= high:
            return [f"{where}: scale_max ({high}) must be more than scale_min ({low})"]
        labelled = [item["name"] for item in question.get("labels", [])]
        problems = duplicates("point", labelled, where)
        problems += [f"{where}: labels name the point {point}, which is not on the scale {low} to {high}"
                     for point in labelled if not low <= int(point) <= high]
        return problems

    def builder_blocks(self):
        return [
            ("scale_min", blocks.IntegerBlock(min_value=LOWEST, max_value=HIGHEST - 1, default=1,
                                              label=gettext_lazy("Lowest point"))),
            ("scale_max", blocks.IntegerBlock(min_value=LOWEST + 1, max_value=HIGHEST, default=5,
                                              label=gettext_lazy("Highest point"))),
            ("low_label", blocks.CharBlock(required=False, label=gettext_lazy("Label of the lowest end"),
                                           help_text=gettext_lazy("For example “Not at all likely”."))),
            ("high_label", blocks.CharBlock(required=False, label=gettext_lazy("Label of the highest end"),
                                            help_text=gettext_lazy("For example “Extremely likely”."))),
            ("labels", blocks.ListBlock(
                PointLabelBlock(), min_num=0, default=[], label=gettext_lazy("Labels of points"),
                help_text=gettext_lazy("For a labelled Likert scale: a label for each point, shown "
                                       "instead of its number."),
            )),
            ("dont_know", blocks.BooleanBlock(required=False, label=gettext_lazy("Offer “Don't know”"))),
            ("dont_know_label", blocks.CharBlock(
                required=False, label=gettext_lazy("Label of “Don't know”"),
                help_text=gettext_lazy("Leave empty for “Don't know”."),
            )),
        ]

    def builder_errors(self, value):
        low, high = value.get("scale_min"), value.get("scale_max")
        if low is not None and high is not None and low >= high:
            return {"scale_max": ValidationError(_("Must be more than the lowest point."))}
        outside = [item["name"] for item in value.get("labels") or []
                   if low is not None and high is not None and not low <= int(item["name"]) <= high]
        if outside:
            return {"labels": ValidationError(_("Not on the scale: %(points)s.")
                                              % {"points": ", ".join(outside)})}
        return {}

    def choices_of(self, question):
        if not setting(question, "dont_know"):
            return points(question)
        return points(question) + [{"name": DONT_KNOW, "label": dont_know_label(question)}]

    def check(self, question, value, rows):
        offered = {choice["name"] for choice in self.choices_of(question)}
        if not isinstance(value, str) or value not in offered:
            return [_("Choose from the options given.")]
        return []

    def words(self, question, value, rows):
        if value == DONT_KNOW:
            return dont_know_label(question)
        low, high = str(setting(question, "scale_min")), str(setting(question, "scale_max"))
        labels = {item["name"]: item["label"] for item in question.get("labels", [])}
        end = {low: question.get("low_label"), high: question.get("high_label")}
        label = labels.get(value) or end.get(value)
        return f"{value} ({label})" if label else str(value)

    def first_input_id(self, question, rows):
        return f"id_{question['name']}_{setting(question, 'scale_min')}"

    def changes(self, old, new):
        name = new["name"]
        changes = []
        before = (setting(old, "scale_min"), setting(old, "scale_max"))
        after = (setting(new, "scale_min"), setting(new, "scale_max"))
        if before != after:
            # A 3 of five points is not a 3 of ten: every point given before reads differently.
            changes.append(Change(True, _("Question %(name)s: its scale changes from %(old)s to %(new)s.")
                                  % {"name": name, "old": "–".join(map(str, before)),
                                     "new": "–".join(map(str, after))},
                                  lambda answers: answers.get(name) not in (None, "", DONT_KNOW)))
        if setting(old, "dont_know") and not setting(new, "dont_know"):
            changes.append(Change(True, _("Question %(name)s no longer offers “Don't know”.")
                                  % {"name": name}, lambda answers: answers.get(name) == DONT_KNOW))
        elif setting(new, "dont_know") and not setting(old, "dont_know"):
            changes.append(Change(False, _("Question %(name)s offers “Don't know”.") % {"name": name}))
        texts = ("low_label", "high_label", "dont_know_label", "labels")
        if any((old.get(key) or None) != (new.get(key) or None) for key in texts):
            changes.append(Change(False, _("Question %(name)s: its scale is worded differently.")
                                  % {"name": name}))
        return changes

    def picked_choices(self, answer):
        return as_json([answer]) if isinstance(answer, str) else ""

    # A column for the point, and where "Don't know" was offered, one marking it.
    def columns(self, question):
        return [""] + ([DONT_KNOW] if question.choice(DONT_KNOW) else [])

    def cells(self, question, target, cell):
        name, number, empty = question.name, cell["number"], cell["empty"]
        if not question.choice(DONT_KNOW):
            return lambda answers, version: [number(answers.get(name))]
        chosen, not_chosen = cell["chosen"], cell["not_chosen"]
        offered = question.offered.get(DONT_KNOW, set())

        def rating(answers, version):
            value = answers.get(name)
            if value == DONT_KNOW:
                return [empty, chosen]
            if not value:
                return [empty, empty]
            return [number(value), not_chosen if version in offered else empty]

        return rating

    def variables(self, question):
        """The point as a number, labelled where the point has a label of its own; "Don't know" a flag."""
        labelled = {int(option.name): option.label for option in question.choices
                    if option.name.isdigit() and option.label != option.name}
        point = Variable("number", labelled)
        said = question.choice(DONT_KNOW)
        return [point, Variable("flag", {1: said.label, 0: _("a point of the scale")})] if said else [point]

    def codebook_values(self, question):
        scale = [int(option.name) for option in question.choices if option.name.isdigit()]
        values = f"a point of the scale {min(scale)} to {max(scale)}" if scale else "a point of the scale"
        if not question.choice(DONT_KNOW):
            return f"{values}; empty = not answered"
        said = question.choice(DONT_KNOW).label
        return (f"{values}; empty = not answered or “{said}”. Column {question.name}__{DONT_KNOW}: "
                f"1 = “{said}”, 0 = a point chosen, empty = not answered, or not offered in the version "
                "answered")

    # XLSForm: `select_one <question>` with the appearance `likert` (a row of points in ODK Collect and
    # Enketo), its choices the points named by their numbers, then `dont_know`. A point's label is its
    # own, or at an end the end's label, or else its number; "Don't know" is labelled in every language
    # (the portal's wording where the question has none). `range` would carry the scale but neither the
    # labels nor "Don't know". Read back: a likert select_one whose choices are whole points in a row.
    xlsform_types = ("select one",)

    def to_xlsform(self, writer, question, row, here):
        name = question["name"]
        writer.survey.append({**row, "type": f"select_one {name}", "required": writer.required(question),
                              "appearance": "likert"})
        labelled = {item["name"] for item in question["labels"]}
        ends = {str(question["scale_min"]): "low_label", str(question["scale_max"]): "high_label"}
        lost = [key for point, key in ends.items() if point in labelled and question[key]]
        if lost:
            writer.notes.append(f"Question {name}: XLSForm labels a point once, so its {' and '.join(lost)} "
                                "give way to the labels of the end points.")
        elif labelled and labelled <= set(ends):
            writer.notes.append(f"Question {name}: labels of its end points only are read back as its end "
                                "labels (low_label, high_label).")
        for point in points(question):
            number = point["name"]
            if number in labelled:
                cells = writer.texts("label", f"{here}.labels.{number}.label", point["label"])
            elif question.get(ends.get(number, ""), ""):
                cells = writer.texts("label", f"{here}.{ends[number]}", question[ends[number]])
            else:  # the number, in every language
                cells = dict.fromkeys(writer.texts("label", "", number, count=False), number)
            writer.choices.append({"list_name": name, "name": number, **cells})
        if question["dont_know"]:
            if question["dont_know_label"]:
                cells = writer.texts("label", f"{here}.dont_know_label", question["dont_know_label"])
            else:
                columns = writer.texts("label", "", "", count=False)
                cells = dict(zip(columns, map(portal_dont_know, writer.languages), strict=True))
            writer.choices.append({"list_name": name, "name": DONT_KNOW, **cells})

    def claims_xlsform(self, reader, element):
        if reader.appearance_of(element) != "likert" or "choices" not in element:
            return False
        names = [str(option["name"]) for option in element["choices"]]
        scale = [name for name in names if name != DONT_KNOW]
        if len(scale) < 2 or not all(name.isdigit() and name == str(int(name)) for name in scale):
            return False
        low = int(scale[0])
        return ([int(name) for name in scale] == list(range(low, low + len(scale)))
                and LOWEST <= low and low + len(scale) - 1 <= HIGHEST)

    def from_xlsform(self, reader, element, question, where, at):
        reader.constraint_left(where, reader.constraint(element, set())[1])
        listed = str(element.get("list_name") or element.get("itemset") or "")
        names = [str(option["name"]) for option in element["choices"]]
        scale = [name for name in names if name != DONT_KNOW]
        question |= {"scale_min": int(scale[0]), "scale_max": int(scale[-1])}
        cells = {name: reader.choice_rows.get((listed, name), {}) for name in names}

        def shown(name):
            return reader.texts(cells[name], "label").get(reader.languages[0], "")

        labelled = [name for name in scale if shown(name) not in ("", name)]
        ends = {scale[0]: "low_label", scale[-1]: "high_label"}
        for name in labelled:
            if set(labelled) <= set(ends):
                question[ends[name]] = reader.text(cells[name], "label", f"{at}.{ends[name]}")
            else:
                question.setdefault("labels", []).append(
                    {"name": name, "label": reader.text(cells[name], "label", f"{at}.labels.{name}.label")})
        if DONT_KNOW in names:
            question["dont_know"] = True
            if shown(DONT_KNOW) not in ("", portal_dont_know(reader.languages[0])):
                question["dont_know_label"] = reader.text(cells[DONT_KNOW], "label", f"{at}.dont_know_label")
        return question
