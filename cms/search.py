"""Site search over live public pages and the documents of collections open to everyone."""

from dataclasses import dataclass

from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, Site


@dataclass
class SearchHit:
    kind: str  # "page" or "document"
    title: str
    url: str
    description: str = ""
    extension: str = ""


def public_collection_ids() -> list[int]:
    """Collections with no view restriction on themselves or on any collection above them."""
    restricted = list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    collections = Collection.objects.all()
    if restricted:
        below_restricted = Q()
        for path in restricted:
            below_restricted |= Q(path__startswith=path)
        collections = collections.exclude(below_restricted)
    return list(collections.values_list("pk", flat=True))


def public_pages(site: Site | None):
    pages = Page.objects.live().public()
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    else:
        pages = pages.filter(depth__gt=1)
    return pages


class SearchResults:
    """Page results, then document results, sliced lazily so that a paginator reads one page of each."""

    def __init__(self, request, query: str):
        self.request = request
        self.pages = public_pages(Site.find_for_request(request)).search(query)
        self.documents = (
            get_document_model().objects.filter(collection__in=public_collection_ids()).search(query)
        )

    def count(self) -> int:
        return self.page_count + self.document_count

    @property
    def page_count(self) -> int:
        if not hasattr(self, "_page_count"):
            self._page_count = self.pages.count()
        return self._page_count

    @property
    def document_count(self) -> int:
        if not hasattr(self, "_document_count"):
            self._document_count = self.documents.count()
        return self._document_count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[SearchHit]:
        start, stop = key.start or 0, key.stop
        hits = []
        if start < self.page_count:
            pages = list(self.pages[start:min(stop, self.page_count)])
            # News and resources have a summary: one query per page type on this page of results.
            specific = Page.objects.filter(pk__in=[page.pk for page in pages]).specific().in_bulk()
            for page in pages:
                page = specific.get(page.pk, page)
                description = page.search_description or getattr(page, "summary", "")
                hits.append(SearchHit("page", page.title, page.get_url(self.request), description))
        document_start = max(start - self.page_count, 0)
        document_stop = stop - self.page_count
        if document_stop > 0:
            for document in self.documents[document_start:document_stop]:
                hits.append(SearchHit("document", document.title, document.url,
                                      extension=document.file_extension))
        return hits
