"""The open-data API: one read-only django-ninja API of what anyone may see, at /api/v1/ (portal/urls.py,
outside any language prefix), described by the OpenAPI document it generates (/api/v1/openapi.json). It
has no documentation page: django-ninja's Swagger UI runs under the CSP but fails axe in its own markup.

Each app adds a router of its own (`<app>/api.py`) with `add_router` from its `ready()`. The API answers
everyone alike, signed in or not, so its answers may be kept by any cache: every 200 says `public` for
`MAX_AGE` seconds and carries an ETag, and a request naming that ETag gets 304. Every operation counts
against the client address's limit (ACCOUNT_RATE_LIMITS["api"], allauth's limiter, like the survey forms);
beyond it the answer is 429 with Retry-After."""

import math
import threading
import time
from functools import wraps

from allauth.core.internal import ratelimit
from django.core.cache import cache
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import conditional_page
from ninja import Field, NinjaAPI, Router, Schema
from ninja.errors import Throttled, ValidationError
from ninja.throttling import BaseThrottle

PER_PAGE = 10
MAX_AGE = 60  # seconds a client or proxy may reuse an answer without asking again
RATE_LIMIT = "api"  # the action of ACCOUNT_RATE_LIMITS
_LIMITS = "allauth.account"  # where allauth reads ACCOUNT_RATE_LIMITS


class RateLimit(BaseThrottle):
    """allauth's rate limiter for the API's GET requests, which its public `consume` never counts."""

    def __init__(self, action: str):
        self.action = action
        self.refused = threading.local()  # ninja asks wait() right after allow_request(), in the same thread

    def allow_request(self, request) -> bool:
        if ratelimit.consume(request, app=_LIMITS, action=self.action, limit_get=True):
            return True
        self.refused.seconds = self.retry_after(request)
        return False

    def wait(self) -> float | None:
        return getattr(self.refused, "seconds", None)

    def retry_after(self, request) -> int:
        """Seconds until every limit takes a request again: each keeps the times of the requests it
        counted, newest first, and takes one more once the oldest that fills it leaves its period."""
        now, waits = time.time(), [1.0]
        for rate in ratelimit.get_rates(app=_LIMITS, action=self.action):
            key = ratelimit.get_cache_key(request, app=_LIMITS, action=self.action, rate=rate)
            counted = cache.get(key, [])
            if len(counted) >= rate.amount:
                waits.append(counted[rate.amount - 1] + rate.duration - now)
        return math.ceil(max(waits))


class Problem(Schema):
    detail: str = Field(description="What went wrong, in the language the request asked for.")


class Paged(Schema):
    """What every list of the API shares; a list's schema adds its `items`."""

    count: int = Field(description="How many items there are on all pages.")
    page: int = Field(description="This page's number, from 1.")
    pages: int = Field(description="How many pages there are.")
    next: str | None = Field(description="The address of the next page; null on the last.")
    previous: str | None = Field(description="The address of the previous page; null on the first.")


def paged(request, items, number: int, per_page: int = PER_PAGE) -> dict:
    """The fields of `Paged` and the `items` of page `number`; a page past the last is not found."""
    paginator = Paginator(items, per_page)
    try:
        page = paginator.page(number)
    except EmptyPage:
        raise Http404 from None

    def link(other: int) -> str:
        query = request.GET.copy()
        query["page"] = other
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": paginator.count, "page": number, "pages": paginator.num_pages,
        "next": link(number + 1) if page.has_next() else None,
        "previous": link(number - 1) if page.has_previous() else None,
        "items": list(page.object_list),
    }


def _public(view):
    """A 200 may be kept by any cache for MAX_AGE seconds; with its ETag (from its content), a request
    that names it gets 304 with the same headers."""

    @wraps(view)
    def public_view(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response

    return conditional_page(public_view)


ERRORS = {404: Problem, 422: Problem, 429: Problem}  # every operation's documented failures

api = NinjaAPI(
    title="1+MG stakeholder portal: open data",
    version="1",
    description=(
        "What the portal publishes, read-only and the same for everyone: the public results of surveys, "
        "with counts below a threshold suppressed. Lists are paginated (`page`); answers carry an ETag "
        f"and may be cached for {MAX_AGE} seconds; requests are rate-limited per client address "
        "(429 with Retry-After)."
    ),
    urls_namespace="api_v1",
    docs_url=None,
    throttle=RateLimit(RATE_LIMIT),
)
api.add_decorator(_public, mode="view")


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": _("There is nothing public at this address.")}, status=404)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    fields = sorted({str(error["loc"][-1]) for error in exc.errors if error.get("loc")})
    message = _("Not a valid value for: %(fields)s.") % {"fields": ", ".join(fields)}
    return api.create_response(request, {"detail": message}, status=422)


@api.exception_handler(Throttled)
def _throttled(request, exc):
    message = _("Too many requests from your address: try again after the seconds that Retry-After gives.")
    return api.create_response(request, {"detail": message}, status=429)


def add_router(prefix: str, router: Router) -> None:
    """Mount an app's router under /api/v1/<prefix>; apps call it from their ready()."""
    api.add_router(prefix, router)
