"""The portal's conditions and constraints as XPath expressions, and back.

Conditions are written so that they read back to the same structure: a single `{question, in}` is
`selected(${q}, 'a') or selected(${q}, 'b')`, and each part of an `all` or `any` is put in brackets
(`(A) and (B)`), with `and true()` / `or false()` after a part that stands alone. A comparison is
`${q} > 17`, `${q} < date('2020-01-31')`, `${q} = 'text'`, `contains(${q}, 'text')`, `${q} != ''`
(answered) or `${q} = ''` (not answered); `{not: C}` is `not(C)`.

Calculations are numbers, `${q}`, `count-selected(${q})` and `+ - * div` in brackets; a `sum` adds
`coalesce(x, 0)` of each part (an input without a value counts as 0).

Constraints are the `and` of clauses of known shapes (`. >= 1`, `string-length(.) <= 80`, ...); a clause
of another shape is returned as left over, for the reader to report.
"""

from __future__ import annotations

import re
from decimal import Decimal

# Conditions


def condition_to_xpath(condition: dict) -> str:
    """A condition of the portal's format as an XLSForm `relevant` expression (see the module's doc)."""
    if "all" in condition:
        return _join([condition_to_xpath(part) for part in condition["all"]], "and", "true()")
    if "any" in condition:
        return _join([condition_to_xpath(part) for part in condition["any"]], "or", "false()")
    if "not" in condition:
        return f"not({condition_to_xpath(condition['not'])})"
    if "op" in condition:
        return _comparison(condition)
    return " or ".join(selected(condition["question"], choice) for choice in condition["in"])


