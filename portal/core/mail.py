"""Templated email: subject, text and HTML from templates/email/<name>_subject.txt, _message.txt/.html."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

# Names the people a message is about (besides its recipients), for their erasure; the outbox takes it out.
CONCERNING_HEADER = "X-Portal-Concerning"


def send_templated_mail(
    name: str, to: list[str], context: dict, *, reply_to: list[str] | None = None,
    concerning: Iterable[str] = (), attachments: Iterable[tuple[str, bytes, str]] = (),
) -> None:
    """`concerning`: the addresses of the people the message is about (an applicant, a sender);
    `attachments`: (file name, content, MIME type) each."""
    subject = render_to_string(f"email/{name}_subject.txt", context).strip()
    text = render_to_string(f"email/{name}_message.txt", context)
    html = render_to_string(f"email/{name}_message.html", context)
    headers = {CONCERNING_HEADER: " ".join(sorted({a.strip().lower() for a in concerning if a}))}
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to, reply_to=reply_to,
                                     headers=headers if headers[CONCERNING_HEADER] else None)
    message.attach_alternative(html, "text/html")
    for attachment in attachments:
        message.attach(*attachment)
    message.send()


def absolute_url(path: str, request=None) -> str:
    """The address of `path` as a mail or another site should link to it: from the request when there is
    one, else from WAGTAILADMIN_BASE_URL (tasks, commands)."""
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
