"""What the reader does to pyxform's form before reading it: names the portal takes, and loops unrolled.

XLSForm names may have capitals, dots, hyphens and accents, and the same name may come back in another
group; a choice list may repeat a name where the settings allow it. The portal's names are lower case
letters, digits and `_`, unique across the survey (a choice's within its question). Each name is turned
into one (`Q1.1` → `q1_1`, `père` → `pere`, a second `name` → `name_2`), every `${name}` in the form's
expressions follows, and the element keeps its name in the workbook under ORIGINAL, by which the reader
finds its row. A `begin loop over <list>` (pyxform's `loop`) is unrolled into its questions once per choice.
"""

from __future__ import annotations

import copy
import re
import unicodedata

from pyxform import constants

ORIGINAL = "portal_original"  # the key, in pyxform's element, of the name the workbook gives it
NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
CHOICE_NAME = re.compile(r"^[a-z0-9][a-z0-9_]{0,62}$")
REFERENCE = re.compile(r"\$\{\s*([^}\s]+)\s*\}")
LOOP = "loop"


def portal_name(name: str, taken: set[str], choice: bool = False) -> str:
    """A name of the portal's form for `name`, not yet in `taken` (which it joins)."""
    pattern = CHOICE_NAME if choice else NAME
    if pattern.fullmatch(name) and name not in taken:
        taken.add(name)
        return name
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    plain = re.sub(r"[^a-z0-9_]", "_", plain).strip("_")
    if choice:
        plain = plain or "choice"
    elif not plain[:1].isalpha():
        plain = f"q_{plain}".rstrip("_")
    plain = plain[:60]
    candidate, number = plain, 2
    while candidate in taken:
        candidate, number = f"{plain}_{number}", number + 1
    taken.add(candidate)
    return candidate


class Shaper:
    """Renames the elements of pyxform's form in place and unrolls its loops; `renamed` says what changed."""

    def __init__(self, rows: dict, text_language):
        self.rows = rows  # the reader's index of workbook rows, by the path of original names
        self.text_language = text_language  # the language key of a text column, or None
        self.names: dict[str, str] = {}  # original -> portal name, the first element of that name
        self.renamed: list[tuple[tuple, str, str]] = []  # (path, original, portal name)
        self.unrolled: list[tuple[tuple, list[str]]] = []  # (path of the loop, the questions made)
        self.taken: set[str] = set()

    def shape(self, form: dict) -> None:
        self._walk(form.get("children", []), ())
        for element in _elements(form.get("children", [])):
            for key in ("bind", "control", "parameters"):
                if isinstance(element.get(key), dict):
                    element[key] = {name: self._references(value) for name, value in element[key].items()}
            if isinstance(element.get("choice_filter"), str):
                element["choice_filter"] = self._references(element["choice_filter"])

    def _references(self, value):
        if not isinstance(value, str):
            return value
        return REFERENCE.sub(lambda match: f"${{{self.names.get(match.group(1), match.group(1))}}}", value)

    def _walk(self, children: list[dict], path: tuple) -> None:
        for position, element in enumerate(list(children)):
            name = str(element.get("name", ""))
            if name == "meta" and element.get("control", {}).get("bodyless"):
                continue
            if element.get("type") == LOOP:
                element = children[position] = self._unroll(element, path)
            original = element.get(ORIGINAL, name)
            new = portal_name(name, self.taken)
            element[ORIGINAL] = original
            element["name"] = new
            self.names.setdefault(name, new)
            if new != name:
                self.renamed.append(((*path, original), original, new))
            self._walk(element.get("children", []), (*path, original))

    def _unroll(self, loop: dict, path: tuple) -> dict:
        """The loop as a group holding each of its questions once per choice: `<question>_<choice>`, its
        texts' `%(label)s` the choice's label."""
        here = (*path, loop["name"])
        children, made = [], []
        for column in loop.get("columns", []):
            for child in loop.get("children", []):
                copied = copy.deepcopy(child)
                copied["name"] = f"{child['name']}_{column['name']}"
                copied.pop("label", None)
                number, cells = self.rows.get((*here, child["name"]), (None, {}))
                self.rows[(*here, copied["name"])] = (number, self._filled(cells, column))
                children.append(copied)
                made.append(copied["name"])
        self.unrolled.append((here, made))
        return {key: value for key, value in loop.items() if key != "columns"} | {
            "type": constants.GROUP, "children": children}

    def _filled(self, cells: dict, column: dict) -> dict:
        labels = column.get("label") or column["name"]
        filled = {}
        for key, value in cells.items():
            language = self.text_language(key)
            if isinstance(value, str) and language is not None and "%(" in value:
                label = labels if isinstance(labels, str) else (
                    labels.get(language) or next(iter(labels.values())))
                value = value.replace("%(label)s", label).replace("%(name)s", column["name"])
            filled[key] = value
        return filled


def _elements(children: list[dict]):
    for element in children:
        yield element
        yield from _elements(element.get("children", []))
