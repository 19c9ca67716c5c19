from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Content"

    def ready(self):
        from portal.core.spreadsheets import patch_wagtail_csv_export

        from .demo import register_demo_steps
        from .permissions import register_policies
        from .personal_data import register_personal_data

        register_personal_data()
        register_demo_steps()
        register_policies()
        # Wagtail writes its CSV exports (Site history and the other reports, listings) with the cells
        # as they are: a name such as =HYPERLINK(...) would run in a coordinator's spreadsheet.
        patch_wagtail_csv_export()
