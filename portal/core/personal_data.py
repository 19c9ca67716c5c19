"""One registry of the personal data each app holds, for the stakeholder's export and erasure.

The rule, applied here and nowhere else: a person's data is what points at their account, plus what is
linked to an address of theirs that allauth marks verified, and never a row that points at another account.
Every entry receives an `Owner` (the account and its verified addresses), not a bare user, and builds its
queries with `Owner.rows()` or `Owner.by_address()`. An address someone merely typed under
/accounts/email/ gives them nothing.

Each app registers, in its AppConfig.ready(), the models that hold personal data with two functions:
`export(owner)` returns JSON-ready data, `erase(owner)` removes or anonymises it. Tests fail when a model
that points at a user is not registered, and when an entry has no sample of "someone else's record" in
tests/personal_data_samples.py: every entry is tried against a person holding the victim's address
unverified.
"""

import hashlib
import hmac
import operator
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce

from django.conf import settings
from django.db import models
from django.db.models import Q


@dataclass(frozen=True)
class Owner:
    """A person as the personal-data rule sees them: their account and their verified addresses."""

    user: models.Model
    addresses: frozenset[str]

    @classmethod
    def of(cls, user) -> "Owner":
        from allauth.account.models import EmailAddress

        verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
        return cls(user, frozenset(address.strip().lower() for address in verified))

    def by_address(self, field: str = "email") -> Q:
        """Rows whose address field holds one of the verified addresses, in any letter case."""
        if not self.addresses:
            return Q(pk__in=[])
        matches = (Q(**{f"{field}__iexact": address}) for address in sorted(self.addresses))
        return reduce(operator.or_, matches)

    def rows(self, account: str, address: str = "email") -> Q:
        """Rows that point at the account, and rows of a verified address that point at no account."""
        return Q(**{account: self.user}) | (self.by_address(address) & Q(**{f"{account}__isnull": True}))


@dataclass(frozen=True)
class PersonalData:
    model: type[models.Model]
    label: str
    export: Callable[[Owner], object]
    erase: Callable[[Owner], None]


_registry: dict[type[models.Model], PersonalData] = {}


def register(model, *, label: str, export: Callable, erase: Callable) -> None:
    _registry[model] = PersonalData(model, label, export, erase)


def registered() -> list[PersonalData]:
    return list(_registry.values())


def registered_models() -> set[type[models.Model]]:
    return set(_registry)


def export_personal_data(user) -> dict:
    owner = Owner.of(user)
    return {entry.label: entry.export(owner) for entry in _registry.values()}


def erase_personal_data(owner: Owner) -> None:
    for entry in _registry.values():
        entry.erase(owner)


def address_hash(address: str) -> str:
    """A keyed hash of an email address: recognises an address again without keeping it."""
    key = (settings.PERSONAL_DATA_HASH_KEY or settings.SECRET_KEY).encode()
    return hmac.new(key, address.strip().lower().encode(), hashlib.sha256).hexdigest()
