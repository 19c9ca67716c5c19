// Runs tests/surveys/logic_cases.json through static/js/logic.js and prints what it gives, as JSON, for
// tests/surveys/test_logic_cases.py to compare with what the cases expect.
"use strict";
const path = require("path");
const fs = require("fs");
const logic = require(path.join(__dirname, "..", "..", "static", "js", "logic.js"));
const cases = JSON.parse(fs.readFileSync(path.join(__dirname, "logic_cases.json"), "utf8"));

process.stdout.write(JSON.stringify({
  conditions: cases.conditions.map((item) => logic.holds(item.condition, item.answers)),
  calculations: cases.calculations.map((item) => logic.asAnswer(logic.calculate(item.expression, item.answers))),
}));
