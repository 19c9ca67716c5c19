"""One newsletter message over SMTP, its ledger row marked sent just before the final dot.

An SMTP server discards a message whose DATA never ended with its final dot. So a worker that dies
before the mark leaves a row in `sending` and delivered nothing: sending that row again gives one copy.
A worker that dies between the mark and the final dot leaves a row `sent` for a message never
delivered: for that one message in flight we choose at most once over a second copy. The window is a
single socket write, where sending first and marking after would leave the whole server round trip.
"""

import re
import smtplib
from collections.abc import Callable

from django.core.mail.message import sanitize_address

CRLF = b"\r\n"


class Superseded(Exception):
    """The row was claimed again by another worker (its claim had timed out): this copy is dropped."""


def is_temporary(error: Exception) -> bool:
    """4xx answers and lost connections are worth trying again; 5xx answers are not."""
    code = getattr(error, "smtp_code", None)
    if code is None and isinstance(error, smtplib.SMTPRecipientsRefused):
        code = min(code for code, _ in error.recipients.values())
    if code is None:
        return isinstance(error, (OSError, smtplib.SMTPServerDisconnected))
    return 400 <= code < 500


def deliver(smtp: smtplib.SMTP, message, mark_sent: Callable[[], bool]) -> None:
    """Send `message` (a Django EmailMessage); `mark_sent` records it and says whether it still may."""
    encoding = message.encoding or "utf-8"
    sender = sanitize_address(message.from_email, encoding)
    recipients = [sanitize_address(address, encoding) for address in message.recipients()]
    data = message.message().as_bytes(linesep="\r\n")
    smtp.ehlo_or_helo_if_needed()
    code, reply = smtp.mail(sender)
    if code != 250:
        smtp.rset()
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    for recipient in recipients:
        code, reply = smtp.rcpt(recipient)
        if code not in (250, 251):
            smtp.rset()
            raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
    code, reply = smtp.docmd("data")
    if code != 354:
        raise smtplib.SMTPDataError(code, reply)
    quoted = re.sub(rb"(?m)^\.", b"..", data)
    if not quoted.endswith(CRLF):
        quoted += CRLF
    smtp.send(quoted)
    if not mark_sent():
        smtp.close()  # without the final dot, the server drops what it received
        raise Superseded
    smtp.send(b"." + CRLF)
    code, reply = smtp.getreply()
    if code != 250:
        raise smtplib.SMTPDataError(code, reply)
