"""Survey definitions as XLSForm workbooks (.xlsx), written with openpyxl and read back through pyxform.

Both directions return, beside their result, the list of what the other format cannot carry, one readable
line each: nothing is dropped silently.

How the portal's format maps to XLSForm (sheets survey, choices, settings):

- the survey's intro is a `note` row named `survey-intro` before the first section; a section is a
  `begin_group` ... `end_group` (appearance `field-list`: one page, as in the portal), its intro a `note`
  row named `<section>-intro` at its start; conditions are `relevant` expressions;
- a question is one row, or a group of rows for a table, with what every question has (name, label,
  hint, `relevant`, `required`); the rest is its type's, written and read by its module in surveys/types/
  (`to_xlsform()`, `from_xlsform()`), where the mapping of each type is described; a question's choices
  are the list named after it;
- an XLSForm row is read by the types that list its XLSForm type (`xlsform_types`), the first to claim it
  (`claims_xlsform()`); a group within a section by the first type that reads groups and claims it; what no
  type claims is left out, with a note;
- texts are `label::<language>` and `hint::<language>` columns, a language named the XLSForm way with its
  code in brackets (`label::English (en)`, `label::French (fr)`), the first language being the
  `default_language` setting;
- what XLSForm has no place for is kept in extra columns that other tools ignore: `portal::added`,
  `portal::note` and `portal::personal` (survey sheet), `portal_exclusive` (choices sheet: pyxform 4.5
  fails to build an XForm when a choices column holds `::`), `portal::privacy_statement_url`,
  `portal::source`, `portal::note`, `portal::title::<language>` and `portal::dashboard` (settings, the
  dashboard as JSON; translations of its titles are not carried).

The writer is in writer.py, the reader in reader.py; conditions and constraints as XPath, both ways, in
xpath.py; the names both sides give to rows and columns in layout.py.
"""

from .reader import xlsform_to_definition
from .writer import definition_to_xlsform, language_column
from .xpath import condition_to_xpath, xpath_to_condition

__all__ = [
    "condition_to_xpath",
    "definition_to_xlsform",
    "language_column",
    "xlsform_to_definition",
    "xpath_to_condition",
]
