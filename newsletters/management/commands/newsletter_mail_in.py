"""Read one email (RFC 5322) on standard input, as a mail server's pipe delivers it, and unsubscribe the
subscriber whose token it names (mail to NEWSLETTER_UNSUBSCRIBE_MAILTO). Mail naming nobody is ignored;
either way the exit status is 0, so the mail server bounces nothing back to the sender."""

import sys
from email import message_from_bytes

from django.core.management.base import BaseCommand
from django.db import DatabaseError

from newsletters.mail_in import unsubscribe_by_mail

# sendmail's EX_TEMPFAIL: the mail server keeps the message and delivers it again later.
TEMPORARY_FAILURE = 75


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        message = message_from_bytes(sys.stdin.buffer.read())
        try:
            outcome = unsubscribe_by_mail(message)
        except DatabaseError as error:
            self.stderr.write(f"The database is not available, try again later: {error}")
            sys.exit(TEMPORARY_FAILURE)
        self.stdout.write(str(outcome))
