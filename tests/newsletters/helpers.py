"""Newsletter helpers: sending an issue in the test's own transaction or waiting for a worker to, and an
email service's credentials."""

import base64
import time

from newsletters import sending
from newsletters.models import Send


def send_now(issue, topics) -> Send:
    """What the send's tasks do, here in the test's own transaction (which never commits)."""
    send, _ = sending.request_send(issue, topics)
    sending.start_send(send.pk)
    while sending.send_batch(send.pk):
        pass
    sending.finish_if_done(send.pk)
    send.refresh_from_db()
    return send


def signed_in(settings) -> dict:
    """The headers of an email service signing in to django-anymail's webhooks."""
    secret = settings.ANYMAIL["WEBHOOK_SECRET"][0]
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()}


def wait_until_done(send: Send, timeout=60.0, poke=None, poke_every=2.0) -> Send:
    """Wait for the send to finish; `poke` (the periodic task, say) runs every `poke_every` seconds."""
    deadline = time.monotonic() + timeout
    poked = time.monotonic()
    while time.monotonic() < deadline:
        send.refresh_from_db()
        if send.status == Send.Status.DONE:
            return send
        if poke and time.monotonic() - poked >= poke_every:
            poke()
            poked = time.monotonic()
        time.sleep(0.1)
    raise AssertionError(f"send still {send.status} after {timeout}s")
