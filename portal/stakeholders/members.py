"""Content for approved stakeholders only: a page restriction and a private document collection."""

from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from .services import APPROVED_STAKEHOLDERS

MEMBERS_COLLECTION = "Members only"


def restrict_to_members(page: Page) -> None:
    """Open a page (and the pages below it) to approved stakeholders only."""
    if not PageViewRestriction.objects.filter(page=page).exists():
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set([Group.objects.get(name=APPROVED_STAKEHOLDERS)])


def members_collection() -> Collection:
    """The collection whose documents only approved stakeholders may download."""
    collection = Collection.objects.filter(name=MEMBERS_COLLECTION).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=MEMBERS_COLLECTION)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set([Group.objects.get(name=APPROVED_STAKEHOLDERS)])
    return collection


def is_member(user) -> bool:
    """Whether a person may see what is for approved stakeholders (coordinators see all in the admin)."""
    return user.is_authenticated and user.groups.filter(name=APPROVED_STAKEHOLDERS).exists()
