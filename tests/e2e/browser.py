"""What every browser test checks on the pages it visits (axe-core accessibility, the CSP); signing in
through allauth's form."""

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.factories import PASSWORD

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def watch_csp(page):
    """Collect the Content-Security-Policy violations the browser reports in the console."""
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text)
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
        else None,
    )
    return violations


def assert_no_csp_violation(page, violations):
    assert not violations, f"Content-Security-Policy violations on {page.url}:\n" + "\n".join(violations)


def assert_accessible(page):
    """Run axe-core's WCAG 2.1 A/AA rules on the page.

    The portal's CSP (script-src 'self') blocks the inline script that add_script_tag(path=...) makes,
    so axe is served from the page's own origin instead, and the policy stays in force.
    """
    page.wait_for_load_state()
    axe_url = re.sub(r"^(https?://[^/]+).*", r"\1", page.url) + "/__axe-core__/axe.min.js"
    page.route(axe_url, lambda route: route.fulfill(path=AXE, content_type="text/javascript"))
    page.add_script_tag(url=axe_url)
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']]}"
        for v in results["violations"]
    ]
    assert not violations, f"axe found WCAG 2.1 AA violations on {page.url}:\n" + "\n".join(violations)


def fill_sign_in_form(page, email, password=PASSWORD):
    """Fill in and send the sign-in form the page shows."""
    page.fill('input[name="login"]', email)
    page.fill('input[name="password"]', password)
    page.get_by_role("button", name="Sign In").click()


def sign_in(page, base_url, email, password=PASSWORD):
    """Sign in from the sign-in page, which leads to "My portal"."""
    page.goto(base_url + "/accounts/login/")
    fill_sign_in_form(page, email, password)
    expect(page.get_by_role("heading", name="My portal")).to_be_visible()


def sign_in_to_admin(page, live_server, user, password=PASSWORD):
    page.goto(live_server.url + "/admin/")
    fill_sign_in_form(page, user.email, password)
    expect(page).to_have_url(re.compile(r"/admin/$"))


def accept_application(page, live_server, applicant: str, country: str, message: str) -> None:
    """A signed-in manager accepts an application from the admin's list, with a message."""
    page.goto(live_server.url + "/admin/mirror-groups/applications/")
    page.get_by_role("link", name=f"{applicant} → {country}").click()
    page.get_by_role("link", name="Accept").click()
    page.get_by_label("Message to the stakeholder (optional)").fill(message)
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text(f"{applicant} is now a member of the group.")).to_be_visible()
