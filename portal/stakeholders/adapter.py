"""How allauth fits the portal: emails from templates/email/, hidden usernames, one account an address."""

import uuid

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse

from portal.admin_security.passwords import note_password_at_sign_in


class AccountAdapter(DefaultAccountAdapter):
    def render_mail(self, template_prefix, email, context, headers=None):
        ours = f"email/{template_prefix}"
        try:
            get_template(f"{ours}_subject.txt")
        except TemplateDoesNotExist:  # allauth's own wording for the mails we did not write
            ours = template_prefix
        return super().render_mail(ours, email, context, headers)

    def populate_username(self, request, user):
        # People sign in by email; a random username cannot collide when two sign up at once.
        user.username = uuid.uuid4().hex

    def get_signup_redirect_url(self, request):
        # Once the address is confirmed, the next step of registering is the profile.
        return reverse("stakeholders:profile")

    def save_user(self, request, user, form, commit=True):
        try:
            with transaction.atomic():
                return super().save_user(request, user, form, commit=commit)
        except IntegrityError:
            # The same address signed up twice at the same moment (a double click): the database's
            # unique index refused the second; answer it as allauth answers a known address.
            raise ImmediateHttpResponse(redirect("account_email_verification_sent")) from None

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            # The only moment the password is known in clear: an admin's weak one is changed next.
            note_password_at_sign_in(request, user, credentials.get("password"))
        return user
