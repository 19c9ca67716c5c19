"""An earlier answer shown in a question's label or help text: `{{question}}` in the text.

The server puts the answer in words in the text (the template escapes it, as every text); the page's
script puts in the answers given on the same page as they are typed (static/js/survey.js). A placeholder
whose question is unanswered shows nothing.
"""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"\{\{\s*([a-z][a-z0-9_]{0,62})\s*\}\}")


def placeholders(text: str) -> list[str]:
    """The questions a text shows the answers of, in the order met."""
    return list(dict.fromkeys(PLACEHOLDER.findall(text)))


def parts(text: str, names: set[str], words) -> list[tuple[str, str]]:
    """The text as (text, "") pieces and (answer in words, question) pieces, for the questions in `names`;
    a placeholder of another name stays as written. `words(name)` is the answer in words."""
    pieces, start = [], 0
    for match in PLACEHOLDER.finditer(text):
        name = match.group(1)
        if name not in names:
            continue
        pieces.append((text[start:match.start()], ""))
        pieces.append((words(name), name))
        start = match.end()
    pieces.append((text[start:], ""))
    return [piece for piece in pieces if piece[0] or piece[1]]


def piped(text: str, names: set[str], words) -> str:
    """The text with the answers in words in place of its placeholders (review page, receipt)."""
    return "".join(piece for piece, _name in parts(text, names, words))
