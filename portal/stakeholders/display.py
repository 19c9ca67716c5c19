"""How people are named on screen: given and family name, else the address, never the username, which is
random for everyone who registered (see adapter.py).

Wagtail names a user by `get_full_name()`, else `get_username()`, and uses `str(user)` in its choosers and
filters; Django's User has no setting for either. So `apps.py` makes `User.__str__` this function, allauth
uses it through ACCOUNT_USER_DISPLAY, and the one report that calls `get_username()` directly (aging
pages) is replaced in `portal/urls.py`.
"""

from django.contrib.auth import get_user_model
from wagtail.admin.views.reports.aging_pages import AgingPagesView as WagtailAgingPagesView


def user_display(user) -> str:
    return user.get_full_name().strip() or user.email or user.get_username()


class AgingPagesView(WagtailAgingPagesView):
    def decorate_paginated_queryset(self, queryset):
        user_ids = {page.last_published_by for page in queryset if page.last_published_by}
        names = {user.pk: user_display(user) for user in get_user_model().objects.filter(pk__in=user_ids)}
        for page in queryset:
            self.add_last_publisher_name_to_page(names, page)
        return queryset
