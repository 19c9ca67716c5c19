"""The demo content of `make run`, as a registry: each app registers its steps in AppConfig.ready() and
`manage.py load_demo_content` runs them in order, so adding an app's demo content edits no other app.

A step creates what is missing, leaves what exists (and what coordinators edited) as it is, and returns the
lines to print. Steps that build on another app's content (pages under the home page) come after it.
"""

from collections.abc import Callable
from dataclasses import dataclass

# Orders in use: reference data first, then pages, then what points at them, the login last.
REFERENCE_DATA, PAGES, CONTENT, PEOPLE, LAST = 0, 100, 200, 300, 900


@dataclass(frozen=True)
class DemoStep:
    order: int
    name: str
    create: Callable[[], list[str]]


_steps: dict[str, DemoStep] = {}


def register(name: str, *, order: int, create: Callable[[], list[str]]) -> None:
    _steps[name] = DemoStep(order, name, create)


def steps() -> list[DemoStep]:
    return sorted(_steps.values(), key=lambda step: (step.order, step.name))


def created(what: str, names: list[str]) -> list[str]:
    """The usual line of a step: what it created, or that all was there already."""
    return [f"{what}: created " + (", ".join(names) or "none (all there already)")]
