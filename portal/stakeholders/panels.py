"""The panels of "My portal": each app adds what a stakeholder has going on with it."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    order: int
    template: str
    context: Callable  # (request, profile) -> dict, or None to leave the panel out


_panels: list[Panel] = []


def register_panel(*, order: int, template: str, context: Callable) -> None:
    _panels.append(Panel(order, template, context))
    _panels.sort(key=lambda panel: panel.order)


def panels_for(request, profile) -> list[tuple[str, dict]]:
    shown = []
    for panel in _panels:
        context = panel.context(request, profile)
        if context is not None:
            shown.append((panel.template, context))
    return shown


def register_own_panels() -> None:
    from .consents import latest_consents

    register_panel(order=0, template="stakeholders/panels/registration.html",
                   context=lambda request, profile: {"profile": profile})
    register_panel(order=10, template="stakeholders/panels/profile.html",
                   context=lambda request, profile: {
                       "profile": profile,
                       "clusters": profile.clusters.all(),
                       "sub_areas": profile.sub_areas.select_related("cluster"),
                       "disease_areas": profile.disease_areas.all(),
                   })
    register_panel(order=1000, template="stakeholders/panels/data.html",
                   context=lambda request, profile: {"consents": latest_consents(request.user).values()})
