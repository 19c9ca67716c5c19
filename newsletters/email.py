"""An issue rendered as email: HTML with inline styles and plain text, rendered once per batch; each
subscriber's copy differs only in its address, Message-ID, and unsubscribe and preferences links
(RFC 2369, RFC 8058 headers), so it is built once and filled in per subscriber (`MessageTemplate`)."""

import html
import re
from dataclasses import dataclass
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags

TOKEN = "__subscriber_token__"
ADDRESS = "subscriber@address.invalid"
MESSAGE_ID = "<message-id@address.invalid>"
RELATIVE_LINK = re.compile(r'(href|src)="/(?!/)')
ENCODED_PART = re.compile(rb"^Content-Transfer-Encoding: *(quoted-printable|base64)", re.I | re.M)
ANCHOR = re.compile(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', re.S)


def site_url() -> str:
    return settings.NEWSLETTER_BASE_URL.rstrip("/")


def unsubscribe_url(token: str) -> str:
    return site_url() + reverse("newsletters:unsubscribe", args=[token])


def preferences_url(token: str) -> str:
    return site_url() + reverse("newsletters:preferences", args=[token])


def html_to_text(markup: str) -> str:
    """Plain text of an email's HTML: links as "text (address)", block ends as line breaks."""
    markup = ANCHOR.sub(lambda m: f"{m.group(2)} ({m.group(1)})", markup)
    markup = re.sub(r"</(p|h[1-6]|li|tr|div)>|<br\s*/?>", "\n", markup)
    text = html.unescape(strip_tags(markup))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


@dataclass
class RenderedIssue:
    subject: str
    html: str
    text: str

    def html_for(self, token: str) -> str:
        return self.html.replace(TOKEN, token)

    @staticmethod
    def sample_token() -> str:
        return "preview"

    def message(self, to: str, token: str, *, newsletter: bool = True,
                message_id: str | None = None) -> EmailMultiAlternatives:
        """One copy; a Message-ID of our own, so that the ledger can record it before sending."""
        headers = {"Message-ID": message_id or make_msgid(domain=settings.NEWSLETTER_MESSAGE_ID_DOMAIN)}
        if newsletter:
            links = [f"<{unsubscribe_url(token)}>"]
            if settings.NEWSLETTER_UNSUBSCRIBE_MAILTO:
                links.append(f"<mailto:{settings.NEWSLETTER_UNSUBSCRIBE_MAILTO}?subject=unsubscribe%20{token}>")
            headers["List-Unsubscribe"] = ", ".join(links)
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
            headers["List-Id"] = f"<newsletter.{settings.NEWSLETTER_MESSAGE_ID_DOMAIN}>"
        message = EmailMultiAlternatives(
            self.subject, self.text.replace(TOKEN, token), settings.NEWSLETTER_FROM_EMAIL, [to],
            headers=headers,
        )
        message.attach_alternative(self.html_for(token), "text/html")
        return message


class MessageTemplate:
    """The bytes of one subscriber's copy, ready for SMTP DATA (CRLF, dot-stuffed), with placeholders for
    the address, the token and the Message-ID: filling them in costs far less than building a MIME
    message per subscriber."""

    def __init__(self, rendered: RenderedIssue):
        self.rendered = rendered
        message = rendered.message(ADDRESS, TOKEN, message_id=MESSAGE_ID)
        self.sender = message.from_email
        self.data = dot_stuffed(message.message().as_bytes(linesep="\r\n"))
        parts = [rendered.html, rendered.text, *message.extra_headers.values()]
        tokens = sum(part.count(TOKEN) for part in parts)
        # Parts in quoted-printable or base64 (lines over 998 characters, say) wrap or encode their text,
        # so a placeholder there cannot be swapped: then each copy is built on its own.
        counts = [self.data.count(placeholder.encode()) for placeholder in (TOKEN, ADDRESS, MESSAGE_ID)]
        self.fillable = not ENCODED_PART.search(self.data) and counts == [tokens, 1, 1]

    def fill(self, address: str, token: str, message_id: str) -> bytes:
        if self.fillable and address.isascii():
            data = self.data
            for placeholder, value in ((ADDRESS, address), (TOKEN, token), (MESSAGE_ID, message_id)):
                data = data.replace(placeholder.encode(), value.encode())
            return data
        message = self.rendered.message(address, token, message_id=message_id)
        return dot_stuffed(message.message().as_bytes(linesep="\r\n"))


def dot_stuffed(data: bytes) -> bytes:
    """SMTP DATA without its final dot: lines starting with a dot get a second one (RFC 5321 4.5.2)."""
    data = re.sub(rb"(?m)^\.", b"..", data)
    return data if data.endswith(b"\r\n") else data + b"\r\n"


def render_issue(issue) -> RenderedIssue:
    context = {
        "issue": issue, "site_url": site_url(),
        "unsubscribe_url": unsubscribe_url(TOKEN), "preferences_url": preferences_url(TOKEN),
    }
    markup = render_to_string("newsletters/email/issue.html", context)
    markup = RELATIVE_LINK.sub(lambda m: f'{m.group(1)}="{site_url()}/', markup)
    body = markup.split("<!-- body -->")[1] if "<!-- body -->" in markup else markup
    text = render_to_string("newsletters/email/issue.txt", {**context, "body": html_to_text(body)})
    return RenderedIssue(subject=issue.title, html=markup, text=text)
