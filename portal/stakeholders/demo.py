"""The demo coordinator of `make run`: a plain user whose rights come from the Coordinators group."""

import secrets
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .services import COORDINATORS

COORDINATOR_EMAIL = "coordinator@example.org"


def ensure_demo_coordinator() -> tuple[str, str]:
    """Create the coordinator once; its password is kept in var/ so `make run` can print it again."""
    password_file = Path(settings.BASE_DIR) / "var" / "coordinator-password.txt"
    User = get_user_model()
    user = User.objects.filter(email__iexact=COORDINATOR_EMAIL).first()
    if user is None:
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(
            username="coordinator", email=COORDINATOR_EMAIL, password=password,
            first_name="Demo", last_name="Coordinator",
        )
        user.groups.add(Group.objects.get(name=COORDINATORS))
        EmailAddress.objects.create(user=user, email=COORDINATOR_EMAIL, verified=True, primary=True)
        password_file.parent.mkdir(parents=True, exist_ok=True)
        password_file.write_text(password)
    elif password_file.exists():
        password = password_file.read_text().strip()
    else:
        password = "(unchanged; set it with: manage.py changepassword coordinator)"
    return COORDINATOR_EMAIL, password
