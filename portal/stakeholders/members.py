"""Content for approved stakeholders only: a page restriction and a private document collection."""

from django.contrib.auth.models import Group
from django.template.response import TemplateResponse
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


def _members_only(request, restrictions, what: str):
    """A signed-in person who is not an approved stakeholder is told why, not sent to sign in again."""
    if not request.user.is_authenticated:
        return None
    for restriction in restrictions:
        refused = not restriction.accept_request(request)
        if refused and restriction.restriction_type == PageViewRestriction.GROUPS:
            context = {"what": what}
            response = TemplateResponse(request, "stakeholders/members_only.html", context, status=403)
            response["Cache-Control"] = "private, no-cache, no-store, must-revalidate"
            return response
    return None


def members_only_page(page, request, serve_args, serve_kwargs):
    return _members_only(request, page.get_view_restrictions(), "page")


def members_only_document(document, request):
    return _members_only(request, document.collection.get_view_restrictions(), "document")
