"""Newsletter messages over several SMTP connections at once, their ledger rows marked sent just before
the final dots.

An SMTP server discards a message whose DATA never ended with its final dot. So a worker that dies
before the mark leaves its rows in `sending` and delivered nothing: sending those rows again gives one
copy. A worker that dies between the mark and the final dots leaves rows `sent` for messages never
delivered: for the messages in flight (one a connection) we choose at most once over a second copy. The
window is the database's answer to the mark and a few socket writes, where sending first and marking
after would leave the whole server round trip.

The connections go in step: each command is written on all of them before their replies are read, so
the server works on several messages while each waits, and one mark (one commit) covers the group.
"""

import smtplib
import socket
from collections.abc import Callable
from dataclasses import dataclass

from django.core.mail.backends.smtp import EmailBackend

CRLF = b"\r\n"


@dataclass(eq=False)
class Outgoing:
    """One message: DATA bytes without the final dot (newsletters.email.MessageTemplate makes them)."""

    key: object
    sender: str
    recipient: str
    data: bytes
    error: Exception | None = None
    marked: bool = False  # recorded as sent before its final dot
    superseded: bool = False  # claimed again by another worker (its claim had timed out): dropped here


def is_temporary(error: Exception) -> bool:
    """4xx answers and lost connections are worth trying again; 5xx answers are not."""
    code = getattr(error, "smtp_code", None)
    if code is None and isinstance(error, smtplib.SMTPRecipientsRefused):
        code = min(code for code, _ in error.recipients.values())
    if code is None:
        return isinstance(error, (OSError, smtplib.SMTPServerDisconnected))
    return 400 <= code < 500


def _mail_from(smtp: smtplib.SMTP, item: Outgoing) -> None:
    smtp.putcmd("mail", f"FROM:{smtplib.quoteaddr(item.sender)}")


def _rcpt_to(smtp: smtplib.SMTP, item: Outgoing) -> None:
    smtp.putcmd("rcpt", f"TO:{smtplib.quoteaddr(item.recipient)}")


def _sender_refused(code: int, reply: bytes, item: Outgoing) -> Exception:
    return smtplib.SMTPSenderRefused(code, reply, item.sender)


def _recipient_refused(code: int, reply: bytes, item: Outgoing) -> Exception:
    return smtplib.SMTPRecipientsRefused({item.recipient: (code, reply)})


def _data_refused(code: int, reply: bytes, item: Outgoing) -> Exception:
    return smtplib.SMTPDataError(code, reply)


class Connections:
    """Up to `size` SMTP connections, opened with Django's SMTP settings when first needed."""

    def __init__(self, size: int):
        self.backends = [EmailBackend(fail_silently=False) for _ in range(size)]

    def close(self) -> None:
        for backend in self.backends:
            self._drop(backend, quit=True)

    def send(self, group: list[Outgoing], mark_sent: Callable[[list[Outgoing]], set]) -> None:
        """Send a group (at most one message a connection). `mark_sent` records the messages about to
        be ended and returns those that still may be; errors are left on each message."""
        pairs = []
        for backend, item in zip(self.backends, group, strict=False):
            try:
                self._open(backend)
                pairs.append((backend, item))
            except Exception as error:
                item.error = error
        pairs = self._step(pairs, _mail_from, {250}, _sender_refused)
        pairs = self._step(pairs, _rcpt_to, {250, 251}, _recipient_refused)
        pairs = self._step(pairs, lambda smtp, item: smtp.putcmd("data"), {354}, _data_refused)
        pairs = self._each(pairs, lambda smtp, item: smtp.send(item.data))
        allowed = mark_sent([item for _, item in pairs]) if pairs else set()
        for backend, item in pairs:
            item.marked = item in allowed
            if not item.marked:
                item.superseded = True
                self._drop(backend)  # without the final dot, the server drops the message
        pairs = self._each([(backend, item) for backend, item in pairs if item in allowed],
                           lambda smtp, item: smtp.send(b"." + CRLF))
        self._step(pairs, None, {250}, _data_refused)

    def _open(self, backend: EmailBackend) -> None:
        if backend.connection is None:
            backend.open()
            # Each command goes in a write of its own: without this, Nagle's algorithm holds them back.
            backend.connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            backend.connection.ehlo_or_helo_if_needed()

    def _drop(self, backend: EmailBackend, quit: bool = False) -> None:
        if backend.connection is None:
            return
        try:
            backend.connection.quit() if quit else backend.connection.close()
        except Exception:  # a connection already lost
            backend.connection.close()
        backend.connection = None

    def _each(self, pairs, write):
        """Write on each connection; a connection that fails is dropped, with its message's error."""
        going = []
        for backend, item in pairs:
            try:
                write(backend.connection, item)
                going.append((backend, item))
            except Exception as error:
                item.error = error
                self._drop(backend)
        return going

    def _step(self, pairs, command, expected: set[int], refusal):
        """Write a command on every connection, then read every reply; a refused message's connection is
        reset for the next message."""
        if command is not None:
            pairs = self._each(pairs, command)
        going = []
        for backend, item in pairs:
            try:
                code, reply = backend.connection.getreply()
            except Exception as error:
                item.error = error
                self._drop(backend)
                continue
            if code in expected:
                going.append((backend, item))
                continue
            item.error = refusal(code, reply, item)
            try:
                backend.connection.rset()
            except Exception:
                self._drop(backend)
        return going
