"""How allauth fits the portal: its emails come from templates/email/ where we wrote them."""

from allauth.account.adapter import DefaultAccountAdapter
from django.template import TemplateDoesNotExist
from django.template.loader import get_template


class AccountAdapter(DefaultAccountAdapter):
    def render_mail(self, template_prefix, email, context, headers=None):
        ours = f"email/{template_prefix}"
        try:
            get_template(f"{ours}_subject.txt")
        except TemplateDoesNotExist:  # allauth's own wording for the mails we did not write
            ours = template_prefix
        return super().render_mail(ours, email, context, headers)
