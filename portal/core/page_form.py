"""The admin form of the pages coordinators may put under the home page: a slug whose address the portal
itself serves (/newsletter/, /admin/, /my/, /search/...) would leave the page unreachable."""

from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


class PortalPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        slug = cleaned_data.get("slug")
        parts = self.parent_page.get_url_parts() if slug and self.parent_page else None
        if parts and "slug" not in self.errors:
            address = f"{parts[2]}{slug}/"
            if served_by_the_portal(address):
                self.add_error("slug", _("The portal uses the address %(address)s for something else: "
                                         "choose another slug, such as “%(slug)s-page”.")
                               % {"address": address, "slug": slug})
        return cleaned_data


def served_by_the_portal(address: str) -> bool:
    try:
        return resolve(address).url_name != "wagtail_serve"
    except Resolver404:
        return False
