"""Settings that protect every page: the Content-Security-Policy and the production checks."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import NewsletterIssuePageFactory

ROOT = Path(__file__).resolve().parent.parent
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


@pytest.mark.django_db
def test_every_page_sends_a_csp_that_forbids_inline_scripts(client):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"]
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


@pytest.mark.django_db
def test_only_the_wagtail_admin_may_run_inline_scripts(client):
    from tests.factories import coordinator

    client.force_login(coordinator())
    public = client.get("/privacy/")["Content-Security-Policy"]
    admin = client.get("/admin/")["Content-Security-Policy"]
    assert "unsafe-inline" not in public.split("script-src", 1)[1].split(";")[0]
    assert "'unsafe-inline'" in admin.split("script-src", 1)[1].split(";")[0]


@pytest.mark.django_db
def test_only_the_admins_previews_may_be_framed_and_by_the_admin_only(client):
    from tests.factories import coordinator

    client.force_login(coordinator())
    issue = NewsletterIssuePageFactory()
    preview = issue.make_preview_request(preview_mode="email")  # the page's own request, as in the panel
    panel = client.get(f"/admin/pages/{issue.pk}/edit/preview/?in_preview_panel=true")  # nothing to show
    editor = client.get(f"/admin/pages/{issue.pk}/edit/")
    assert directive(preview, "frame-ancestors") == "'self'" and "'unsafe-inline'" not in directive(
        preview, "script-src")
    assert panel["X-Frame-Options"] == "SAMEORIGIN" and directive(panel, "frame-ancestors") == "'self'"
    assert directive(editor, "frame-ancestors") == "'none'" and editor["X-Frame-Options"] == "DENY"


def directive(response, name):
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    return policy[name]


@pytest.mark.parametrize("template", sorted((ROOT / "templates").rglob("*.html")), ids=str)
def test_no_template_has_an_inline_script_or_event_handler(template):
    text = template.read_text()
    assert not INLINE_SCRIPT.search(text), "inline <script>: move it to a file under static/"
    assert not EVENT_HANDLER.search(text), "on* attribute: bind the handler from a static script"


def test_postgres_support_is_installed_for_wagtail():
    assert "django.contrib.postgres" in settings.INSTALLED_APPS


UNSET = {"DJANGO_ALLOW_ASYNC_UNSAFE", "WAGTAILADMIN_BASE_URL"}


def deploy_check(**environment) -> subprocess.CompletedProcess:
    """`manage.py check --deploy` on the production settings, with a real secret and hosts set."""
    env = {
        **{k: v for k, v in os.environ.items() if k not in UNSET},
        "DJANGO_SETTINGS_MODULE": "portal.settings.base",
        "DJANGO_SECRET_KEY": "k7#2pQ!vX9@mL4$wZ8&nR1^tY6*uB3(cF5)hJ0-sD2+gA7=eK9",
        "DJANGO_ALLOWED_HOSTS": "portal.example.org",
        **environment,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def test_production_settings_pass_the_deploy_checks_with_no_warning():
    result = deploy_check(WAGTAILADMIN_BASE_URL="https://portal.example.org")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 silenced" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.base"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_the_deploy_checks_warn_when_email_links_would_point_at_this_machine():
    result = deploy_check()
    assert result.returncode != 0
    assert "portal.W001" in result.stdout + result.stderr


def test_the_readme_lists_every_environment_variable_the_settings_read():
    settings_text = "".join(path.read_text() for path in (ROOT / "portal" / "settings").glob("*.py"))
    read = set(re.findall(r'env(?:_bool|_list)?\("([A-Z_]+)"', settings_text))
    first_cells = re.findall(r"^\| (`[^|]+)\|", (ROOT / "README.md").read_text(), re.M)
    documented = {name for cell in first_cells for name in re.findall(r"`([A-Z_]+)`", cell)}
    assert read - documented == set()


def test_make_run_settings_load_and_pass_the_checks():
    env = {k: v for k, v in os.environ.items() if k not in UNSET | {"DATABASE_URL"}}
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
            timeout=120,
        )

    checked = manage("check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    shown = manage("shell", "-c", "from django.conf import settings as s; "
                   "print(s.DEBUG, s.CELERY_TASK_ALWAYS_EAGER, s.OUTBOX_RELAY_BACKEND)")
    last_line = shown.stdout.strip().splitlines()[-1]
    assert last_line.split() == ["True", "True", "django.core.mail.backends.console.EmailBackend"]
