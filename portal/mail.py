"""Templated email: subject, text and HTML from templates/email/<name>_subject.txt, _message.txt/.html."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def send_templated_mail(
    name: str, to: list[str], context: dict, *, reply_to: list[str] | None = None
) -> None:
    subject = render_to_string(f"email/{name}_subject.txt", context).strip()
    text = render_to_string(f"email/{name}_message.txt", context)
    html = render_to_string(f"email/{name}_message.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to, reply_to=reply_to)
    message.attach_alternative(html, "text/html")
    message.send()
