"""Real services for tests: an SMTP server on loopback, a Celery worker on Redis, the browser.

A test whose service is missing skips with its reason on a laptop and fails under CI=true.
"""

import logging
import os
import socket
import threading
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller

CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(available: bool, reason: str) -> None:
    if available:
        return
    if CI:
        pytest.fail(f"{reason} (CI never passes by skipping)")
    pytest.skip(reason)


def port_open(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RecordingHandler:
    """An SMTP server's handler that refuses the first `refuse` messages with a 451, and the recipients
    of `refuse_recipients` with the reply given there."""

    refuse: int = 0
    refuse_recipients: dict = field(default_factory=dict)
    received: list = field(default_factory=list)
    refused: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse_recipients:
            return self.refuse_recipients[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refused < self.refuse:
                self.refused += 1
                return "451 4.3.0 Try again later"
            self.received.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self):
        import email
        from email import policy

        with self.lock:
            return [email.message_from_bytes(e.content, policy=policy.default) for e in self.received]


# aiosmtpd notes each closed connection at INFO from its own thread, which can come after pytest has closed
# the stream a worker's logging writes to ("--- Logging error ---" in the run's output).
logging.getLogger("mail.log").setLevel(logging.WARNING)


class SMTPServer:
    def __init__(self, refuse: int = 0, refuse_recipients: dict | None = None):
        self.handler = RecordingHandler(refuse=refuse, refuse_recipients=refuse_recipients or {})
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    def messages(self):
        return self.handler.messages()


def queued_mail():
    """The messages in the outbox, as the relay will send them.

    Inside a test's transaction nothing commits, so the relay (run on commit) does not run: tests
    that are not transactional read what the change queued.
    """
    from portal.outbox.backend import from_payload
    from portal.outbox.models import OutboxMessage

    return [from_payload(stored) for stored in OutboxMessage.objects.order_by("pk")]
