"""The portal's conditions and constraints as XPath expressions, and back.

Conditions are written so that they read back to the same structure: a single `{question, in}` is
`selected(${q}, 'a') or selected(${q}, 'b')`, and each part of an `all` or `any` is put in brackets
(`(A) and (B)`), with `and true()` / `or false()` after a part that stands alone.

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
    return " or ".join(selected(condition["question"], choice) for choice in condition["in"])


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
    (?P<selected>selected\(\s*\$\{(?P<sq>[^}]+)\}\s*,\s*(?P<sc>'[^']*'|"[^"]*")\s*\))
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
            for name in ("selected", "equals", "true", "false", "open", "close", "and", "or")
            if match.group(name) is not None
        )
        if kind in ("selected", "equals"):
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
        if kind == "open":
            self.position += 1
            inner = self.expression()
            if self.peek() != "close":
                raise _Unsupported("unbalanced brackets")
            self.position += 1
            return ("paren", inner)
        if kind in ("sel", "true", "false"):
            self.position += 1
            return self.tokens[self.position - 1]
        raise _Unsupported(f"unexpected {kind}")


def _to_condition(node: tuple) -> dict:
    kind = node[0]
    if kind == "paren":
        return _to_condition(node[1])
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
