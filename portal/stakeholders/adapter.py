"""How allauth fits the portal: email templates under templates/email/, where people land."""

from allauth.account.adapter import DefaultAccountAdapter
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse

from .models import StakeholderProfile


class AccountAdapter(DefaultAccountAdapter):
    def render_mail(self, template_prefix, email, context, headers=None):
        ours = f"email/{template_prefix}"
        try:
            get_template(f"{ours}_subject.txt")
        except TemplateDoesNotExist:  # allauth's own wording for the mails we did not write
            ours = template_prefix
        return super().render_mail(ours, email, context, headers)

    def get_login_redirect_url(self, request):
        profile = StakeholderProfile.objects.filter(user=request.user).first()
        if profile is not None and not profile.is_complete:
            return reverse("stakeholders:profile")
        return super().get_login_redirect_url(request)
