"""The surveys' screens in the Wagtail admin, what the page tree does with survey pages, and the
dashboard's panel."""

from wagtail import hooks

from .admin import files, invitations, pages, results, transfer

hooks.register("register_admin_urls", invitations.urls)
hooks.register("register_page_header_buttons", invitations.invitation_button)
hooks.register("before_delete_page", pages.keep_answered_surveys)
hooks.register("before_edit_page", pages.say_the_new_version_waits)
hooks.register("after_publish_page", pages.say_what_the_new_version_changes)
hooks.register("after_bulk_action", pages.say_which_published_surveys_wait)
hooks.register("register_log_actions", pages.survey_log_actions)
hooks.register("register_admin_urls", results.urls)
hooks.register("register_page_header_buttons", results.results_button)
hooks.register("register_page_listing_more_buttons", results.results_menu_item)
hooks.register("register_admin_urls", transfer.urls)
hooks.register("register_admin_urls", files.urls)
hooks.register("register_page_header_buttons", transfer.transfer_header_button)
hooks.register("register_page_listing_more_buttons", transfer.transfer_listing_button)


@hooks.register("construct_homepage_panels")
def add_dashboard_panel(request, panels):
    from .admin.dashboard import SurveyResponsesPanel

    SurveyResponsesPanel.add_to(request, panels)
