"""The apps stand on each other only through what they offer: a failing case names the importing file.

- Every app may use `portal.core` (its admin pieces too); `portal.core` imports no app; `cms` imports only
  the foundation it is built on: the reference data (`portal.initiative`) and the accounts
  (`portal.stakeholders`: who is a member, profiles per cluster).
- No app imports another app's admin, views, URLs, hooks, migrations or commands, or a name or module
  that starts with an underscore.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["portal.core", "portal.initiative", "portal.stakeholders", "portal.outbox", "portal.scheduling",
        "portal.mirror_groups", "portal.admin_security", "portal.consultations", "cms", "surveys",
        "newsletters"]
MAY_IMPORT = {"portal.core": set(), "cms": {"portal.initiative", "portal.stakeholders"}}
NOT_OFFERED = {"admin", "admin_views", "views", "urls", "wagtail_hooks", "migrations", "management"}


def app_of(module: str) -> str | None:
    return next((app for app in APPS if module == app or module.startswith(app + ".")), None)


def modules_of(app: str):
    folder = ROOT.joinpath(*app.split("."))
    for path in sorted(folder.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def imports_in(path: Path, app: str):
    """(line, module, names) of every import, relative ones resolved."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module) if part)
            yield node.lineno, module, [alias.name for alias in node.names]


def problems(app: str) -> list[str]:
    found = []
    for path in modules_of(app):
        where = path.relative_to(ROOT)
        for line, module, names in imports_in(path, app):
            other = app_of(module)
            if other in (None, app, "portal.core"):
                continue
            if app in MAY_IMPORT and other not in MAY_IMPORT[app]:
                found.append(f"{where}:{line} imports {module}: {app} may not import {other}")
            parts = module[len(other):].lstrip(".").split(".")
            private = any(part.startswith("_") or part.endswith("_admin") for part in parts)
            if parts[0] in NOT_OFFERED or private:
                found.append(f"{where}:{line} imports {module}, which {other} does not offer")
            found += [f"{where}:{line} imports {name} from {module}: a private name"
                      for name in names if name.startswith("_")]
    return found


@pytest.mark.parametrize("app", APPS)
def test_an_app_uses_only_what_other_apps_offer(app):
    assert problems(app) == []


def test_the_check_sees_a_forbidden_import(tmp_path, monkeypatch):
    monkeypatch.setattr("tests.test_imports.ROOT", tmp_path)
    (tmp_path / "cms").mkdir()
    (tmp_path / "cms" / "views.py").write_text(
        "from surveys.models import SurveyPage\nfrom portal.stakeholders.admin_views import DecideView\n"
        "from .models import _private\nfrom portal.initiative.models import Country\n")
    (tmp_path / "surveys").mkdir()
    (tmp_path / "surveys" / "tasks.py").write_text("from newsletters.sending import _batches\n")

    assert problems("cms") == [
        "cms/views.py:1 imports surveys.models: cms may not import surveys",
        "cms/views.py:2 imports portal.stakeholders.admin_views, which portal.stakeholders does not offer",
    ]
    assert problems("surveys") == [
        "surveys/tasks.py:1 imports _batches from newsletters.sending: a private name"]
