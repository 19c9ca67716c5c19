"""What the dashboard tests share: the panels a person sees on /admin/ (their queries: tests/queries.py)."""

import re


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.text


def panel(page: str, name: str) -> str | None:
    """The HTML of the panel `name` on the dashboard, or None when it is not there."""
    found = re.search(rf'<section[^>]*id="dashboard-{name}-section".*?</section>', page, re.S)
    return found.group(0) if found else None

