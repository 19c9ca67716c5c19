"""Mark the addresses a mail server reported as bounced (or as spam complaints): nothing is sent to them
again. Addresses one a line (or the first column of a CSV), from files or standard input."""

import csv
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from newsletters.models import Subscriber
from newsletters.services import mark_undeliverable


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="Files of addresses; none: standard input.")
        parser.add_argument("--complained", action="store_true",
                            help="The addresses complained (marked the newsletter as spam).")

    def handle(self, *args, files, complained, **options):
        addresses, skipped = [], []
        for stream in self._streams(files):
            for row in csv.reader(stream):
                if not row or not row[0].strip() or row[0].strip().lower() == "email":
                    continue
                try:
                    validate_email(row[0].strip())
                except ValidationError:
                    skipped.append(row[0].strip())
                    continue
                addresses.append(row[0].strip().lower())
        status = Subscriber.Status.COMPLAINED if complained else Subscriber.Status.BOUNCED
        marked = mark_undeliverable(addresses, status)
        for address in skipped:
            self.stderr.write(f"Not an email address, skipped: {address}")
        read = len(set(addresses))
        self.stdout.write(f"{marked} subscriber(s) marked {status} of {read} address(es) read.")

    def _streams(self, files):
        if not files:
            yield sys.stdin
            return
        for name in files:
            try:
                with open(name, newline="", encoding="utf-8") as stream:
                    yield stream
            except OSError as error:
                raise CommandError(f"Cannot read {name}: {error}") from error
