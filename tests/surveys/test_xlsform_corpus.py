"""XLSForms written by others (tests/surveys/xlsforms/, sources and licences in its README): does pyxform
convert each, does the portal import it (saying what it leaves out), and does the portal's XLSForm export of
what it imported still convert with pyxform.

Run with `-s` to see the table; it is also kept in the test's report (`record_property`, for --junitxml).
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from pyxform.xls2xform import convert

from surveys.importing import XLSFORM_SUFFIXES, read_file
from surveys.xlsform import definition_to_xlsform

CORPUS = Path(__file__).parent / "xlsforms"
FORMS = sorted(path.name for path in CORPUS.iterdir() if path.suffix.lower() in XLSFORM_SUFFIXES)
LEAST_IMPORTED = 0.9  # of the forms pyxform converts


@dataclass
class Outcome:
    pyxform: str  # "" when pyxform converts the form, else its error
    imported: bool
    losses: list[str]
    refusal: list[str]
    exported: str  # "" when pyxform converts the portal's export of what was imported, else its error

    @property
    def verdict(self) -> str:
        if not self.imported:
            return "refused"
        return "imported with losses" if self.losses else "imported"


@cache
def outcome(name: str) -> Outcome:
    path = CORPUS / name
    try:
        convert(xlsform=str(path), validate=False)
        pyxform = ""
    except Exception as error:  # pyxform fails with errors of several kinds
        pyxform = f"{type(error).__name__}: {error}"
    imported = read_file(name, path.read_bytes())
    exported = ""
    if imported.usable:
        workbook, _notes = definition_to_xlsform(imported.definition)
        try:
            convert(xlsform=workbook, file_type=".xlsx", validate=False)
        except Exception as error:
            exported = f"{type(error).__name__}: {error}"
    return Outcome(pyxform, imported.usable, imported.notes, imported.problems, exported)


def table() -> str:
    lines = ["| form | pyxform | portal | losses | why refused |", "| --- | --- | --- | --- | --- |"]
    for name in FORMS:
        found = outcome(name)
        lines.append(f"| {name} | {'converts' if not found.pyxform else 'refuses'} | {found.verdict} | "
                     f"{len(found.losses)} | {'; '.join(found.refusal)[:160]} |")
    return "\n".join(lines)


def test_the_corpus_is_large_enough_and_has_every_kind_of_file():
    assert len(FORMS) >= 25
    assert {Path(name).suffix for name in FORMS} == {".xlsx", ".xls", ".csv"}
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in FORMS)  # each with its source, path, commit and licence


@pytest.mark.parametrize("name", FORMS)
def test_a_form_is_imported_with_its_losses_named_or_refused_with_a_reason(name):
    found = outcome(name)
    if found.imported:
        assert found.exported == "", "the portal's export of what it imported does not convert"
        assert all(note.strip() for note in found.losses)
    else:
        assert found.refusal, "a refusal says why"
        assert not any("$." in problem for problem in found.refusal)  # rows and columns, not JSON paths


def test_nine_in_ten_forms_that_pyxform_converts_are_imported(record_property):
    converted = [name for name in FORMS if not outcome(name).pyxform]
    imported = [name for name in converted if outcome(name).imported]
    summary = table()
    print(f"\n{summary}\n{len(imported)} of the {len(converted)} forms pyxform converts are imported; "
          f"pyxform refuses {len(FORMS) - len(converted)} of {len(FORMS)}.")
    record_property("xlsform_corpus", summary)
    assert len(imported) >= LEAST_IMPORTED * len(converted), summary
    # What pyxform refuses, the portal refuses too (it reads through pyxform).
    assert not any(outcome(name).imported for name in FORMS if outcome(name).pyxform)
