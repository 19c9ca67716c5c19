"""The names the portal gives to rows, columns and constraints in its XLSForm workbooks.

The writer writes them and the reader looks for them, so a workbook the portal wrote reads back the same.
"""

SURVEY_INTRO = "survey-intro"
INTRO_SUFFIX = "-intro"
ROW_SEPARATOR = "__"
EXCLUSIVE_COLUMN = "portal_exclusive"
