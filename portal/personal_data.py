"""One registry of the personal data each app holds, for the stakeholder's export and erasure.

Each app registers, in its AppConfig.ready(), the models that hold personal data with two functions:
`export(user)` returns JSON-ready data, `erase(user)` removes or anonymises it. A test fails when a
model that points at a user is not registered.
"""

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import models


@dataclass(frozen=True)
class PersonalData:
    model: type[models.Model]
    label: str
    export: Callable
    erase: Callable


_registry: dict[type[models.Model], PersonalData] = {}


def register(model, *, label: str, export: Callable, erase: Callable) -> None:
    _registry[model] = PersonalData(model, label, export, erase)


def registered_models() -> set[type[models.Model]]:
    return set(_registry)


def export_personal_data(user) -> dict:
    return {entry.label: entry.export(user) for entry in _registry.values()}


def erase_personal_data(user) -> None:
    for entry in _registry.values():
        entry.erase(user)


def address_hash(address: str) -> str:
    """A keyed hash of an email address: recognises an address again without keeping it."""
    key = (settings.PERSONAL_DATA_HASH_KEY or settings.SECRET_KEY).encode()
    return hmac.new(key, address.strip().lower().encode(), hashlib.sha256).hexdigest()
