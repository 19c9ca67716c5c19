"""The demo coordinator of `make run`: a plain user whose rights come from the Coordinators group."""

import secrets
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.core.demo import CONTENT, LAST, created, register

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


MEMBERS_BRIEFING = (
    "Members' briefing\n\n"
    "This sample document sits in the portal's members-only collection: approved stakeholders can\n"
    "download it, everyone else is refused. Coordinators put working drafts and meeting material here.\n"
)


def create_members_area() -> list[str]:
    """A members-only page under the home page and a sample document in the members' collection."""
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from cms.models import HomePage, StandardPage

    from .members import members_collection, restrict_to_members

    created = []
    collection = members_collection()
    document = Document.objects.filter(collection=collection, title="Members' briefing").first()
    if document is None:
        document = Document.objects.create(
            title="Members' briefing", collection=collection,
            file=ContentFile(MEMBERS_BRIEFING.encode(), name="members-briefing.txt"),
        )
        created.append("members' briefing document")
    home = HomePage.objects.first()
    if home is not None and not StandardPage.objects.filter(slug="members").exists():
        page = home.add_child(instance=StandardPage(
            title="Members' area", slug="members",
            intro="Working material for approved stakeholders of the 1+MG stakeholder community.",
            body=[
                {"type": "paragraph", "value": "<p>Drafts and meeting material for members.</p>"},
                {"type": "document", "value": {"document": document.pk, "title": "Members' briefing"}},
            ],
        ))
        restrict_to_members(page)
        created.append("members' area page")
    return created


def register_demo_steps() -> None:
    def login() -> list[str]:
        email, password = ensure_demo_coordinator()
        return ["", f"Coordinator login: {email} / {password}",
                "Sign in at http://127.0.0.1:8000/admin/ (rights from the Coordinators group)", ""]

    register("stakeholders.members_area", order=CONTENT,
             create=lambda: created("Members area", create_members_area()))
    register("stakeholders.coordinator", order=LAST, create=login)
