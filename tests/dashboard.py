"""What the dashboard tests share: the panels a person sees on /admin/, and the queries of one panel."""

import re

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.text


def panel(page: str, name: str) -> str | None:
    """The HTML of the panel `name` on the dashboard, or None when it is not there."""
    found = re.search(rf'<section[^>]*id="dashboard-{name}-section".*?</section>', page, re.S)
    return found.group(0) if found else None


def panel_queries(panel_class, user) -> int:
    """How many queries the panel makes to render, for a person loaded afresh (no cached permissions)."""
    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        shown = panel_class(request)
        assert shown.is_shown()
        shown.render_html({"request": request})
    return len(queries)
