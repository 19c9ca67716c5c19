"""What everyone who can enter the Wagtail admin must meet: a second factor (allauth's MFA), shorter
sessions and longer passwords. Stakeholders who never enter the admin are not asked for any of it."""
