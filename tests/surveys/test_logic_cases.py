"""The shared cases of conditions and calculations (logic_cases.json) give the same results in the
server's evaluator (surveys/logic.py) and the page's (static/js/logic.js, run under Node)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from surveys.logic import as_answer, calculate, holds

CASES_PATH = Path(__file__).with_name("logic_cases.json")
CASES = json.loads(CASES_PATH.read_text(encoding="utf-8"))


def _label(item) -> str:
    return json.dumps(item.get("condition", item.get("expression")))


@pytest.mark.parametrize("case", CASES["conditions"], ids=_label)
def test_python_decides_each_condition_as_the_cases_say(case):
    assert holds(case["condition"], case["answers"]) is case["holds"]


@pytest.mark.parametrize("case", CASES["calculations"], ids=_label)
def test_python_calculates_each_expression_as_the_cases_say(case):
    assert as_answer(calculate(case["expression"], case["answers"])) == case["value"]


def test_the_page_script_gives_the_same_results_under_node():
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is needed to run static/js/logic.js against the shared cases")
        pytest.skip("node is not installed: static/js/logic.js is not checked against the shared cases")
    run = subprocess.run([node, str(CASES_PATH.with_name("logic_cases.js"))], capture_output=True, text=True,
                         timeout=60, check=True)
    results = json.loads(run.stdout)
    conditions = zip(CASES["conditions"], results["conditions"], strict=True)
    calculations = zip(CASES["calculations"], results["calculations"], strict=True)
    wrong = [(case["condition"], case["answers"], got) for case, got in conditions
             if got is not case["holds"]]
    wrong += [(case["expression"], case["answers"], got) for case, got in calculations
              if got != case["value"]]
    assert wrong == []
