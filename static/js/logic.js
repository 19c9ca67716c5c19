// Conditions and calculations of the survey format, read against answers as the server keeps them
// (a text, or a list of picked choices). The server decides (surveys/logic.py); the page uses this to
// follow the answers as they are typed. tests/surveys/logic_cases.json holds the cases both agree on.
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.SurveyLogic = api;
})(this, function () {
  "use strict";
  var NUMBER = /^\s*[-+]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)\s*$/;
  var ISO_SHAPES = [/^\d{4}-\d{2}-\d{2}$/, /^\d{2}:\d{2}$/, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/];

  // Truth as Python reads it: an empty list or object is false.
  function truthy(value) {
    if (Array.isArray(value)) return value.length > 0;
    if (value && typeof value === "object") return Object.keys(value).length > 0;
    return Boolean(value);
  }

  function isEmpty(answer) {
    if (answer && typeof answer === "object" && !Array.isArray(answer)) {
      return !Object.keys(answer).some(function (key) { return truthy(answer[key]); });
    }
    return answer === null || answer === undefined || answer === "" || (Array.isArray(answer) && !answer.length);
  }

  function readNumber(value) {
    if (typeof value === "number") return isFinite(value) ? value : null;
    if (typeof value !== "string" || !NUMBER.test(value)) return null;
    return parseFloat(value.trim().replace(",", "."));
  }

  function ordered(op, left, right) {
    switch (op) {
      case "eq": return left === right;
      case "ne": return left !== right;
      case "lt": return left < right;
      case "le": return left <= right;
      case "gt": return left > right;
      case "ge": return left >= right;
      default: return false;
    }
  }

  function compares(op, answer, value) {
    if (op === "answered" || op === "not_answered") return isEmpty(answer) === (op === "not_answered");
    if (isEmpty(answer)) return false;
    if (typeof value === "number") {
      var number = (typeof answer === "string" || typeof answer === "number") ? readNumber(answer) : null;
      return number !== null && ordered(op, number, value);
    }
    if (typeof value !== "string" || typeof answer !== "string") return false;
    if (op === "lt" || op === "le" || op === "gt" || op === "ge") {
      var sameShape = ISO_SHAPES.some(function (shape) { return shape.test(value) && shape.test(answer); });
      return sameShape && ordered(op, answer, value);
    }
    var text = answer.toLowerCase();
    var wanted = value.toLowerCase();
    if (op === "contains") return text.indexOf(wanted) !== -1;
    return (text === wanted) === (op === "eq");
  }

  function holds(condition, answers) {
    if (!condition) return true;
    if (condition.all) return condition.all.every(function (part) { return holds(part, answers); });
    if (condition.any) return condition.any.some(function (part) { return holds(part, answers); });
    if (condition.not) return !holds(condition.not, answers);
    var answer = answers[condition.question];
    if (condition.in) {
      var picked = Array.isArray(answer) ? answer : [answer];
      return picked.some(function (name) { return condition.in.indexOf(name) !== -1; });
    }
    return compares(condition.op, answer, condition.value);
  }

  function calculate(expression, answers) {
    if (typeof expression === "number") return expression;
    if (!expression || typeof expression !== "object") return null;
    if ("question" in expression) {
      var answer = answers[expression.question];
      if (Array.isArray(answer)) return answer.length;
      return (typeof answer === "string" || typeof answer === "number") ? readNumber(answer) : null;
    }
    if ("count" in expression) {
      var picks = answers[expression.count];
      return Array.isArray(picks) ? picks.length : 0;
    }
    if ("sum" in expression) {
      return expression.sum.reduce(function (total, part) { return total + (calculate(part, answers) || 0); }, 0);
    }
    var values = expression.args.map(function (part) { return calculate(part, answers); });
    if (values.some(function (value) { return value === null; })) return null;
    var result = values[0];
    for (var i = 1; i < values.length; i++) {
      if (expression.op === "/") {
        if (values[i] === 0) return null;
        result = result / values[i];
      } else if (expression.op === "+") result += values[i];
      else if (expression.op === "-") result -= values[i];
      else if (expression.op === "*") result *= values[i];
      else return null;
    }
    return result;
  }

  // As the server keeps a calculated value: text, at most six decimals, no trailing zeros.
  function asAnswer(number) {
    if (number === null || !isFinite(number)) return null;
    var rounded = Math.sign(number) * Math.round(Math.abs(number) * 1e6) / 1e6;
    return String(rounded === 0 ? 0 : rounded);
  }

  return { isEmpty: isEmpty, holds: holds, calculate: calculate, asAnswer: asAnswer };
});
