"""The fact sheet "NMGs at a glance" (B1MG): the mission, role and tasks a group starts from. The text
is kept as data in data/fact_sheet.json, with its source."""

import json
from functools import cache
from pathlib import Path

FACT_SHEET_FILE = Path(__file__).parent / "data" / "fact_sheet.json"


@cache
def fact_sheet() -> dict[str, str]:
    return json.loads(FACT_SHEET_FILE.read_text(encoding="utf-8"))