OPERATORS = {"eq": "=", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _comparison(condition: dict) -> str:
    field, op, value = f"${{{condition['question']}}}", condition["op"], condition.get("value")
    if op in ("answered", "not_answered"):
        return f"{field} {'!=' if op == 'answered' else '='} ''"
    if isinstance(value, str):
        literal = f"date('{value}')" if DAY.match(value) else _quoted(value)
    else:
        literal = _number(value)
    if op == "contains":
        return f"contains({field}, {literal})"
    return f"{field} {OPERATORS[op]} {literal}"


def _quoted(text: str) -> str:
    return f'"{text}"' if "'" in text else f"'{text}'"


def _join(terms: list[str], operator: str, neutral: str) -> str:
    terms = [f"({term})" for term in terms]
    if len(terms) == 1:
        terms.append(neutral)
    return f" {operator} ".join(terms)


def selected(question: str, choice: str) -> str:
    """The XPath test that `choice` is picked in `question`."""
    return f"selected(${{{question}}}, '{choice}')"


class _Unsupported(ValueError):
    pass


TOKENS = re.compile(
    r"""\s*(?:
    (?P<blank>\$\{(?P<bq>[^}]+)\}\s*(?P<bo>!=|=)\s*(?:''|""))
  | (?P<compare>\$\{(?P<cq>[^}]+)\}\s*(?P<co>!=|<=|>=|<|>)\s*(?P<cv>date\(\s*'[^']*'\s*\)|-?\d+(?:\.\d+)?
                                                         |'[^']*'|"[^"]*"))
  | (?P<compare_eq>\$\{(?P<dq>[^}]+)\}\s*=\s*(?P<dv>date\(\s*'[^']*'\s*\)|-?\d+(?:\.\d+)?))
  | (?P<contains>contains\(\s*\$\{(?P<tq>[^}]+)\}\s*,\s*(?P<tv>'[^']*'|"[^"]*")\s*\))
  | (?P<not>not\s*\()
  | (?P<selected>selected\(\s*\$\{(?P<sq>[^}]+)\}\s*,\s*(?P<sc>'[^']*'|"[^"]*")\s*\))
  | (?P<equals>\$\{(?P<eq>[^}]+)\}\s*=\s*(?P<ec>'[^']*'|"[^"]*"))
  | (?P<true>true\(\s*\)) | (?P<false>false\(\s*\))
  | (?P<open>\() | (?P<close>\)) | (?P<and>and\b) | (?P<or>or\b)
)""",
    re.VERBOSE,
)


def xpath_to_condition(expression: str) -> dict:
    """A `relevant` expression as a condition of the portal's format; ValueError when it has no such form.

    Reads what condition_to_xpath() writes, and also hand-written `selected(${q}, 'a')`, `${q} = 'a'`
    combined with and, or and brackets.
    """
    tokens, position = [], 0
    expression = expression.strip()
    while position < len(expression):
        match = TOKENS.match(expression, position)
        if not match or match.end() == position:
            raise _Unsupported(expression)
        kind = next(
            name
            for name in ("blank", "compare", "compare_eq", "contains", "not", "selected", "equals", "true",
                         "false", "open", "close", "and", "or")
            if match.group(name) is not None
        )
        if kind in ("blank", "compare", "compare_eq", "contains"):
            tokens.append(("cmp", _read_comparison(kind, match)))
        elif kind in ("selected", "equals"):
            question, choice = (
                (match.group("sq"), match.group("sc"))
                if kind == "selected"
                else (match.group("eq"), match.group("ec"))
            )
            tokens.append(("sel", question.strip(), choice[1:-1]))
        else:
            tokens.append((kind,))
        position = match.end()
    parser = _Parser(tokens)
    tree = parser.expression()
    if parser.position != len(tokens):
        raise _Unsupported(expression)
    return _to_condition(tree)


class _Parser:
    """or-expression := and-expression (or and-expression)*; and-expression := primary (and primary)*."""

    def __init__(self, tokens: list[tuple]):
        self.tokens, self.position = tokens, 0

    def peek(self) -> str | None:
        return self.tokens[self.position][0] if self.position < len(self.tokens) else None

    def expression(self) -> tuple:
        return self._chain("or", self._and)

    def _and(self) -> tuple:
        return self._chain("and", self._primary)

    def _chain(self, operator: str, operand) -> tuple:
        parts = [operand()]
        while self.peek() == operator:
            self.position += 1
            parts.append(operand())
        return parts[0] if len(parts) == 1 else (operator, parts)

    def _primary(self) -> tuple:
        kind = self.peek()
        if kind in ("open", "not"):  # `(` or `not(`: an expression up to its closing bracket
            self.position += 1
            inner = self.expression()
            if self.peek() != "close":
                raise _Unsupported("unbalanced brackets")
            self.position += 1
            return ("paren" if kind == "open" else "not", inner)
        if kind in ("sel", "cmp", "true", "false"):
            self.position += 1
            return self.tokens[self.position - 1]
        raise _Unsupported(f"unexpected {kind}")


def _read_comparison(kind: str, match: re.Match) -> dict:
    if kind == "blank":
        op = "answered" if match.group("bo") == "!=" else "not_answered"
        return {"question": match.group("bq").strip(), "op": op}
    if kind == "contains":
        return {"question": match.group("tq").strip(), "op": "contains", "value": match.group("tv")[1:-1]}
    # `${q} = 'a'` is read as a choice picked (`in`); the reader makes it a comparison for a text question.
    question, op, literal = ((match.group("dq"), "=", match.group("dv")) if kind == "compare_eq"
                             else (match.group("cq"), match.group("co"), match.group("cv")))
    if literal.startswith("date("):
        value = re.search(r"'([^']*)'", literal).group(1)
    elif literal[0] in "'\"":
        value = literal[1:-1]
    else:
        value = as_number(literal)
    op = {symbol: name for name, symbol in OPERATORS.items()}[op]
    return {"question": question.strip(), "op": op, "value": value}


def as_number(text: str) -> int | float:
    return float(text) if "." in text else int(text)


def _to_condition(node: tuple) -> dict:
    kind = node[0]
    if kind == "paren":
        return _to_condition(node[1])
    if kind == "cmp":
        return node[1]
    if kind == "not":
        return {"not": _to_condition(node[1])}
    if kind == "sel":
        return {"question": node[1], "in": [node[2]]}
    if kind in ("and", "or"):
        neutral = ("true",) if kind == "and" else ("false",)
        parts = [part for part in node[1] if part != neutral]
        if not parts:
            raise _Unsupported("a constant condition")
        if kind == "or" and all(part[0] == "sel" for part in parts) and len({part[1] for part in parts}) == 1:
            return {"question": parts[0][1], "in": list(dict.fromkeys(part[2] for part in parts))}
        return {"all" if kind == "and" else "any": [_to_condition(part) for part in parts]}
    raise _Unsupported("a constant condition")


# Calculations


def expression_to_xpath(expression, several: set[str]) -> str:
    """A calculation as an XLSForm `calculate` expression; `several`: the multiple-choice questions, whose
    answer reads as the number of picks."""
    if not isinstance(expression, dict):
        return _number(expression)
    if "question" in expression:
        name = expression["question"]
        return f"count-selected(${{{name}}})" if name in several else f"${{{name}}}"
    if "count" in expression:
        return f"count-selected(${{{expression['count']}}})"
    if "sum" in expression:
        parts = [f"coalesce({expression_to_xpath(part, several)}, 0)" for part in expression["sum"]]
        return f"({' + '.join(parts)})"
    symbol = "div" if expression["op"] == "/" else expression["op"]
    return "(" + f" {symbol} ".join(expression_to_xpath(part, several) for part in expression["args"]) + ")"


CALCULATION_TOKENS = re.compile(
    r"""\s*(?:
    (?P<count>count-selected\(\s*\$\{(?P<cq>[^}]+)\}\s*\))
  | (?P<field>\$\{(?P<fq>[^}]+)\})
  | (?P<coalesce>coalesce\s*\()
  | (?P<number>-?\d+(?:\.\d+)?(?![\d.]))
  | (?P<op>[-+*]|div\b)
  | (?P<comma>,) | (?P<open>\() | (?P<close>\))
)""",
    re.VERBOSE,
)


def xpath_to_expression(text: str):
    """A `calculate` expression as a calculation of the portal's format (what expression_to_xpath()
    writes, and hand-written ones of the same pieces); ValueError when it has another shape."""
    tokens, position = [], 0
    text = text.strip()
    while position < len(text):
        match = CALCULATION_TOKENS.match(text, position)
        if not match or match.end() == position:
            raise _Unsupported(text)
        kind = next(name for name in ("count", "field", "coalesce", "number", "op", "comma", "open", "close")
                    if match.group(name) is not None)
        tokens.append((kind, match.group(kind), match))
        position = match.end()
    if not tokens:
        raise _Unsupported("an empty calculation")
    reader = _Calculation(tokens)
    expression = reader.sum()
    if reader.position != len(tokens):
        raise _Unsupported(text)
    return expression


class _Calculation:
    """sum := product ((+|-) product)*; product := factor ((*|div) factor)*; a chain of one operator is one
    {op, args}; a chain of + whose every part is coalesce(x, 0) is a {sum}."""

    def __init__(self, tokens):
        self.tokens, self.position = tokens, 0

    def peek(self, *values) -> bool:
        if self.position >= len(self.tokens):
            return False
        kind, text, _match = self.tokens[self.position]
        return kind in values or (kind == "op" and text in values)

    def take(self, *values):
        if not self.peek(*values):
            raise _Unsupported(f"expected {' or '.join(values)}")
        self.position += 1
        return self.tokens[self.position - 1]

    def sum(self):
        return self._chain(("+", "-"), self.product)

    def product(self):
        return self._chain(("*", "div"), self.factor)

    def _chain(self, symbols, operand):
        first = operand()
        parts, op = [first], None
        while self.peek(*symbols):
            symbol = self.take(*symbols)[1]
            symbol = "/" if symbol == "div" else symbol
            if op is not None and symbol != op:
                parts = [{"op": op, "args": parts}]
            op = symbol
            parts.append(operand())
        if op is None:  # a lone coalesce(x, 0) is a sum of one, once no product can take it
            return {"sum": [first[1]]} if isinstance(first, tuple) and "+" in symbols else first
        if op == "+" and all(isinstance(part, tuple) for part in parts):
            return {"sum": [part[1] for part in parts]}
        return {"op": op, "args": [self._plain(part) for part in parts]}

    def factor(self):
        kind, _text, match = self.take("count", "field", "coalesce", "number", "open")
        if kind == "count":
            return {"count": match.group("cq").strip()}
        if kind == "field":
            return {"question": match.group("fq").strip()}
        if kind == "number":
            return as_number(match.group("number"))
        if kind == "coalesce":
            inner = self.sum()
            self.take("comma")
            if self.take("number")[1] != "0":
                raise _Unsupported("coalesce with another value than 0")
            self.take("close")
            return ("coalesced", self._plain(inner))
        inner = self.sum()
        self.take("close")
        return inner

    @staticmethod
    def _plain(part):
        if isinstance(part, tuple):
            raise _Unsupported("coalesce() outside a sum")
        return part


# Constraints


def _number(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    return format(Decimal(repr(value)), "f")  # XPath has no exponent notation


def range_constraint(low, high) -> str:
    """The constraint of a lowest and highest value (`. >= 1 and . <= 9`), for those that are not None;
    a bound that is a string is a date (`. >= date('2020-01-31')`). Empty without bounds."""
    bounds = [
        None if bound is None else f"date('{bound}')" if isinstance(bound, str) else _number(bound)
        for bound in (low, high)
    ]
    return " and ".join(
        f". {operator} {bound}"
        for operator, bound in zip((">=", "<="), bounds, strict=True)
        if bound is not None
    )


def _split_and(expression: str) -> list[str]:
    """The parts of an expression joined by `and` outside brackets and quotes."""
    parts, depth, quote, start, position = [], 0, None, 0, 0
    separator = re.compile(r"\s+and\s+")
    while position < len(expression):
        character = expression[position]
        if quote:
            quote = None if character == quote else quote
        elif character in "'\"":
            quote = character
        elif character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
        elif depth == 0 and (match := separator.match(expression, position)):
            parts.append(expression[start:position])
            start = position = match.end()
            continue
        position += 1
    parts.append(expression[start:])
    return [part.strip() for part in parts if part.strip()]


NUMBER = r"(-?\d+(?:\.\d+)?)"
CLAUSES = {
    "min": re.compile(rf"\.\s*>=\s*{NUMBER}"),
    "max": re.compile(rf"\.\s*<=\s*{NUMBER}"),
    "min_date": re.compile(r"\.\s*>=\s*date\(\s*'(\d{4}-\d{2}-\d{2})'\s*\)"),
    "max_date": re.compile(r"\.\s*<=\s*date\(\s*'(\d{4}-\d{2}-\d{2})'\s*\)"),
    "min_time": re.compile(r"decimal-time\(\s*\.\s*\)\s*>=\s*decimal-time\(\s*'(\d{2}:\d{2})'\s*\)"),
    "max_time": re.compile(r"decimal-time\(\s*\.\s*\)\s*<=\s*decimal-time\(\s*'(\d{2}:\d{2})'\s*\)"),
    "min_datetime": re.compile(
        r"decimal-date-time\(\s*\.\s*\)\s*>=\s*decimal-date-time\(\s*'(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})'\s*\)"
    ),
    "max_datetime": re.compile(
        r"decimal-date-time\(\s*\.\s*\)\s*<=\s*decimal-date-time\(\s*'(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})'\s*\)"
    ),
    "min_selected": re.compile(r"count-selected\(\s*\.\s*\)\s*>=\s*(\d+)"),
    "max_selected": re.compile(r"count-selected\(\s*\.\s*\)\s*<=\s*(\d+)"),
    "max_length": re.compile(r"string-length\(\s*\.\s*\)\s*<=\s*(\d+)"),
    "regex": re.compile(r"regex\(\s*\.\s*,\s*'(.*)'\s*\)"),
    "exclusive": re.compile(
        r"not\(\s*selected\(\s*\.\s*,\s*'([^']*)'\s*\)\s+and\s+count-selected\(\s*\.\s*\)\s*>\s*1\s*\)"
    ),
}


def constraint_clauses(constraint: str, accepted: set[str]) -> tuple[dict[str, list[str]], list[str]]:
    """The constraint's clauses of the kinds accepted, and the clauses left over."""
    found: dict[str, list[str]] = {}
    left = []
    for part in _split_and(constraint or ""):
        for kind in accepted:
            match = CLAUSES[kind].fullmatch(part)
            if match:
                found.setdefault(kind, []).append(match.group(1))
                break
        else:
            left.append(part)
    return found, left
