"""Every app of ours keeps the one layout of the README's Architecture section: the admin side lives in
admin/, and wagtail_hooks.py only registers what is defined elsewhere."""

import ast
import importlib
from pathlib import Path

import pytest
from django.conf import settings

OUR_APPS = [name for name in settings.INSTALLED_APPS
            if name.startswith("portal.") or name in {"cms", "surveys", "newsletters"}]


def app_dir(name: str) -> Path:
    return Path(importlib.import_module(name).__file__).parent


HOOK_FILES = {name: app_dir(name) / "wagtail_hooks.py" for name in OUR_APPS
              if (app_dir(name) / "wagtail_hooks.py").exists()}


def is_hooks_register(node) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "register" and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "hooks")


def is_registration(node) -> bool:
    if not isinstance(node, ast.Expr) or not isinstance(node.value, ast.Call):
        return False
    call = node.value
    return is_hooks_register(call) or (isinstance(call.func, ast.Name) and call.func.id == "register_snippet")


def is_hook_function(node) -> bool:
    return isinstance(node, ast.FunctionDef) and any(is_hooks_register(d) for d in node.decorator_list)


def is_docstring(node, position: int) -> bool:
    return (position == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str))


def test_the_apps_with_hooks_are_found():
    assert {"cms", "surveys", "newsletters", "portal.stakeholders"} <= set(HOOK_FILES)


@pytest.mark.parametrize("app", sorted(HOOK_FILES))
def test_wagtail_hooks_only_registers(app):
    path = HOOK_FILES[app]
    tree = ast.parse(path.read_text(), filename=str(path))
    misplaced = [
        f"line {node.lineno}: {type(node).__name__}"
        for position, node in enumerate(tree.body)
        if not (isinstance(node, ast.Import | ast.ImportFrom) or is_docstring(node, position)
                or is_hook_function(node) or is_registration(node))
    ]
    misplaced += [f"line {node.lineno}: class {node.name}" for node in ast.walk(tree)
                  if isinstance(node, ast.ClassDef)]
    assert not misplaced, (
        f"{path} holds more than registrations (move it to {app}'s admin/ package): {misplaced}"
    )


def test_no_admin_modules_outside_the_admin_package():
    found = [
        str(path) for name in OUR_APPS for path in app_dir(name).rglob("*.py")
        if path.name == "admin_views.py" or path.name.endswith("_admin.py")
    ]
    assert not found, f"the admin side goes in the app's admin/ package: {found}"
